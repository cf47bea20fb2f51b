// Counterexample-guided inductive synthesis over a sketch's holes.
//
//   1. The question: a formula over inputs and holes that is true when the
//      sketch's observable behaviour differs from the specification. With a
//      reference function it is exactly the formula `transpile verify` asks
//      (captured from proveEquivalent, so the calling convention, prototype,
//      callee-saved registers and memory are compared as there); with
//      examples it is "does not return the expected result".
//   2. Synthesis: hole values under which the formula is false on every
//      test input so far (edge values and random ones first), plus the holes'
//      ranges, minus candidates already refuted. Unsat: no completion exists.
//   3. Verification of the candidate, as a plain program, by the verifier's
//      own proof (reference) or by running every example on the interpreter.
//      A counterexample becomes a test input; repeat.
import type { InstructionStatement } from '../asm/ast.js';
import type { SketchFile } from '../asm/holes.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { conventionFor } from '../abi/conventions.js';
import { placeResult } from '../abi/values.js';
import type { Prototype } from '../cfront/ctypes.js';
import { and, c, eq, FALSE, ite, not, trunc, v } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { buildProgram } from '../program/build.js';
import type { AsmProgram } from '../program/model.js';
import type { BackendChoice } from '../smt/solver.js';
import { smtChecker } from '../verify/checker.js';
import { FunctionRunner, RETURN_TOKEN, type Machine } from '../verify/concrete.js';
import { buildImage, SharedSymbols } from '../verify/image.js';
import { enumeratePaths } from '../verify/paths.js';
import { proveEquivalent, symbolicInputs, type ProofSide, type SatAnswer } from '../verify/prove.js';
import { edgeValues, Rng } from '../verify/random.js';
import { semanticsFor } from '../verify/semantics.js';
import { observe, STACK_TOP, type Side } from '../verify/testing.js';
import { sketchSemantics, type EncodedSite } from './encode.js';
import { instantiate, patternMemory, type ConcreteInput } from './instantiate.js';
import { SketchError, type SpaceSite } from './space.js';
import { cegisLoop, type CheckAnswer, type LoopStats } from './loop.js';

export interface Example {
  args: bigint[];
  result: bigint;
}

/** A reference function, examples, or both (at least one). */
export interface Spec {
  reference?: { program: AsmProgram; fn: string };
  examples?: Example[];
}

export interface CegisProblem {
  sketch: SketchFile;
  program: AsmProgram;
  fn: string;
  proto: Prototype;
  space: SpaceSite[];
  spec: Spec;
  timeoutMs: number;
  seed: number;
  backend?: BackendChoice;
}

export interface HoleValue {
  /** Hole line (1-based) and the instruction chosen for it. */
  line: number;
  written: string;
  chosen: string;
}

export type CegisStats = LoopStats;

export type CegisOutcome =
  | { status: 'completed'; text: string; holes: HoleValue[]; how: string; stats: CegisStats }
  | { status: 'no completion exists'; how: string; stats: CegisStats }
  | { status: 'timeout'; how: string; stats: CegisStats; lastCandidate?: string };

const INITIAL_TESTS = 8;

function machineFor(program: AsmProgram, base: bigint, shared: SharedSymbols, semantics = semanticsFor(program.file.isa)): Machine {
  return { program, image: buildImage(program, base, shared), semantics, convention: conventionFor(program.file.isa) };
}

/** A deterministic value for an input variable no test fixed. */
function garbage(seed: number, name: string, w: number): bigint {
  let h = BigInt(seed) * 1000003n;
  for (const ch of name) h = (h * 31n + BigInt(ch.charCodeAt(0))) & ((1n << 64n) - 1n);
  const rng = new Rng(h);
  let x = rng.next64();
  while (BigInt(w) > 64n && x < 1n << BigInt(w - 1)) x = (x << 64n) | rng.next64();
  return x & ((1n << BigInt(w)) - 1n);
}

/** A test input: these variables, garbage for the rest, and a memory whose bytes differ from address to address. */
function fixedInput(seed: number, vars: Map<string, bigint>): ConcreteInput {
  return { vars, fallback: (name, w) => garbage(seed, name, w), ...patternMemory(seed) };
}

