// `transpile sketch SKETCH.s`: fills the holes of a sketch so that it meets a
// specification (a reference function or input/output examples), or proves
// that no filling exists. docs/sketch.md has the hole syntax and the formats.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closeDefaultSolvers, type BackendChoice } from '../smt/solver.js';
import { completeSketch, SketchInputError, type CompleteSketchResult } from '../sketch/index.js';
import { UserError } from './errors.js';
import { DEFAULT_MAX_INPUT_MB, parseIsaOption, readAsmInput } from './input.js';

export const SKETCH_HELP = `Usage: transpile sketch SKETCH.s --isa ISA (--spec SPEC.s [--spec-isa ISA] | --examples EX.json) [options]

Fills the holes of an assembly sketch so that its function behaves as the
specification says, or proves that no filling exists. Holes:

  ??                   an immediate, in the range the operand allows
  {a|b|c}              one of the alternatives, as opcode or operand
  ??insn               one whole instruction (??insn{add,sub} restricts it)

A reference function (--spec) is compared under the calling convention as
'transpile verify' compares (use --prototype for narrower types); the
completion printed is proven equivalent to it by Z3. With --examples only,
the completion is consistent with every example, and the report says it is
not proven.

Options:
  --isa ISA            ISA of the sketch (aarch64, riscv64)
  --spec FILE.s        the reference implementation
  --spec-isa ISA       ISA of the reference (default: the sketch's)
  --examples FILE      input/output examples (JSON, see docs/sketch.md)
  --function NAME      the function to complete (default: the one with holes)
  --prototype 'P'      its C prototype, e.g. 'int f(int, int)' (default: eight
                       64-bit integer arguments and a 64-bit result)
  --timeout-ms N       overall time limit (default 30000)
  --seed N             seed of the test inputs (default 1)
  --solver NAME        auto, native or wasm
  --json               machine-readable result on stdout
  -h, --help           this text

Exit codes: 0 completed (the assembly is printed on stdout), 1 no completion
exists, 3 timeout, 2 usage or input errors.
`;

function readText(path: string, what: string): string {
  try {
    const stat = fs.statSync(path);
    if (stat.isDirectory()) throw new UserError(`${path}: is a directory, expected ${what}`);
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${path}: no such file`);
  }
}

export function sketchExitCode(r: CompleteSketchResult): number {
  return r.status === 'completed' ? 0 : r.status === 'no completion exists' ? 1 : 3;
}

export async function runSketch(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      isa: { type: 'string' },
      spec: { type: 'string' },
      'spec-isa': { type: 'string' },
      examples: { type: 'string' },
      function: { type: 'string' },
      prototype: { type: 'string' },
      'timeout-ms': { type: 'string' },
      seed: { type: 'string' },
      solver: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(SKETCH_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UserError(`sketch takes one sketch file (got ${positionals.length})\n\n${SKETCH_HELP}`);
  if (!values.isa) throw new UserError('--isa is required: the ISA of the sketch (aarch64 or riscv64)');
  if (!values.spec && !values.examples) throw new UserError('give a specification: --spec REFERENCE.s or --examples EXAMPLES.json');
  const num = (v: string | undefined, flag: string, dflt: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UserError(`${flag} takes a non-negative whole number (got '${v}')`);
    return n;
  };
  const solver = (values.solver ?? 'auto') as BackendChoice;
  if (!['auto', 'native', 'wasm'].includes(solver)) throw new UserError(`--solver must be auto, native or wasm (got '${solver}')`);
  const isa = parseIsaOption(values.isa, '--isa')!;
  const specIsa = parseIsaOption(values['spec-isa'], '--spec-isa');
  const sketchPath = positionals[0]!;
  const sketch = readAsmInput(sketchPath, isa, DEFAULT_MAX_INPUT_MB).text;
  const spec = values.spec ? readAsmInput(values.spec, specIsa ?? isa, DEFAULT_MAX_INPUT_MB, '--spec-isa').text : undefined;
  const examples = values.examples ? readText(values.examples, 'a JSON file of examples') : undefined;

  let result: CompleteSketchResult;
  try {
    result = await completeSketch({
      sketch,
      sketchName: sketchPath,
      isa,
      ...(spec !== undefined ? { spec, specName: values.spec! } : {}),
      ...(specIsa ? { specIsa } : {}),
      ...(examples !== undefined ? { examples, examplesName: values.examples! } : {}),
      ...(values.function ? { functionName: values.function } : {}),
      ...(values.prototype ? { prototype: values.prototype } : {}),
      timeoutMs: num(values['timeout-ms'], '--timeout-ms', 30_000),
      seed: num(values.seed, '--seed', 1),
      backend: solver,
    });
  } catch (e) {
    if (e instanceof SketchInputError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await closeDefaultSolvers();
  }
  const code = sketchExitCode(result);
  if (values.json) {
    out(JSON.stringify({ format: 'transpile-sketch', version: 1, exitCode: code, ...result }, null, 2) + '\n');
    return code;
  }
  if (result.completion !== undefined) out(result.completion);
  err(`transpile sketch: ${result.status}: ${result.how}\n`);
  for (const h of result.holes) err(`  line ${h.line}: ${h.written}  ->  ${h.chosen.replace(/\t/g, ' ')}\n`);
  const s = result.stats;
  err(`  ${s.iterations} rounds, ${s.tests} test inputs, synthesis ${s.synthesisMs} ms, verification ${s.verificationMs} ms, total ${s.totalMs} ms\n`);
  return code;
}
