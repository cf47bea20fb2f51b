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
import type { InstructionStatement, Isa } from '../asm/ast.js';
import type { SketchFile } from '../asm/holes.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { conventionFor } from '../abi/conventions.js';
import { placeResult } from '../abi/values.js';
import type { Prototype } from '../cfront/ctypes.js';
import { and, c, eq, FALSE, ite, not, or, sle, TRUE, trunc, ule, urem, v } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { buildProgram } from '../program/build.js';
import type { AsmProgram } from '../program/model.js';
import { checkSat } from '../smt/prove.js';
import type { BackendChoice } from '../smt/solver.js';
import { smtChecker } from '../verify/checker.js';
import { FunctionRunner, RETURN_TOKEN, type Machine } from '../verify/concrete.js';
import { buildImage, SharedSymbols } from '../verify/image.js';
import { enumeratePaths } from '../verify/paths.js';
import { proveEquivalent, symbolicInputs, type ProofSide, type SatAnswer } from '../verify/prove.js';
import { backgroundByte, edgeValues, Rng } from '../verify/random.js';
import { semanticsFor } from '../verify/semantics.js';
import { observe, STACK_TOP, type Side } from '../verify/testing.js';
import { holeVar, selectorVar, SELECTOR_BITS, sketchSemantics, type EncodedSite } from './encode.js';
import { isBitmaskImmediate, type ImmediateRange } from './immediates.js';
import { instantiate, type ConcreteInput } from './instantiate.js';
import { fillHoles, SketchError, type SpaceSite } from './space.js';

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

export interface CegisStats {
  iterations: number;
  tests: number;
  synthesisMs: number;
  verificationMs: number;
  totalMs: number;
  /** log2 of the number of hole assignments. */
  spaceBits?: number;
}

export type CegisOutcome =
  | { status: 'completed'; text: string; holes: HoleValue[]; how: string; stats: CegisStats }
  | { status: 'no completion exists'; how: string; stats: CegisStats }
  | { status: 'timeout'; how: string; stats: CegisStats; lastCandidate?: string };

const INITIAL_TESTS = 8;

interface Candidate {
  /** Chosen variant per site. */
  choice: number[];
  /** Values of the symbolic immediate holes each chosen variant uses. */
  values: Map<number, bigint>;
}

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

