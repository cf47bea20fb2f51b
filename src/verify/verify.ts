// `verify`: one verdict per function of two programs. Testing on the
// interpreter first (cheap, finds most differences with a concrete
// counterexample); proofs with Z3 come after, for what testing cannot settle.
import type { Isa } from '../asm/ast.js';
import { conventionFor } from '../abi/conventions.js';
import { AbiError, placeParams, placeResult } from '../abi/values.js';
import { formatPrototype, type Prototype } from '../cfront/ctypes.js';
import type { AsmProgram } from '../program/model.js';
import { FunctionRunner, type Machine } from './concrete.js';
import { buildImage, SharedSymbols } from './image.js';
import { semanticsFor } from './semantics.js';
import { Evaluator } from '../interp/eval.js';
import { stateLayout } from '../ir/state.js';
import { proveLoops } from './loop-prove.js';
import { proveEquivalent, type ProofOutcome, type SatChecker } from './prove.js';
import { DEFAULT_PROTOTYPE, firstDifference, observeFrom, testEquivalence, type Counterexample, type Side } from './testing.js';

export type Verdict =
  /** `loops`: proven by cut points at these pairs of loop headers (A's label, B's) with this invariant. */
  | { kind: 'equivalent'; how: string; loops?: LoopCertificate }
  | { kind: 'equivalent-bounded'; bound: number; how: string }
  | { kind: 'different'; reason: string; counterexample?: Counterexample }
  | { kind: 'inconclusive'; reason: string };

export interface LoopCertificate {
  headers: [string, string][];
  invariant: string[];
}

export interface FunctionVerdict {
  name: string;
  verdict: Verdict;
  prototype: string;
  tests: { runs: number; agreed: number; skipped: number; skippedBecause: string[] };
}

export interface VerifyOptions {
  runs: number;
  seed: number;
  maxSteps: number;
  /** Only these functions (default: all). */
  functions?: string[];
  /** Prototypes by function name; the default prototype is used for the rest. */
  prototypes: Map<string, Prototype>;
  /** The solver, for proofs; without one, verdicts come from testing alone. */
  checker?: SatChecker;
  /** Loop iterations unrolled for functions with loops (default 4; 0 refuses loops). */
  unroll?: number;
  /** Proofs of loops by cut points at corresponding headers, before bounded unrolling (default true). */
  cutPoints?: boolean;
}

/** Default unrolling bound for functions with loops. */
export const DEFAULT_UNROLL = 4;

export interface VerifyReport {
  a: { file: string; isa: Isa };
  b: { file: string; isa: Isa };
  functions: FunctionVerdict[];
  /** What every verdict assumes; printed with the results. */
  assumptions: string[];
  /** Local (static) functions present in one file only: invisible to callers, so not compared. */
  unmatchedLocal: { name: string; file: string }[];
}

function machineFor(program: AsmProgram, base: bigint, shared: SharedSymbols): Machine {
  const isa = program.file.isa;
  return { program, image: buildImage(program, base, shared), semantics: semanticsFor(isa), convention: conventionFor(isa) };
}