/** Test k: edge values for the arguments first, then random ones; a probe address near the first argument. */
function initialInput(k: number, seed: number, argCount: number): ConcreteInput {
  const rng = new Rng(seed * 7919 + k);
  const edges = edgeValues(64);
  const vars = new Map<string, bigint>([
    ['sp0', STACK_TOP],
    ['ret0', RETURN_TOKEN],
  ]);
  const args: bigint[] = [];
  for (let i = 0; i < argCount; i++) {
    const x = k < 3 ? edges[(k * 5 + i * 3) % edges.length]! : rng.below(3) === 0 ? BigInt(rng.below(33)) - 16n : rng.next64();
    args.push(x & ((1n << 64n) - 1n));
    vars.set(`arg${i}`, args[i]!);
  }
  vars.set('probe', ((args[0] ?? 0n) + BigInt(rng.below(16))) & ((1n << 64n) - 1n));
  return fixedInput(seed * 131 + k, vars);
}

/** The completed file: the sketch's statements with each hole line replaced by its chosen instruction. */
export function completedText(sketch: SketchFile, space: SpaceSite[], texts: string[]): string {
  const dialect = dialectFor(sketch.file.isa);
  const bySite = new Map<InstructionStatement, string>(space.map((s, k) => [s.site.statement, texts[k]!]));
  return sketch.file.statements.map((st) => (st.kind === 'instruction' && bySite.has(st) ? `\t${bySite.get(st)}` : printStatement(st, dialect))).join('\n') + '\n';
}

/** The formula "the example's result is not returned", over the sketch's holes and inputs. */
function exampleFormula(side: ProofSide, proto: Prototype): (expected: bigint) => BV {
  const inputs = symbolicInputs(proto, [side]);
  const fn = side.machine.program.functions.find((f) => f.name === side.fn)!;
  const summary = enumeratePaths(side.machine, fn, (name) => inputs.initial(side, name), inputs.mem);
  if ('unsupported' in summary) throw new SketchError(fn.span, `the sketch cannot be summarised: ${summary.unsupported}`);
  const result = placeResult(side.machine.convention, proto);
  const paths = summary.paths;
  const select = (f: (k: number) => BV): BV => {
    let acc = f(paths.length - 1);
    for (let k = paths.length - 2; k >= 0; k--) acc = ite(paths[k]!.cond, f(k), acc);
    return acc;
  };
  const ok = select((k) => {
    const end = paths[k]!.end;
    return end.kind === 'return' ? eq(end.via, v(64, 'ret0')) : FALSE;
  });
  const value = result ? select((k) => paths[k]!.state.get(result.register) ?? inputs.initial(side, result.register)) : c(64, 0);
  const bits = result ? Math.min(result.bits, value.w) : 64;
  return (expected) => not(and(ok, eq(trunc(bits, value), c(bits, expected & ((1n << BigInt(bits)) - 1n)))));
}

