// Cut points inside a block. When the translator lowered instruction by
// instruction (`sourceSteps`), each boundary is a point where the entry
// mapping's registers written so far should already correspond. Proving
// such an intermediate equality and replacing both sides by one fresh
// variable keeps every later query small (the design notes measured one
// 15-operation query not finishing, and the cut version in 0.1 s).
//
// Soundness: a cut replaces two values proved equal (for every input
// satisfying the assumptions) by one variable, so a proof over every value
// of that variable covers the real one. The converse does not hold: the
// variable forgets how the value was computed, so a counterexample found
// after a cut proves nothing and this module never refutes; it only proves
// or gives up.
import { TRUE } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { execute } from '../ir/symexec.js';
import { isaDescription } from '../isa/index.js';
import type { Solver } from '../smt/solver.js';
import type { BlockVerifyRequest } from '../translate/contract.js';
import { callModels } from './block-calls.js';
import { memoryAccesses, runSide } from './block-exec.js';
import { buildObligations } from './block-obligations.js';
import { DivisionAbstraction, proveBatch, proveObligation } from './block-prove.js';
import { entryState, widthOf } from './block-state.js';
import { semanticsFor } from './semantics.js';

/** The cut attempts of one block together get this many times its timeout. */
const CUT_BUDGET_FACTOR = 3;

export interface CutOutcome {
  proven: boolean;
  /** Intermediate equalities proved and cut. */
  cuts: number;
  why?: string;
}

/** Whether the block's shape allows cuts: steps given, no calls, every chunk but the last straight-line. */
export function cutsApply(req: BlockVerifyRequest): string | undefined {
  const { block } = req;
  const steps = block.sourceSteps;
  if (!steps || steps.length < 2) return 'no sourceSteps';
  if (block.calls.length) return 'the block makes calls';
  const lastStart = block.target.length - steps[steps.length - 1]!;
  if ((block.localLabels ?? []).some((l) => l.before < lastStart)) return 'a local label before the last step';
  const sd = isaDescription(req.srcIsa);
  const td = isaDescription(req.tgtIsa);
  if (block.source.slice(0, -1).some((i) => sd.control(i).kind !== 'fallthrough')) return 'control flow before the last source instruction';
  if (block.target.slice(0, lastStart).some((i) => td.control(i).kind !== 'fallthrough')) return 'control flow before the last step';
  return undefined;
}

export async function proveWithCuts(
  req: BlockVerifyRequest,
  privateAreas: Map<string, number>,
  realAssumptions: readonly BV[],
  solver: Solver,
): Promise<CutOutcome> {
  const { srcIsa, tgtIsa, block } = req;
  const steps = block.sourceSteps!;
  const entry = entryState(srcIsa, tgtIsa, block.entry, privateAreas);
  const ids = new DivisionAbstraction();
  const srcState = new Map<string, BV>();
  const tgtState = new Map<string, BV>();
  let srcMem: Mem = entry.srcMem;
  let tgtMem: Mem = entry.tgtMem;
  const srcGet = (n: string) => srcState.get(n) ?? entry.srcInitial(n);
  const tgtGet = (n: string) => tgtState.get(n) ?? entry.tgtInitial(n);
  // Whole-register facts only: a cut replaces a whole component on each side.
  const cuttable = block.entry.facts.filter(
    (f) => !f.bits && f.to.kind === 'reg' && !f.to.bits && widthOf(srcIsa, f.src) === widthOf(tgtIsa, f.to.name),
  );
  const stepTimeout = Math.min(req.timeoutMs, 2000);
  // All cut attempts of a block share one budget (three times the block's
  // timeout): a long block whose equalities Z3 cannot settle must not cost a
  // query per register per step (a 24-instruction q-copy block took 5
  // minutes), while a chain of sixteen small cuts still fits on a loaded
  // machine.
  const deadline = Date.now() + CUT_BUDGET_FACTOR * req.timeoutMs;
  let cuts = 0;
  let at = 0;
  for (let k = 0; k < steps.length - 1; k++) {
    const s = execute([block.source[k]!], { isa: srcIsa, semantics: semanticsFor(srcIsa), initial: srcGet, mem: srcMem });
    for (const [n, x] of s.written) srcState.set(n, x);
    srcMem = s.mem;
    const chunk = block.target.slice(at, at + steps[k]!);
    at += steps[k]!;
    const changed = new Set<string>(s.written.keys());
    if (chunk.length) {
      const t = execute(chunk, { isa: tgtIsa, semantics: semanticsFor(tgtIsa), initial: tgtGet, mem: tgtMem });
      for (const [n, x] of t.written) tgtState.set(n, x);
      for (const n of t.written.keys()) changed.add(`tgt:${n}`);
      tgtMem = t.mem;
    }
    for (const f of cuttable) {
      const place = (f.to as { name: string }).name;
      // Only pairs this step changed: an equality that failed before would fail again.
      if (!changed.has(f.src) && !changed.has(`tgt:${place}`)) continue;
      const lhs = srcGet(f.src);
      const rhs = tgtGet(place);
      if (lhs.op === 'var' || ids.id(lhs) === ids.id(rhs)) continue;
      const left = deadline - Date.now();
      if (left <= 0) return { proven: false, cuts, why: 'the cut budget ran out' };
      const r = await proveObligation({ kind: 'eq', what: `cut ${k + 1}: ${f.src}`, guard: TRUE, lhs, rhs }, realAssumptions, privateAreas, solver, Math.min(stepTimeout, left));
      if (r.status !== 'proven') continue;
      const fresh: BV = { op: 'var', w: lhs.w, name: `block.cut${k}.${f.src}` };
      srcState.set(f.src, fresh);
      tgtState.set(place, fresh);
      cuts++;
    }
  }
  if (cuts === 0) return { proven: false, cuts, why: 'no intermediate equality could be cut' };

  const models = callModels(srcIsa, tgtIsa, block.calls, privateAreas);
  const localLabels = new Map((block.localLabels ?? []).map((l) => [l.name, l.before - at]));
  const source = runSide({
    isa: srcIsa, instructions: block.source.slice(-1), semantics: semanticsFor(srcIsa), localLabels: new Map(),
    initial: srcGet, mem: srcMem, call: models.source,
  });
  const target = runSide({
    isa: tgtIsa, instructions: block.target.slice(at), semantics: semanticsFor(tgtIsa), localLabels,
    initial: tgtGet, mem: tgtMem, call: models.target,
  });
  const accesses = memoryAccesses(source.flatMap((p) => [p.cond, p.final.mem, ...p.written.values(), ...(p.exit.kind === 'return' ? [p.exit.via] : [])]));
  const set = buildObligations(req, source, target, privateAreas, accesses);
  const assumptions = [...realAssumptions, ...set.assumptions];
  const open = set.obligations.filter((ob) => (ob.kind === 'eq' ? ids.id(ob.lhs) !== ids.id(ob.rhs) : ids.id(ob.src) !== ids.id(ob.tgt)));
  const batch = await proveBatch(open, assumptions, privateAreas, solver, stepTimeout);
  if (batch.status === 'proven') return { proven: true, cuts };
  for (const ob of open) {
    const r = await proveObligation(ob, assumptions, privateAreas, solver, req.timeoutMs);
    if (r.status !== 'proven') return { proven: false, cuts, why: `${ob.what} not proved after ${cuts} cuts` };
  }
  return { proven: true, cuts };
}