function fixedInput(seed: number, vars: Map<string, bigint>): ConcreteInput {
  return { vars, fallback: (name, w) => garbage(seed, name, w), memByte: (a) => backgroundByte(seed, a) };
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

function rangeConstraint(x: BV, r: ImmediateRange): BV {
  const lo = c(64, r.lo);
  const hi = c(64, r.hi);
  let ok: BV;
  if (r.lo < 0n && r.hi >= 1n << 63n) ok = TRUE;
  else if (r.lo < 0n) ok = and(sle(lo, x), sle(x, hi));
  else ok = and(ule(lo, x), ule(x, hi));
  if (r.multipleOf > 1n) ok = and(ok, eq(urem(x, c(64, r.multipleOf)), c(64, 0)));
  return ok;
}

/** Each site's selector takes a valid variant, and that variant's immediates are in range. */
function domainConstraint(space: SpaceSite[]): BV {
  let all: BV = TRUE;
  for (const s of space) {
    let any: BV = FALSE;
    s.variants.forEach((variant, j) => {
      if (s.encoded.invalid.has(j)) return;
      let ok: BV = s.variants.length > 1 ? eq(selectorVar(s.site.id), c(SELECTOR_BITS, j)) : TRUE;
      for (const h of variant.holes) ok = and(ok, rangeConstraint(holeVar(h.id), h.range));
      any = or(any, ok);
    });
    all = and(all, any);
  }
  return all;
}

function blockingClause(space: SpaceSite[], cand: Candidate): BV {
  let same: BV = TRUE;
  space.forEach((s, k) => {
    const j = cand.choice[k]!;
    if (s.variants.length > 1) same = and(same, eq(selectorVar(s.site.id), c(SELECTOR_BITS, j)));
    for (const h of s.variants[j]!.holes) same = and(same, eq(holeVar(h.id), c(64, cand.values.get(h.id)!)));
  });
  return not(same);
}

function readCandidate(space: SpaceSite[], model: Map<string, bigint>): Candidate {
  const values = new Map<number, bigint>();
  const choice = space.map((s) => {
    const j = s.variants.length > 1 ? Number(model.get(`sel.${s.site.id}`) ?? 0n) : 0;
    for (const h of s.variants[j]!.holes) {
      const raw = model.get(`hole.${h.id}`);
      // A hole the question never reads may be anything in range.
      const value = raw === undefined ? (h.range.lo <= 0n && h.range.hi >= 0n ? 0n : h.range.lo) : h.range.lo < 0n ? BigInt.asIntN(64, raw) : raw;
      values.set(h.id, value);
    }
    return j;
  });
  return { choice, values };
}

/** An assembler can encode the candidate (AArch64 logical immediates are bit patterns, not ranges). */
function encodable(space: SpaceSite[], cand: Candidate): boolean {
  return space.every((s, k) =>
    s.variants[cand.choice[k]!]!.holes.every((h) => !h.range.bitmask || isBitmaskImmediate(cand.values.get(h.id)!, h.range.bitmask)),
  );
}

/** The chosen instruction of each site, as text. */
function chosenTexts(isa: Isa, space: SpaceSite[], cand: Candidate): string[] {
  return space.map((s, k) => {
    const variant = s.variants[cand.choice[k]!]!;
    const values = new Map<number, bigint | string>();
    // Bit patterns read best in hex.
    for (const h of variant.holes) {
      const value = cand.values.get(h.id)!;
      values.set(h.id, h.range.bitmask ? `0x${BigInt.asUintN(h.range.bitmask, value).toString(16)}` : value);
    }
    return fillHoles(variant.ins, isa, values);
  });
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
  const done = <T extends CegisOutcome>(o: T): T => {
    stats.totalMs = Date.now() - start;
    return o;
  };
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
  stats.tests = tests.length;
  const blocked: BV[] = [];
  let lastCandidate: string | undefined;
  const against = () =>
    [reference ? `the reference on ${tests.length - 2 * examples.length} test inputs` : '', examples.length ? `all ${examples.length} examples` : ''].filter(Boolean).join(' and ');

  for (;;) {
    if (Date.now() >= deadline) return done({ status: 'timeout', how: `no proven completion within ${p.timeoutMs} ms`, stats, ...(lastCandidate ? { lastCandidate } : {}) });
    stats.iterations++;
    // 2. Synthesis. The domain is rebuilt each round: encoding the tests may have found variants without semantics.
    const query = [domainConstraint(p.space), ...tests, ...blocked].reduce((acc, x) => and(acc, x), TRUE as BV);
    const t0 = Date.now();
    const r = await checkSat(query, { timeoutMs: Math.max(1, deadline - Date.now()), ...(p.backend ? { backend: p.backend } : {}) });
    stats.synthesisMs += Date.now() - t0;
    if (r.status === 'unsat') {
      const refuted = blocked.length ? `, after ${blocked.length} candidates were refuted` : '';
      return done({ status: 'no completion exists', how: `no hole values agree with ${against()} (Z3: unsat)${refuted}`, stats });
    }
    if (r.status === 'timeout') return done({ status: 'timeout', how: `synthesis query timed out (round ${stats.iterations})`, stats, ...(lastCandidate ? { lastCandidate } : {}) });
    if (r.status !== 'sat') throw new Error(`the solver failed during synthesis: ${r.status === 'error' ? r.message : r.reason}`);
    const cand = readCandidate(p.space, r.model);
    blocked.push(blockingClause(p.space, cand));
    if (!encodable(p.space, cand)) continue;
    const texts = chosenTexts(isa, p.space, cand);
    const text = completedText(p.sketch, p.space, texts);
    lastCandidate = text;
    const parsed = parseAsm(text, p.sketch.file.fileName, isa);
    if (parsed.diagnostics.length) continue; // not assemblable as written (out of the ranges the parser knows): next candidate
    const program = buildProgram(parsed.file);
    const holes = p.space.map((s, k) => ({ line: s.site.statement.span.line, written: s.site.text, chosen: texts[k]! }));

    // 3. Verification. Examples run on the interpreter, independently of the solver's encoding.
    const t1 = Date.now();
    const machine = machineFor(program, 0x2000_0000_0000n, shared);
    const side: Side = { label: 'B', machine, runner: new FunctionRunner(machine), fn: p.fn };
    const bits = placeResult(machine.convention, p.proto)?.bits ?? 64;
    const exampleFails = examples.some((ex, k) => {
      const o = observe(side, p.proto, { args: ex.args, seed: p.seed + k }, { maxSteps: 100_000, maxDepth: 64 });
      return o.status !== 'returned' || o.result !== (ex.result & ((1n << BigInt(bits)) - 1n)) || o.clobbered.length > 0;
    });
    if (exampleFails) {
      stats.verificationMs += Date.now() - t1;
      continue;
    }
    if (!reference) {
      stats.verificationMs += Date.now() - t1;
      return done({
        status: 'completed',
        text,
        holes,
        how: `consistent with all ${examples.length} examples (checked on the interpreter); not proven, since no reference was given`,
        stats,
      });
    }
    const proof = await proveEquivalent(specSide!, { label: 'B', machine, fn: p.fn }, p.proto, smtChecker(Math.max(1, deadline - Date.now()), p.backend));
    stats.verificationMs += Date.now() - t1;
    if (proof.kind === 'proven') {
      const also = examples.length ? ` and consistent with all ${examples.length} examples` : '';
      return done({ status: 'completed', text, holes, how: `proven equivalent to the reference by Z3${also}, after ${stats.iterations} rounds`, stats });
    }
    if (proof.kind === 'refuted') {
      // The proof asked the same question with the same input names, so its model is a test input.
      const answer = proof.answer;
      const input: ConcreteInput = { vars: new Map(), fallback: (name, w) => answer.value(name, w), memByte: (a) => answer.memByte(a) };
      tests.push(not(differsOn!(input, `c${stats.iterations}`)));
      stats.tests++;
      continue;
    }
    if (proof.kind === 'unknown') return done({ status: 'timeout', how: `candidate not proven: ${proof.reason}`, stats, lastCandidate: text });
    // not-attempted: this candidate cannot be proven (the reason is in the candidate); look for another.
  }
}
