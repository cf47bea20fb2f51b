// The library entry point of sketch completion (docs/sketch.md):
//
//   const r = await completeSketch({ sketch, isa: 'riscv64', spec, specIsa: 'aarch64' });
//   if (r.status === 'completed') console.log(r.completion);
//
// Parses the sketch and the specification, builds the hole space, and runs
// CEGIS (cegis.ts). Input mistakes (bad holes, a missing function, no
// specification) throw SketchInputError with `file:line:col` messages.
import type { Isa } from '../asm/ast.js';
import { formatSketchDiagnostics, parseSketch } from '../asm/holes.js';
import { parseAsm } from '../asm/index.js';
import { formatDiagnostic } from '../asm/source.js';
import type { Prototype } from '../cfront/ctypes.js';
import { parsePrototype, PrototypeError } from '../cfront/prototypes.js';
import { AbiError } from '../abi/values.js';
import type { InstructionStatement } from '../asm/ast.js';
import { buildProgram } from '../program/build.js';
import type { BackendChoice } from '../smt/solver.js';
import { semanticsFor } from '../verify/semantics.js';
import { DEFAULT_PROTOTYPE } from '../verify/testing.js';
import { runCegis, type CegisStats, type Example, type HoleValue, type Spec } from './cegis.js';
import { ExamplesError, parseExamples } from './examples.js';
import { buildSpace, SketchError, spaceBits } from './space.js';

export type SketchStatus = 'completed' | 'no completion exists' | 'timeout';

export interface CompleteSketchOptions {
  /** The sketch: assembly text with holes (`??`, `{a|b}`, `??insn`). */
  sketch: string;
  isa: Isa;
  /** A reference implementation (assembly text) of the same function. */
  spec?: string;
  /** The reference's ISA (default: the sketch's). */
  specIsa?: Isa;
  /** Input/output examples: the JSON text of docs/sketch.md, or already-parsed examples. */
  examples?: string | Example[];
  /** The function to complete (default: the only function of the sketch, or the first with holes). */
  functionName?: string;
  /** The C prototype, e.g. 'long f(long, long)' (default: 8 integer arguments and a 64-bit result). */
  prototype?: string;
  /** Overall time limit (default 30 s). */
  timeoutMs?: number;
  /** Seed of the test inputs (default 1): the same seed gives the same answer. */
  seed?: number;
  /** File names used in messages. */
  sketchName?: string;
  specName?: string;
  examplesName?: string;
  backend?: BackendChoice;
}

export interface CompleteSketchResult {
  status: SketchStatus;
  /** The completed assembly (status `completed`). */
  completion?: string;
  /** What each hole line became. */
  holes: HoleValue[];
  /** How the status was reached: proven against the reference, consistent with examples, unsat, or why it timed out. */
  how: string;
  /** The last unproven candidate, when the time ran out. */
  lastCandidate?: string;
  stats: CegisStats;
}

export class SketchInputError extends Error {}

export async function completeSketch(opts: CompleteSketchOptions): Promise<CompleteSketchResult> {
  const sketchName = opts.sketchName ?? '<sketch>';
  if (opts.isa === 'x86_64' || opts.specIsa === 'x86_64')
    throw new SketchInputError('x86_64 has no instruction semantics yet: sketches can be parsed but not completed');
  const sketch = parseSketch(opts.sketch, sketchName, opts.isa);
  if (sketch.diagnostics.length) throw new SketchInputError(formatSketchDiagnostics(sketch));
  if (opts.spec === undefined && opts.examples === undefined) throw new SketchInputError('a sketch needs a specification: a reference function (spec) or examples');
  const program = buildProgram(sketch.file);
  const withHoles = program.functions.filter((f) => f.blocks.some((b) => b.instructions.some((i) => sketch.sites.some((s) => s.statement === sketch.file.statements[i]))));
  const fn = opts.functionName
    ? program.functions.find((f) => f.name === opts.functionName)
    : program.functions.length === 1
      ? program.functions[0]
      : withHoles[0];
  if (!fn) {
    throw new SketchInputError(
      opts.functionName
        ? `${sketchName}: no function '${opts.functionName}' in the sketch`
        : `${sketchName}: no function in the sketch (mark it with .globl NAME or .type NAME, @function)`,
    );
  }
  if (sketch.sites.length === 0) throw new SketchInputError(`${sketchName}: the sketch has no holes`);

  let proto: Prototype = DEFAULT_PROTOTYPE;
  let examples: Example[] | undefined;
  try {
    if (opts.prototype) proto = await parsePrototype(opts.prototype);
    if (typeof opts.examples === 'string') {
      const parsed = parseExamples(opts.examples, opts.examplesName ?? '<examples>');
      examples = parsed.examples;
      if (parsed.prototype && !opts.prototype) proto = await parsePrototype(parsed.prototype);
    } else if (opts.examples) examples = opts.examples;
  } catch (e) {
    if (e instanceof PrototypeError || e instanceof SketchInputError || e instanceof ExamplesError) throw new SketchInputError(e.message);
    throw e;
  }

  const spec: Spec = {};
  if (opts.spec !== undefined) {
    const specName = opts.specName ?? '<spec>';
    const r = parseAsm(opts.spec, specName, opts.specIsa ?? opts.isa);
    if (r.diagnostics.length) throw new SketchInputError(r.diagnostics.map((d) => formatDiagnostic(d, r.source)).join('\n'));
    const specProgram = buildProgram(r.file);
    const specFn = specProgram.functions.find((f) => f.name === fn.name) ?? (specProgram.functions.length === 1 ? specProgram.functions[0] : undefined);
    if (!specFn) throw new SketchInputError(`${specName}: no function '${fn.name}' in the specification`);
    spec.reference = { program: specProgram, fn: specFn.name };
  }
  if (examples !== undefined) {
    if (examples.length === 0) throw new SketchInputError('the examples are empty');
    spec.examples = examples;
  }

  const fnStatements = fn.blocks.flatMap((b) => b.instructions.map((i) => sketch.file.statements[i] as InstructionStatement));
  try {
    const space = buildSpace(sketch, fnStatements, proto, semanticsFor(opts.isa));
    const outcome = await runCegis({
      sketch,
      program,
      fn: fn.name,
      proto,
      space,
      spec,
      timeoutMs: opts.timeoutMs ?? 30_000,
      seed: opts.seed ?? 1,
      ...(opts.backend ? { backend: opts.backend } : {}),
    });
    outcome.stats.spaceBits = spaceBits(space);
    if (outcome.status === 'completed')
      return { status: 'completed', completion: outcome.text, holes: outcome.holes, how: outcome.how, stats: outcome.stats };
    return {
      status: outcome.status,
      holes: [],
      how: outcome.how,
      stats: outcome.stats,
      ...(outcome.status === 'timeout' && outcome.lastCandidate ? { lastCandidate: outcome.lastCandidate } : {}),
    };
  } catch (e) {
    if (e instanceof SketchError) {
      const where = e.span ? `${sketchName}:${e.span.line}:${e.span.col}: error: ` : `${sketchName}: error: `;
      throw new SketchInputError(where + e.message);
    }
    if (e instanceof AbiError) throw new SketchInputError(e.message);
    throw e;
  }
}

export type { Example, HoleValue, CegisStats } from './cegis.js';
export { parseSketch, printSketch } from '../asm/holes.js';