export async function runCegis(p: CegisProblem): Promise<CegisOutcome> {
  const start = Date.now();
  const deadline = start + p.timeoutMs;
  const isa = p.sketch.file.isa;
  const stats: CegisStats = { iterations: 0, tests: 0, synthesisMs: 0, verificationMs: 0, totalMs: 0 };
  const shared = new SharedSymbols();
  const sites = new Map<InstructionStatement, EncodedSite>(p.space.map((s) => [s.site.statement, s.encoded]));
  const sketchMachine = machineFor(p.program, 0x2000_0000_0000n, shared, sketchSemantics(semanticsFor(isa), sites));
  const sketchSide: ProofSide = { label: 'B', machine: sketchMachine, fn: p.fn };

  // 1. The question, over inputs and holes.
  let differsOn: ((input: ConcreteInput, tag: string) => BV) | undefined;
  const tests: BV[] = [];
  let specSide: ProofSide | undefined;
  const reference = p.spec.reference;
  const examples = p.spec.examples ?? [];
  if (reference) {
    specSide = { label: 'A', machine: machineFor(reference.program, 0x1000_0000_0000n, shared), fn: reference.fn };
    let captured: BV | undefined;
    const capture = async (formula: BV, assumptions: BV[]): Promise<SatAnswer> => {
      captured = assumptions.reduce((acc, a) => and(acc, a), formula);
      return { status: 'unknown', reason: 'captured for synthesis' };
    };
    const outcome = await proveEquivalent(specSide, sketchSide, p.proto, capture);
    if (outcome.kind === 'not-attempted' || captured === undefined)
      throw new SketchError(undefined, `the sketch and its specification cannot be compared symbolically: ${outcome.kind === 'not-attempted' ? outcome.reason : 'no question'}`);
    const formula = captured;
    differsOn = (input, tag) => instantiate(formula, input, tag);
    for (let k = 0; k < INITIAL_TESTS; k++) tests.push(not(differsOn(initialInput(k, p.seed, p.proto.params.length), `t${k}`)));
  }
  if (examples.length) {
    const wrong = exampleFormula(sketchSide, p.proto);
    // Each example twice, with different garbage in the registers the convention leaves undefined.
    examples.forEach((ex, k) => {
      for (const g of [0, 1]) {
        const vars = new Map<string, bigint>([
          ['sp0', STACK_TOP],
          ['ret0', RETURN_TOKEN],
        ]);
        ex.args.forEach((a, i) => vars.set(`arg${i}`, a & ((1n << 64n) - 1n)));
        tests.push(not(instantiate(wrong(ex.result), fixedInput(p.seed * 977 + k * 2 + g, vars), `e${k}.${g}`)));
      }
    });
  }
  const against = (n: number) =>
    [reference ? `the reference on ${n - 2 * examples.length} test inputs` : '', examples.length ? `all ${examples.length} examples` : ''].filter(Boolean).join(' and ');
  let lastCompleted: { text: string; holes: HoleValue[] } | undefined;

  // 2 and 3: synthesis in the loop; verification of each candidate here.
  const check = async (texts: string[]): Promise<CheckAnswer> => {
    const text = completedText(p.sketch, p.space, texts);
    const parsed = parseAsm(text, p.sketch.file.fileName, isa);
    if (parsed.diagnostics.length) return { kind: 'reject' }; // not assemblable as written
    lastCompleted = { text, holes: p.space.map((s, k) => ({ line: s.site.statement.span.line, written: s.site.text, chosen: texts[k]! })) };
    const machine = machineFor(buildProgram(parsed.file), 0x2000_0000_0000n, shared);
    // Examples run on the interpreter, independently of the solver's encoding.
    const side: Side = { label: 'B', machine, runner: new FunctionRunner(machine), fn: p.fn };
    const bits = placeResult(machine.convention, p.proto)?.bits ?? 64;
    const exampleFails = examples.some((ex, k) => {
      const o = observe(side, p.proto, { args: ex.args, seed: p.seed + k }, { maxSteps: 100_000, maxDepth: 64 });
      return o.status !== 'returned' || o.result !== (ex.result & ((1n << BigInt(bits)) - 1n)) || o.clobbered.length > 0;
    });
    if (exampleFails) return { kind: 'reject' };
    if (!reference) return { kind: 'accept', how: `consistent with all ${examples.length} examples (checked on the interpreter); not proven, since no reference was given` };
    const proof = await proveEquivalent(specSide!, { label: 'B', machine, fn: p.fn }, p.proto, smtChecker(Math.max(1, deadline - Date.now()), p.backend));
    if (proof.kind === 'proven') {
      const also = examples.length ? ` and consistent with all ${examples.length} examples` : '';
      return { kind: 'accept', how: `proven equivalent to the reference by Z3${also}, after ${stats.iterations} rounds` };
    }
    if (proof.kind === 'refuted') {
      // The proof asked the same question with the same input names, so its model is a test input.
      const answer = proof.answer;
      const input: ConcreteInput = { vars: new Map(), fallback: (name, w) => answer.value(name, w), memByte: (a) => answer.memByte(a) };
      // The model's own memory is known pointwise only; the same registers over
      // a patterned memory also pin down reads at hole-dependent addresses.
      const patterned: ConcreteInput = { vars: new Map(), fallback: (name, w) => answer.value(name, w), ...patternMemory(stats.iterations) };
      return { kind: 'counterexample', test: and(not(differsOn!(input, `c${stats.iterations}`)), not(differsOn!(patterned, `p${stats.iterations}`))) };
    }
    if (proof.kind === 'unknown') return { kind: 'unknown', reason: proof.reason };
    return { kind: 'reject' }; // not-attempted: this candidate cannot be proven; look for another
  };
  const outcome = await cegisLoop({
    isa,
    space: p.space,
    tests,
    deadline,
    stats,
    ...(p.backend ? { backend: p.backend } : {}),
    check,
    whyEmpty: (n, refuted) => `no hole values agree with ${against(n)} (Z3: unsat)${refuted ? `, after ${refuted} candidates were refuted` : ''}`,
  });
  stats.totalMs = Date.now() - start;
  if (outcome.status === 'completed') return { status: 'completed', text: lastCompleted!.text, holes: lastCompleted!.holes, how: outcome.how, stats };
  if (outcome.status === 'no completion exists') return { status: outcome.status, how: outcome.how, stats };
  return { status: 'timeout', how: outcome.how, stats, ...(outcome.lastTexts ? { lastCandidate: completedText(p.sketch, p.space, outcome.lastTexts) } : {}) };
}