export async function verifyPrograms(a: AsmProgram, b: AsmProgram, opts: VerifyOptions): Promise<VerifyReport> {
  const shared = new SharedSymbols();
  const ma = machineFor(a, 0x1000_0000_0000n, shared);
  const mb = machineFor(b, 0x2000_0000_0000n, shared);
  const ra = new FunctionRunner(ma);
  const rb = new FunctionRunner(mb);
  const namesA = a.functions.map((f) => f.name);
  const namesB = new Set(b.functions.map((f) => f.name));
  const wanted = opts.functions ?? [...new Set([...namesA, ...b.functions.map((f) => f.name)])];

  const functions: FunctionVerdict[] = [];
  const unmatchedLocal: { name: string; file: string }[] = [];
  const isLocal = (p: AsmProgram, name: string) => p.functions.find((f) => f.name === name)?.binding === 'local';
  for (const name of wanted) {
    const proto = opts.prototypes.get(name);
    const protoText = proto ? formatPrototype(proto) : 'none: 8 integer arguments and the integer result, all 64 bits';
    const empty = { runs: 0, agreed: 0, skipped: 0, skippedBecause: [] };
    const inA = namesA.includes(name);
    const inB = namesB.has(name);
    if ((!inA || !inB) && !opts.functions && isLocal(inA ? a : b, name)) {
      unmatchedLocal.push({ name, file: inA ? a.file.fileName : b.file.fileName });
      continue;
    }
    if (!inA || !inB) {
      const where = !inA && !inB ? 'either file' : !inA ? a.file.fileName : b.file.fileName;
      functions.push({ name, prototype: protoText, tests: empty, verdict: { kind: 'different', reason: `no function '${name}' in ${where}` } });
      continue;
    }
    const p = proto ?? DEFAULT_PROTOTYPE;
    try {
      placeParams(ma.convention, p);
      placeParams(mb.convention, p);
      placeResult(ma.convention, p);
    } catch (e) {
      if (!(e instanceof AbiError)) throw e;
      functions.push({ name, prototype: protoText, tests: empty, verdict: { kind: 'inconclusive', reason: e.message } });
      continue;
    }
    const sa: Side = { label: 'A', machine: ma, runner: ra, fn: name };
    const sb: Side = { label: 'B', machine: mb, runner: rb, fn: name };
    const t = testEquivalence(sa, sb, p, opts.runs, opts.seed, { maxSteps: opts.maxSteps, maxDepth: 64 });
    const tests = { runs: t.runs, agreed: t.agreed, skipped: t.skipped.count, skippedBecause: t.skipped.reasons };
    let verdict: Verdict;
    const tested = `tested: ${t.agreed} inputs agree${t.skipped.count ? `, ${t.skipped.count} could not run` : ''}`;
    if (t.counterexample) verdict = { kind: 'different', reason: t.counterexample.what, counterexample: t.counterexample };
    else if (!opts.checker) verdict = { kind: 'inconclusive', reason: `${tested}; not proven (proofs were not requested)` };
    else {
      let proof = await proveEquivalent(sa, sb, p, opts.checker, { calls: true });
      const unroll = opts.unroll ?? DEFAULT_UNROLL;
      let loopNote = '';
      let loopVerdict: Verdict | undefined;
      if (proof.kind === 'not-attempted' && /has a loop/.test(proof.reason) && opts.cutPoints !== false) {
        // Loops: cut points at corresponding headers with an inferred invariant first.
        // Tracing repeats some test runs: fewer, and shorter (a run cut off only gives fewer samples).
        const limits = { maxSteps: Math.min(opts.maxSteps, 20_000), maxDepth: 64 };
        const lp = await proveLoops(sa, sb, p, opts.checker, { runs: Math.min(opts.runs, 48), seed: opts.seed, limits });
        if (lp.kind === 'proven')
          loopVerdict = {
            kind: 'equivalent',
            how: `Z3 proof for all iterations with cut points in the loops at ${lp.headers.map(([x, y]) => `${x}/${y}`).join(', ')} and an invariant of ${lp.invariant.length} facts (${lp.segments} segment paths, ${lp.rounds} rounds), after ${tested.replace('tested: ', '')}`,
            loops: { headers: lp.headers, invariant: lp.invariant },
          };
        else loopNote = `; no proof by cut points: ${lp.reason}`;
      }
      // Otherwise no invariant is known: bounded unrolling, labelled with its bound.
      if (!loopVerdict && proof.kind === 'not-attempted' && /has a loop/.test(proof.reason) && unroll > 0) {
        const bounded = await proveEquivalent(sa, sb, p, opts.checker, { unroll, calls: true });
        if (bounded.kind !== 'not-attempted') proof = bounded;
        else proof = { kind: 'not-attempted', reason: `${proof.reason}; bounded unrolling: ${bounded.reason}` };
      }
      verdict = loopVerdict ?? proofVerdict(proof, sa, sb, p, tested, opts);
      if (loopNote && verdict.kind === 'equivalent-bounded') verdict = { ...verdict, how: `${verdict.how}${loopNote}` };
      else if (loopNote && verdict.kind === 'inconclusive') verdict = { ...verdict, reason: `${verdict.reason}${loopNote}` };
    }
    if (verdict.kind === 'inconclusive' && t.agreed === 0 && !t.counterexample)
      verdict = { kind: 'inconclusive', reason: `${verdict.reason}; no test could run: ${t.skipped.reasons[0] ?? 'unknown'}` };
    functions.push({ name, prototype: protoText, tests, verdict });
  }
  return {
    a: { file: a.file.fileName, isa: a.file.isa },
    b: { file: b.file.fileName, isa: b.file.isa },
    functions,
    unmatchedLocal,
    assumptions: [
      'Calls to functions outside the file: the k-th call of both sides to the same function returns the same values; call arguments are compared through the first argument register only; memory written by the callee is not modelled.',
      'Memory below the stack pointer at entry (1 MiB) is the callee frame and is not compared; everything else written is.',
      'Floating-point exception flags are not modelled; code that reads them is reported unsupported.',
    ],
  };
}

