// Proving block obligations with Z3. Each obligation is its own query
// (small queries answer in milliseconds; one big conjunction does not).
// Division chains get a cheaper first try: every division and remainder of
// the same operands becomes one pair of fresh variables tied by the facts
// that hold of them (r = a - q*b, the zero-divisor and overflow results), so
// `msub` over `sdiv` meets `rem` without bit-blasting two 64-bit dividers.
// That abstraction only forgets facts, so its `unsat` is a proof; anything
// else falls back to the exact query. A counterexample from Z3 counts only
// after it reproduces on the interpreter.
import { walkDag } from '../ir/walk.js';
import { and, c, eq, ite, load, mul, ne, not, or, slt, sub, TRUE, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { Evaluator, type Env } from '../interp/eval.js';
import { envFromModel } from '../smt/model.js';
import { checkSat, proveEqual, type EqualityProof } from '../smt/prove.js';
import type { Solver } from '../smt/solver.js';
import { inPrivate, type Obligation } from './block-obligations.js';
import { checkOne } from './block-testing.js';

const PROBE = 'block.probe-address';

export type ObligationProof =
  | { status: 'proven'; how: 'syntactic' | 'exact' | 'division-lemmas' }
  | { status: 'refuted'; env: Env; detail: string }
  | { status: 'unproven'; reason: string };

/** The equality a memory obligation becomes: one byte at a free address outside the private areas. */
function asEquality(ob: Obligation, privateAreas: ReadonlyMap<string, number>): { lhs: BV; rhs: BV; extra: BV[] } {
  if (ob.kind === 'eq') return { lhs: ob.lhs, rhs: ob.rhs, extra: [] };
  const p = v(64, PROBE);
  return { lhs: load(ob.src, p, 1), rhs: load(ob.tgt, p, 1), extra: [not(inPrivate(p, privateAreas))] };
}

export async function proveObligation(
  ob: Obligation,
  assumptions: readonly BV[],
  privateAreas: ReadonlyMap<string, number>,
  solver: Solver,
  timeoutMs: number,
  syntactic = true,
): Promise<ObligationProof> {
  const { lhs, rhs, extra } = asEquality(ob, privateAreas);
  // Structurally identical sides are equal for every input: no solver needed.
  if (syntactic) {
    const ids = new DivisionAbstraction();
    if (ids.id(lhs) === ids.id(rhs)) return { status: 'proven', how: 'syntactic' };
  }
  const all = [...assumptions, ob.guard, ...extra].filter((a) => a !== TRUE);
  if (hasDivision([lhs, rhs, ...all])) {
    const abs = new DivisionAbstraction();
    const l = abs.rewrite(lhs);
    const r = abs.rewrite(rhs);
    const assumed = [...all.map((a) => abs.rewrite(a)), ...abs.lemmas];
    if (await provedByCases(l, r, assumed, abs.conditions([l, r], MAX_SPLIT), solver, Math.min(timeoutMs, 2000)))
      return { status: 'proven', how: 'division-lemmas' };
  }
  // Most equalities hold whatever the layout: tried first under the guard
  // alone, which keeps Z3 away from the (large) layout assumptions. Fewer
  // hypotheses prove less, never more, so `proven` here is a proof.
  const bare = [ob.guard, ...extra].filter((a) => a !== TRUE);
  if (bare.length < all.length) {
    const quick = await proveEqual(lhs, rhs, { solver, timeoutMs: Math.min(timeoutMs, BARE_TRY_MS), assumptions: bare });
    if (quick.status === 'proven') return { status: 'proven', how: 'exact' };
  }
  const r = await proveEqual(lhs, rhs, { solver, timeoutMs, assumptions: all });
  return settle(r, ob, privateAreas, all);
}

/** Time for the try without layout assumptions. */
const BARE_TRY_MS = 300;

export type BatchProof =
  | { status: 'proven' }
  | { status: 'refuted'; obligation: Obligation; env: Env; detail: string }
  | { status: 'undecided' };

/**
 * All obligations in one query: is there an input where any of them fails?
 * Typical blocks answer in one solver round trip instead of one per
 * obligation. A model is replayed on every obligation; one that reproduces
 * is a counterexample. Anything else (a timeout, a model that does not
 * replay) leaves the decision to the per-obligation proofs.
 */
export async function proveBatch(
  obligations: readonly Obligation[],
  assumptions: readonly BV[],
  privateAreas: ReadonlyMap<string, number>,
  solver: Solver,
  timeoutMs: number,
): Promise<BatchProof> {
  if (obligations.length === 0) return { status: 'proven' };
  let anyFails: BV = c(1, 0);
  obligations.forEach((ob, k) => {
    if (ob.kind === 'eq') anyFails = or(anyFails, and(ob.guard, ne(ob.lhs, ob.rhs)));
    else {
      const p = v(64, `${PROBE}#${k}`);
      anyFails = or(anyFails, and(and(ob.guard, not(inPrivate(p, privateAreas))), ne(load(ob.src, p, 1), load(ob.tgt, p, 1))));
    }
  });
  const query = assumptions.reduce((acc, a) => and(acc, a), anyFails);
  const r = await checkSat(query, { solver, timeoutMs });
  if (r.status === 'unsat') return { status: 'proven' };
  if (r.status !== 'sat') return { status: 'undecided' };
  const env = envFromModel({ vars: r.model, mems: r.memModel, ufs: r.ufModel });
  const ev = new Evaluator(env);
  // A model counts only if the interpreter agrees it meets every assumption.
  if (assumptions.some((a) => ev.value(a) !== 1n)) return { status: 'undecided' };
  for (const [k, ob] of obligations.entries()) {
    let detail = checkOne(ob, ev, env, privateAreas);
    if (detail === undefined && ob.kind === 'mem' && ev.value(ob.guard) === 1n) detail = probeDiffers(ob, ev, env.variable(`${PROBE}#${k}`, 64));
    if (detail !== undefined) return { status: 'refuted', obligation: ob, env, detail };
  }
  return { status: 'undecided' };
}

function probeDiffers(ob: Extract<Obligation, { kind: 'mem' }>, ev: Evaluator, addr: bigint): string | undefined {
  const x = ev.value(load(ob.src, c(64, addr), 1));
  const y = ev.value(load(ob.tgt, c(64, addr), 1));
  return x !== y ? `byte at 0x${addr.toString(16)}: source 0x${x.toString(16)}, target 0x${y.toString(16)}` : undefined;
}

/** Conditions split on at most: 2^3 cases. */
const MAX_SPLIT = 3;

/**
 * Proves lhs = rhs in every case of the given conditions (each true or
 * false). The cases cover every input, so all of them proved is a proof.
 * Z3 answers each case quickly because the case's equalities (divisor = 0,
 * divisor = -1) simplify the products away, where one query over all cases
 * times out.
 */
async function provedByCases(lhs: BV, rhs: BV, assumptions: BV[], conditions: BV[], solver: Solver, timeoutMs: number): Promise<boolean> {
  const cases = 1 << conditions.length;
  for (let k = 0; k < cases; k++) {
    const chosen = conditions.map((cond, i) => ((k >> i) & 1 ? cond : not(cond)));
    const r = await proveEqual(lhs, rhs, { solver, timeoutMs, assumptions: [...assumptions, ...chosen] });
    if (r.status !== 'proven') return false;
  }
  return true;
}

function settle(r: EqualityProof, ob: Obligation, privateAreas: ReadonlyMap<string, number>, assumptions: readonly BV[]): ObligationProof {
  if (r.status === 'proven') return { status: 'proven', how: 'exact' };
  if (r.status !== 'refuted') return { status: 'unproven', reason: r.reason };
  const env = envFromModel(r.counterexample);
  const ev = new Evaluator(env);
  if (assumptions.some((a) => ev.value(a) !== 1n))
    return { status: 'unproven', reason: `z3 found a counterexample to '${ob.what}' that breaks an assumption on the interpreter` };
  let detail = checkOne(ob, ev, env, privateAreas);
  if (detail === undefined && ob.kind === 'mem' && ev.value(ob.guard) === 1n) detail = probeDiffers(ob, ev, env.variable(PROBE, 64));
  if (detail === undefined) return { status: 'unproven', reason: `z3 found a counterexample to '${ob.what}' that did not reproduce on the interpreter` };
  return { status: 'refuted', env, detail };
}

export function hasDivision(roots: readonly (BV | Mem)[]): boolean {
  return walkDag(roots, (e) => e.op === 'sdiv' || e.op === 'udiv' || e.op === 'srem' || e.op === 'urem');
}

/**
 * Rewrites expressions with each division/remainder pair over structurally
 * equal operands replaced by fresh variables q, r, and collects the lemmas
 * SMT-LIB's definitions make true of them.
 */
export class DivisionAbstraction {
  readonly lemmas: BV[] = [];
  private readonly ids = new Map<object, number>();
  private readonly sigs = new Map<string, number>();
  private readonly done = new Map<object, BV | Mem>();
  private readonly pairs = new Map<string, { q: BV; r: BV }>();

  /** A structural id: equal ids for equal expressions (hash-consing by signature). */
  id(e: BV | Mem): number {
    const known = this.ids.get(e);
    if (known !== undefined) return known;
    let sig: string;
    switch (e.op) {
      case 'const': sig = `c${e.w}:${e.value}`; break;
      case 'var': sig = `v${e.w}:${e.name}`; break;
      case 'mem0': sig = `m:${e.name}`; break;
      case 'store': sig = `st:${this.id(e.mem)},${this.id(e.addr)},${this.id(e.value)}`; break;
      case 'load': sig = `ld${e.w}:${this.id(e.mem)},${this.id(e.addr)}`; break;
      case 'ite': sig = `ite:${this.id(e.c)},${this.id(e.t)},${this.id(e.e)}`; break;
      case 'extract': sig = `ex${e.hi}_${e.lo}:${this.id(e.a)}`; break;
      case 'fp': sig = `fp:${e.fop}:${e.w}:${e.fw}:${e.rm}:${e.nan}:${e.args.map((a) => this.id(a)).join(',')}`; break;
      case 'uf': sig = `uf:${e.name}:${e.w}:${e.args.map((a) => this.id(a)).join(',')}`; break;
      case 'not': case 'neg': case 'zext': case 'sext': sig = `${e.op}${e.w}:${this.id(e.a)}`; break;
      default: sig = `${e.op}${e.w}:${this.id(e.a)},${this.id(e.b)}`;
    }
    let n = this.sigs.get(sig);
    if (n === undefined) {
      n = this.sigs.size;
      this.sigs.set(sig, n);
    }
    this.ids.set(e, n);
    return n;
  }

  /** Distinct conditions of selections in some expressions, outermost first. */
  conditions(roots: readonly BV[], max: number): BV[] {
    const out = new Map<number, BV>();
    const seen = new Set<object>();
    const queue: BV[] = [...roots];
    for (let i = 0; i < queue.length && out.size < max; i++) {
      const e = queue[i]!;
      if (seen.has(e)) continue;
      seen.add(e);
      switch (e.op) {
        case 'ite':
          if (e.c.op !== 'const' && !out.has(this.id(e.c))) out.set(this.id(e.c), e.c);
          queue.push(e.t, e.e);
          break;
        case 'const': case 'var': case 'load': case 'fp': case 'uf': break;
        case 'not': case 'neg': case 'extract': case 'zext': case 'sext': queue.push(e.a); break;
        default: queue.push(e.a, e.b);
      }
    }
    return [...out.values()];
  }

  private pair(signed: boolean, a: BV, b: BV): { q: BV; r: BV } {
    const key = `${signed ? 's' : 'u'}${a.w}:${this.id(a)},${this.id(b)}`;
    let p = this.pairs.get(key);
    if (!p) {
      const k = this.pairs.size;
      const w = a.w;
      p = { q: v(w, `block.div#${k}.q`), r: v(w, `block.div#${k}.r`) };
      this.pairs.set(key, p);
      const zero = c(w, 0);
      const ones = c(w, -1);
      this.lemmas.push(eq(p.r, sub(a, this.product(p.q, b, 0))));
      this.lemmas.push(ite(eq(b, zero), eq(p.r, a), TRUE));
      if (signed) {
        this.lemmas.push(ite(eq(b, zero), eq(p.q, ite(slt(a, zero), c(w, 1), ones)), TRUE));
        const min = c(w, 1n << BigInt(w - 1));
        this.lemmas.push(ite(and(eq(a, min), eq(b, ones)), and(eq(p.q, min), eq(p.r, zero)), TRUE));
      } else {
        this.lemmas.push(ite(eq(b, zero), eq(p.q, ones), TRUE));
      }
    }
    return p;
  }

  /**
   * A product with selections lifted out of it (x * ite(c, 0, q) becomes
   * ite(c, 0, x * q)) and its operands in a canonical order, so the product
   * a quotient lemma speaks of is literally the one the code computes.
   */
  private product(a: BV, b: BV, depth: number): BV {
    if (depth > 0 && a.op === 'ite') return ite(a.c, this.product(a.t, b, depth - 1), this.product(a.e, b, depth - 1));
    if (depth > 0 && b.op === 'ite') return ite(b.c, this.product(a, b.t, depth - 1), this.product(a, b.e, depth - 1));
    return this.id(a) <= this.id(b) ? mul(a, b) : mul(b, a);
  }

  rewrite(e: BV): BV;
  rewrite(e: Mem): Mem;
  rewrite(e: BV | Mem): BV | Mem {
    const known = this.done.get(e);
    if (known) return known;
    let out: BV | Mem;
    switch (e.op) {
      case 'const': case 'var': case 'mem0': out = e; break;
      case 'store': out = { ...e, mem: this.rewrite(e.mem), addr: this.rewrite(e.addr), value: this.rewrite(e.value) }; break;
      case 'load': out = { ...e, mem: this.rewrite(e.mem), addr: this.rewrite(e.addr) }; break;
      case 'ite': out = { ...e, c: this.rewrite(e.c), t: this.rewrite(e.t), e: this.rewrite(e.e) }; break;
      case 'fp': case 'uf': out = { ...e, args: e.args.map((a) => this.rewrite(a)) }; break;
      case 'not': case 'neg': case 'extract': case 'zext': case 'sext': out = { ...e, a: this.rewrite(e.a) }; break;
      case 'sdiv': case 'srem': case 'udiv': case 'urem': {
        const a = this.rewrite(e.a);
        const b = this.rewrite(e.b);
        const p = this.pair(e.op === 'sdiv' || e.op === 'srem', a, b);
        out = e.op === 'sdiv' || e.op === 'udiv' ? p.q : p.r;
        break;
      }
      case 'mul': out = this.product(this.rewrite(e.a), this.rewrite(e.b), 4); break;
      default: out = { ...e, a: this.rewrite(e.a), b: this.rewrite(e.b) } as BV;
    }
    this.done.set(e, out);
    return out;
  }
}
