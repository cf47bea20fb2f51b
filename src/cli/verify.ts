// `transpile verify A.s B.s`: checks that two assembly files (the same ISA or
// two ISAs) implement the same functions, for CI gates on translations
// produced elsewhere.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { dialectFor, parseAsm } from '../asm/index.js';
import { formatDiagnostic } from '../asm/source.js';
import type { Prototype } from '../cfront/ctypes.js';
import { parsePrototype, parsePrototypes, PrototypeError } from '../cfront/prototypes.js';
import { buildProgram } from '../program/build.js';
import type { AsmProgram } from '../program/model.js';
import { closeDefaultSolvers, type BackendChoice } from '../smt/solver.js';
import { smtChecker } from '../verify/checker.js';
import { verifyExitCode, verifyPrograms, type FunctionVerdict, type VerifyReport } from '../verify/verify.js';
import { UserError } from './errors.js';
import { DEFAULT_MAX_INPUT_MB, parseIsaOption, readAsmInput } from './input.js';

export const VERIFY_HELP = `Usage: transpile verify A.s B.s [--from ISA] [--to ISA] [options]

Checks that B implements every function of A (and A every function of B)
with the same observable behaviour: results, memory written outside the
function's own stack frame, callee-saved registers, and the calls made.
A and B may be in the same ISA (two compilations) or in two ISAs (a
translation). Every function gets one verdict:

  equivalent                 proven for all inputs
  equivalent up to bound K   proven for executions of at most K loop iterations
  different                  with a concrete counterexample that reproduces on
                             the interpreter
  inconclusive               with the reason (tested without difference but not
                             proven, unsupported instructions, ...)

Options:
  --from ISA         ISA of A (aarch64, riscv64); detected when omitted
  --to ISA           ISA of B; detected when omitted
  --function NAME    only this function (repeatable)
  --prototype 'P'    the C prototype of a function, e.g. 'int f(int, const char *)':
                     only the bits each calling convention defines are assumed and
                     compared (repeatable). Without one, all 64 bits of the eight
                     integer argument registers are assumed equal and the integer
                     result register is compared in full, and the report says so.
  --headers FILE.h   read prototypes (and typedefs) from a C header (repeatable)
  --runs N           random and edge-value tests per function (default 1000)
  --seed N           seed of the test inputs (default 1); verdicts are reproducible
  --max-steps N      instructions per test run before giving up (default 100000)
  --timeout-ms N     time limit of each solver query (default 10000)
  --solver NAME      auto (native z3 when on PATH, else the bundled WASM build),
                     native or wasm
  --no-proof         test only; verdicts are then at best inconclusive
  --json             machine-readable report on stdout (docs/verify-json.md)
  -h, --help         this text

Exit codes: 0 every function proven equivalent; 1 some function is different;
3 none is different but some are not proven; 2 usage or input errors.
`;

async function loadPrototypes(values: { prototype?: string[]; headers?: string[] }): Promise<Map<string, Prototype>> {
  const out = new Map<string, Prototype>();
  try {
    for (const file of values.headers ?? []) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UserError(`${file}: cannot read header`);
      }
      for (const p of await parsePrototypes(text, file)) out.set(p.name, p);
    }
    for (const text of values.prototype ?? []) {
      const p = await parsePrototype(text);
      out.set(p.name, p);
    }
  } catch (e) {
    if (e instanceof PrototypeError) throw new UserError(e.message);
    throw e;
  }
  return out;
}

function load(path: string, isaFlag: string | undefined, flag: string, err: (s: string) => void): AsmProgram | undefined {
  const input = readAsmInput(path, parseIsaOption(isaFlag, flag), DEFAULT_MAX_INPUT_MB, flag);
  if (input.detected) err(`transpile: ${path}: reading as ${dialectFor(input.isa).title} (detected; pass ${flag} to choose)\n`);
  const parsed = parseAsm(input.text, path, input.isa);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  for (const d of parsed.diagnostics) err(formatDiagnostic(d, parsed.source) + '\n');
  if (errors.length) return undefined;
  if (input.isa === 'x86_64') throw new UserError(`${path}: verification of x86-64 code is not supported yet (AArch64 and RISC-V64 are)`);
  return buildProgram(parsed.file);
}

const hex = (v: bigint | undefined) => (v === undefined ? '-' : `0x${v.toString(16)}`);