/**
 * Turns a proof attempt into a verdict. A solver counterexample is replayed
 * on the interpreter first: only a difference the interpreter reproduces is
 * reported as one.
 */
function proofVerdict(proof: ProofOutcome, a: Side, b: Side, proto: Prototype, tested: string, opts: VerifyOptions): Verdict {
  switch (proof.kind) {
    case 'proven':
      if (proof.bound !== undefined)
        return {
          kind: 'equivalent-bounded',
          bound: proof.bound,
          how: `Z3 proof over ${proof.paths[0]} and ${proof.paths[1]} paths for executions entering no block more than ${proof.bound + 1} times, after ${tested.replace('tested: ', '')}`,
        };
      return { kind: 'equivalent', how: `Z3 proof over ${proof.paths[0]} and ${proof.paths[1]} paths, after ${tested.replace('tested: ', '')}` };
    case 'not-attempted':
      return { kind: 'inconclusive', reason: `${tested}; not proven: ${proof.reason}` };
    case 'unknown':
      return { kind: 'inconclusive', reason: `${tested}; not proven: ${proof.reason}` };
    case 'refuted': {
      const env = {
        variable: (n: string, w: number) => proof.answer.value(n, w),
        memByte: (_m: string, addr: bigint) => proof.answer.memByte(addr),
      };
      const regsOf = (side: Side) => {
        const ev = new Evaluator(env);
        const regs = new Map<string, bigint>();
        for (const c of stateLayout(side.machine.program.file.isa)) regs.set(c.name, ev.value(proof.inputs.initial(side, c.name)));
        return regs;
      };
      const limits = { maxSteps: opts.maxSteps, maxDepth: 64 };
      const oa = observeFrom(a, proto, regsOf(a), proof.answer.memByte, 0, limits);
      const ob = observeFrom(b, proto, regsOf(b), proof.answer.memByte, 0, limits);
      const what = firstDifference(oa, ob, a, b, 0);
      const args = proof.inputs.args.map((v) => proof.answer.value(v.op === 'var' ? v.name : '', 64));
      if (what) return { kind: 'different', reason: `${what} (found by Z3)`, counterexample: { input: { args, seed: 0 }, what, a: oa, b: ob } };
      return {
        kind: 'inconclusive',
        reason: `${tested}; the solver reported a difference that the interpreter does not reproduce (please report this)`,
      };
    }
  }
}

/** Exit code of `transpile verify`: 0 all proven, 1 any different, 3 otherwise. */
export function verifyExitCode(report: VerifyReport): number {
  const kinds = report.functions.map((f) => f.verdict.kind);
  if (kinds.includes('different')) return 1;
  return kinds.every((k) => k === 'equivalent') ? 0 : 3;
}
