// The CEGIS loop itself, independent of what the specification is: propose
// hole values that pass every test so far (Z3 over the hole variables), hand
// the candidate to a checker, and either stop or learn from its answer (a new
// test, or just "not this one"). Function completion (cegis.ts) and block
// repair (repair.ts) ask different questions through the same loop.
import type { Isa } from '../asm/ast.js';
import { and, c, eq, FALSE, not, or, sle, TRUE, ule, urem } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { checkSat } from '../smt/prove.js';
import type { BackendChoice } from '../smt/solver.js';
import { holeVar, selects, selectorVar } from './encode.js';
import { isBitmaskImmediate, type ImmediateRange } from './immediates.js';
import { fillHoles, type SpaceSite } from './space.js';

export interface Candidate {
  /** Chosen variant per site. */
  choice: number[];
  /** Values of the symbolic immediate holes each chosen variant uses. */
  values: Map<number, bigint>;
}

export interface LoopStats {
  iterations: number;
  tests: number;
  synthesisMs: number;
  verificationMs: number;
  totalMs: number;
  /** log2 of the number of hole assignments. */
  spaceBits?: number;
}

/** What the checker says about a candidate (given as the text of each hole line). */
export type CheckAnswer =
  | { kind: 'accept'; how: string }
  /** Wrong, and here is a test (over the hole variables) that every later candidate must pass. */
  | { kind: 'counterexample'; test: BV }
  /** Wrong or unusable, with nothing more to learn than "not this one". */
  | { kind: 'reject' }
  | { kind: 'unknown'; reason: string };

export type LoopOutcome =
  | { status: 'completed'; texts: string[]; how: string }
  | { status: 'no completion exists'; how: string }
  | { status: 'timeout'; how: string; lastTexts?: string[] };

export interface LoopParams {
  isa: Isa;
  space: SpaceSite[];
  /** Initial tests: formulas over the hole variables that a completion must satisfy. */
  tests: BV[];
  deadline: number;
  backend?: BackendChoice;
  stats: LoopStats;
  check(texts: string[]): Promise<CheckAnswer>;
  /** Why the hole space is empty, for the report (given the number of tests and refuted candidates). */
  whyEmpty(tests: number, refuted: number): string;
}

export function rangeConstraint(x: BV, r: ImmediateRange): BV {
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
export function domainConstraint(space: SpaceSite[]): BV {
  let all: BV = TRUE;
  for (const s of space) {
    const n = s.variants.length;
    const live = s.variants.flatMap((v, j) => (s.encoded.invalid.has(j) ? [] : [{ v, j }]));
    if (live.length === 0) return FALSE;
    const rangesOf = (v: (typeof s.variants)[number]) => v.holes.reduce((acc: BV, h) => and(acc, rangeConstraint(holeVar(h.id), h.range)), TRUE);
    if (n === 1) {
      all = and(all, rangesOf(s.variants[0]!));
      continue;
    }
    const sel = selectorVar(s.site.id, n);
    all = and(all, ule(sel, c(sel.w, n - 1)));
    for (const j of s.encoded.invalid.keys()) all = and(all, not(selects(s.site.id, n, j)));
    // Variants whose immediates share their ranges share one constraint.
    const groups = new Map<string, { ranges: BV; members: number[] }>();
    for (const { v, j } of live) {
      const key = v.holes.map((h) => `${h.id}:${h.range.lo}:${h.range.hi}:${h.range.multipleOf}`).join(',');
      const g = groups.get(key) ?? { ranges: rangesOf(v), members: [] };
      g.members.push(j);
      groups.set(key, g);
    }
    if (groups.size === 1) all = and(all, [...groups.values()][0]!.ranges);
    else
      for (const g of groups.values()) {
        const chosen = g.members.reduce((acc: BV, j) => or(acc, selects(s.site.id, n, j)), FALSE);
        all = and(all, or(not(chosen), g.ranges));
      }
  }
  return all;
}

export function blockingClause(space: SpaceSite[], cand: Candidate): BV {
  let same: BV = TRUE;
  space.forEach((s, k) => {
    const j = cand.choice[k]!;
    if (s.variants.length > 1) same = and(same, selects(s.site.id, s.variants.length, j));
    for (const h of s.variants[j]!.holes) same = and(same, eq(holeVar(h.id), c(64, cand.values.get(h.id)!)));
  });
  return not(same);
}

export function readCandidate(space: SpaceSite[], model: Map<string, bigint>): Candidate {
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
export function encodable(space: SpaceSite[], cand: Candidate): boolean {
  return space.every((s, k) =>
    s.variants[cand.choice[k]!]!.holes.every((h) => !h.range.bitmask || isBitmaskImmediate(cand.values.get(h.id)!, h.range.bitmask)),
  );
}

/** The chosen instruction of each site, as text. */
export function chosenTexts(isa: Isa, space: SpaceSite[], cand: Candidate): string[] {
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

export async function cegisLoop(p: LoopParams): Promise<LoopOutcome> {
  const tests = [...p.tests];
  const blocked: BV[] = [];
  const stats = p.stats;
  stats.tests = tests.length;
  let lastTexts: string[] | undefined;
  const timeout = (how: string): LoopOutcome => ({ status: 'timeout', how, ...(lastTexts ? { lastTexts } : {}) });
  for (;;) {
    if (Date.now() >= p.deadline) return timeout('no proven completion in the time given');
    stats.iterations++;
    // The domain is rebuilt each round: encoding the tests may have found variants without semantics.
    const query = [domainConstraint(p.space), ...tests, ...blocked].reduce((acc, x) => and(acc, x), TRUE as BV);
    const t0 = Date.now();
    const r = await checkSat(query, { timeoutMs: Math.max(1, p.deadline - Date.now()), ...(p.backend ? { backend: p.backend } : {}) });
    stats.synthesisMs += Date.now() - t0;
    if (r.status === 'unsat') return { status: 'no completion exists', how: p.whyEmpty(tests.length, blocked.length) };
    if (r.status === 'timeout') return timeout(`the synthesis query timed out (round ${stats.iterations})`);
    if (r.status !== 'sat') throw new Error(`the solver failed during synthesis: ${r.status === 'error' ? r.message : r.reason}`);
    const cand = readCandidate(p.space, r.model);
    blocked.push(blockingClause(p.space, cand));
    if (!encodable(p.space, cand)) continue;
    const texts = chosenTexts(p.isa, p.space, cand);
    lastTexts = texts;
    const t1 = Date.now();
    const answer = await p.check(texts);
    stats.verificationMs += Date.now() - t1;
    switch (answer.kind) {
      case 'accept':
        return { status: 'completed', texts, how: answer.how };
      case 'counterexample':
        tests.push(answer.test);
        stats.tests++;
        break;
      case 'reject':
        break;
      case 'unknown':
        return timeout(`candidate not proven: ${answer.reason}`);
    }
  }
}