function describeVerdict(f: FunctionVerdict): string[] {
  const v = f.verdict;
  const lines: string[] = [];
  switch (v.kind) {
    case 'equivalent':
      lines.push(`equivalent (${v.how})`);
      break;
    case 'equivalent-bounded':
      lines.push(`equivalent up to bound ${v.bound} (${v.how})`);
      break;
    case 'different':
      lines.push(`different: ${v.reason}`);
      if (v.counterexample) {
        const c = v.counterexample;
        lines.push(`  inputs: ${c.input.args.map((a, i) => `arg${i}=${hex(a)}`).join(' ')} (memory seed ${c.input.seed})`);
        lines.push(`  A: ${c.a.status}${c.a.result !== undefined ? `, result ${hex(c.a.result)}` : ''}${c.a.reason ? ` (${c.a.reason})` : ''}`);
        lines.push(`  B: ${c.b.status}${c.b.result !== undefined ? `, result ${hex(c.b.result)}` : ''}${c.b.reason ? ` (${c.b.reason})` : ''}`);
      }
      break;
    case 'inconclusive':
      lines.push(`inconclusive: ${v.reason}`);
      break;
  }
  return lines;
}

export function reportToJson(report: VerifyReport, exitCode: number): unknown {
  return {
    format: 'transpile-verify',
    version: 1,
    a: report.a,
    b: report.b,
    exitCode,
    assumptions: report.assumptions,
    unmatchedLocal: report.unmatchedLocal,
    functions: report.functions.map((f) => {
      const v = f.verdict;
      const cex =
        v.kind === 'different' && v.counterexample
          ? {
              args: v.counterexample.input.args.map(hex),
              memorySeed: v.counterexample.input.seed,
              a: { status: v.counterexample.a.status, result: hex(v.counterexample.a.result), reason: v.counterexample.a.reason ?? null },
              b: { status: v.counterexample.b.status, result: hex(v.counterexample.b.result), reason: v.counterexample.b.reason ?? null },
            }
          : null;
      return {
        name: f.name,
        verdict: v.kind,
        reason: 'reason' in v ? v.reason : null,
        how: 'how' in v ? v.how : null,
        bound: v.kind === 'equivalent-bounded' ? v.bound : null,
        loops: v.kind === 'equivalent' && v.loops ? v.loops : null,
        prototype: f.prototype,
        tests: f.tests,
        counterexample: cex,
      };
    }),
  };
}

export async function runVerify(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      function: { type: 'string', multiple: true },
      prototype: { type: 'string', multiple: true },
      headers: { type: 'string', multiple: true },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'max-steps': { type: 'string' },
      'timeout-ms': { type: 'string' },
      solver: { type: 'string' },
      'no-proof': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(VERIFY_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UserError(`verify takes two files, A.s and B.s (got ${positionals.length})\n\n${VERIFY_HELP}`);
  const num = (v: string | undefined, flag: string, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} takes a non-negative whole number (got '${v}')`);
    return n;
  };
  const runs = num(values.runs, '--runs', 1000);
  const seed = num(values.seed, '--seed', 1);
  const maxSteps = num(values['max-steps'], '--max-steps', 100_000);
  const timeoutMs = num(values['timeout-ms'], '--timeout-ms', 10_000);
  const solver = (values.solver ?? 'auto') as BackendChoice;
  if (!['auto', 'native', 'wasm'].includes(solver)) throw new UserError(`--solver must be auto, native or wasm (got '${solver}')`);
  const prototypes = await loadPrototypes(values);

  const a = load(positionals[0]!, values.from, '--from', err);
  const b = load(positionals[1]!, values.to, '--to', err);
  if (!a || !b) return 2;

  const report = await verifyPrograms(a, b, {
    runs,
    seed,
    maxSteps,
    prototypes,
    ...(values.function ? { functions: values.function } : {}),
    ...(values['no-proof'] ? {} : { checker: smtChecker(timeoutMs, solver) }),
  });
  await closeDefaultSolvers();
  const code = verifyExitCode(report);
  if (values.json) {
    out(JSON.stringify(reportToJson(report, code), null, 2) + '\n');
    return code;
  }
  out(`verify ${report.a.file} (${report.a.isa}) against ${report.b.file} (${report.b.isa})\n`);
  const width = Math.max(8, ...report.functions.map((f) => f.name.length));
  for (const f of report.functions) {
    const [first, ...rest] = describeVerdict(f);
    out(`  ${f.name.padEnd(width)}  ${first}\n`);
    for (const l of rest) out(`  ${' '.repeat(width)}  ${l}\n`);
  }
  const count = (k: string) => report.functions.filter((f) => f.verdict.kind === k).length;
  out(
    `${report.functions.length} functions: ${count('equivalent')} proven, ${count('equivalent-bounded')} bounded, ` +
      `${count('different')} different, ${count('inconclusive')} inconclusive\n`,
  );
  for (const u of report.unmatchedLocal) out(`note: local function ${u.name} is only in ${u.file}; callers cannot see it, so it is not compared\n`);
  if (!prototypes.size) out('note: no prototypes given: all 64 bits of the integer argument and result registers are assumed and compared\n');
  for (const a of report.assumptions) out(`assumes: ${a}\n`);
  return code;
}
