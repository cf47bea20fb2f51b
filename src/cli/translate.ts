// `transpile INPUT.s --to riscv64`: translates an AArch64 file to RISC-V64,
// verifies every emitted block, writes the assembly and a summary (and a
// JSON report on request).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAsm } from '../asm/index.js';
import { formatDiagnostic } from '../asm/source.js';
import { libcPrototypes } from '../abi/libc.js';
import { parsePrototypes, PrototypeError } from '../cfront/prototypes.js';
import { buildProgram } from '../program/build.js';
import { translateAndVerify, type TranslateRun } from '../translate/run.js';
import { buildReport, exitCodeFor, summaryText } from '../translate/report.js';
import { UserError } from './errors.js';
import { DEFAULT_MAX_INPUT_MB, parseIsaOption, readAsmInput } from './input.js';

export const TRANSLATE_HELP = `Usage: transpile INPUT.s [--from ISA] --to ISA [-o OUT.s] [options]

Translates an assembly file to another ISA, block by block, and verifies
every emitted block against its source block (random and edge-value tests
first, then a Z3 proof). Today: --from aarch64 --to riscv64.

Options:
  --from ISA            ISA of INPUT (detected when omitted)
  --to ISA              target ISA (required): riscv64
  -o, --output FILE     write the assembly here (default: stdout)
  --report FILE         write the JSON report here (docs/translate-json.md)
  --guesser NAME        rules (default, offline) or replay
  --replay FILE         candidate target blocks for --guesser replay (docs/translate.md)
  --headers FILE.h      more C prototypes for external calls (repeatable)
  --allow-unverified    emit refuted blocks (marked with a comment) instead of failing
  --no-proof            test only, no Z3
  --no-verify           skip block verification (every block is reported unverified)
  --repair-ms N         time to repair one refuted block by sketch completion
                        (default 10000; 0 turns repair off); a repair is kept
                        only when the block verifier proves it
  --runs N              test runs per block (default 64)
  --seed N              seed of the test states (default 1)
  --timeout-ms N        solver time limit per query (default 5000)
  --jobs N              verification processes (default 1)
  --max-input-mb N      input size limit (default ${DEFAULT_MAX_INPUT_MB})
  -h, --help            this text

Functions that cannot be translated soundly are refused: the output keeps
their label with a trapping stub (\`unimp\`) and a comment giving the
reason and location; the rest of the file is translated.

Each translated function gets a status lifted from its block results along
the CFG (proven only when every block is proven and the mappings compose);
a function whose blocks do not compose is reported with a warning and in the
report, and does not change the exit code.

Exit codes: 0 translated, every emitted block proven or tested;
1 a block was refuted (without --allow-unverified: no output is written);
4 some function was refused (the output is still written);
2 usage or input errors.
`;

async function loadHeaders(files: string[]): Promise<Map<string, import('../cfront/ctypes.js').Prototype>> {
  const protos = new Map(await libcPrototypes());
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UserError(`${file}: cannot read header`);
    }
    try {
      for (const p of await parsePrototypes(text, file)) protos.set(p.name, p);
    } catch (e) {
      if (e instanceof PrototypeError) throw new UserError(e.message);
      throw e;
    }
  }
  return protos;
}

function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} must be a non-negative integer (got '${v}')`);
  return n;
}

export async function runTranslate(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      output: { type: 'string', short: 'o' },
      report: { type: 'string' },
      guesser: { type: 'string' },
      replay: { type: 'string' },
      headers: { type: 'string', multiple: true },
      'allow-unverified': { type: 'boolean' },
      'no-proof': { type: 'boolean' },
      'repair-ms': { type: 'string' },
      'no-verify': { type: 'boolean' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'timeout-ms': { type: 'string' },
      jobs: { type: 'string' },
      'max-input-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(TRANSLATE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UserError(`expected one input file (got ${positionals.length})\n\n${TRANSLATE_HELP}`);
  const to = parseIsaOption(values.to, '--to');
  if (!to) throw new UserError('--to is required (e.g. --to riscv64)');
  const from = parseIsaOption(values.from, '--from');
  const input = readAsmInput(positionals[0]!, from, positiveInt(values['max-input-mb'], '--max-input-mb', DEFAULT_MAX_INPUT_MB), '--from');
  if (input.detected) err(`transpile: ${input.path}: reading as ${input.isa} (detected; pass --from to choose)\n`);
  if (input.isa !== 'aarch64' || to !== 'riscv64') {
    throw new UserError(`translation from ${input.isa} to ${to} is not supported yet (supported: aarch64 -> riscv64)`);
  }
  const guesser = values.guesser ?? 'rules';
  if (guesser !== 'rules' && guesser !== 'replay') throw new UserError(`--guesser must be rules or replay (got '${guesser}')`);
  if (guesser === 'replay' && !values.replay) throw new UserError('--guesser replay needs --replay FILE');
  const parsed = parseAsm(input.text, input.path, input.isa);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of parsed.diagnostics) err(formatDiagnostic(d, parsed.source) + '\n');
    return 2;
  }
  const program = buildProgram(parsed.file);
  const prototypes = await loadHeaders(values.headers ?? []);
  const started = Date.now();
  const run: TranslateRun = await translateAndVerify(program, {
    prototypes,
    guesser,
    ...(values.replay ? { replayFile: values.replay } : {}),
    noProof: values['no-proof'] ?? false,
    runs: positiveInt(values.runs, '--runs', 64),
    seed: positiveInt(values.seed, '--seed', 1),
    timeoutMs: positiveInt(values['timeout-ms'], '--timeout-ms', 5000),
    jobs: Math.max(1, positiveInt(values.jobs, '--jobs', 1)),
    allowUnverified: values['allow-unverified'] ?? false,
    skipVerify: values['no-verify'] ?? false,
    repairMs: positiveInt(values['repair-ms'], '--repair-ms', 10000),
    progress: process.stderr.isTTY ? (done, total) => {
      if (Date.now() - started > 1000) process.stderr.write(`\rtranspile: verifying blocks ${done}/${total}`);
    } : undefined,
  });
  if (process.stderr.isTTY && Date.now() - started > 1000) process.stderr.write('\n');
  const elapsed = Date.now() - started;
  const report = buildReport(run, input.path, elapsed);
  if (values.report) fs.writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
  const code = exitCodeFor(run);
  for (const f of run.functions) {
    if (f.result.kind === 'refused') err(`${f.result.location}: error: function '${f.result.name}' not translated: ${f.result.reason}\n`);
    if (f.lift && f.lift.composition.length) {
      const where = f.blocks[0]?.location ?? input.path;
      err(`${where}: warning: the block results of '${f.result.name}' do not compose into a function proof: ${f.lift.composition[0]}${f.lift.composition.length > 1 ? ` (and ${f.lift.composition.length - 1} more in the report)` : ''}\n`);
    }
    for (const b of f.blocks) {
      if (b.status.status === 'refuted') {
        err(`${b.location}: ${values['allow-unverified'] ? 'warning' : 'error'}: block ${b.label} of '${f.result.name}' refuted: ${b.status.counterexample}\n`);
      }
    }
  }
  if (code !== 1 || values['allow-unverified']) {
    if (values.output) fs.writeFileSync(values.output, run.assembly);
    else out(run.assembly);
  }
  err(summaryText(report));
  return code;
}
