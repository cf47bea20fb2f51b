// Reading a solver's `(get-value ...)` answer back into concrete values, and
// turning such a model into an interpreter environment so a counterexample
// can be replayed on src/interp/eval.ts.
import type { Env } from '../interp/eval.js';
import type { EncodedQuery } from './encode.js';
import { bvLiteral, showSExpr, type SExpr } from './sexpr.js';

/** A memory as default byte + explicit bytes. */
export interface MemModel {
  readonly default: number;
  readonly bytes: Map<bigint, number>;
}

export interface UfPoint {
  readonly args: readonly bigint[];
  readonly value: bigint;
}

export interface SmtModel {
  /** Every free variable of the query, by IR name. */
  readonly vars: Map<string, bigint>;
  /** Every initial memory of the query, by IR name. */
  readonly mems: Map<string, MemModel>;
  /** Every uninterpreted function application of the query, by function name. */
  readonly ufs: Map<string, UfPoint[]>;
  /** Values of QuerySpec.observe, in order. */
  readonly observed: bigint[];
}

export class ModelError extends Error {}

const M64 = (1n << 64n) - 1n;

function bv(e: SExpr, what: string): bigint {
  const lit = bvLiteral(e);
  if (!lit) throw new ModelError(`expected a bit-vector value for ${what}, got ${showSExpr(e).slice(0, 200)}`);
  return lit.value;
}

/**
 * An array value as Z3 prints it: `((as const (Array ..)) v)`, `(store a i v)`
 * chains, `(lambda ((x S)) (ite (= x i) v ...))`, possibly under `let`.
 * `(_ as-array f)` names a function whose graph is not in the answer: the
 * result is then undefined and the explicit byte reads carry the model.
 */
export function arrayValue(e: SExpr, env: Map<string, SExpr> = new Map()): MemModel | undefined {
  // Unwind store chains iteratively (a model can hold thousands of stores).
  const stores: [SExpr, SExpr][] = [];
  let cur = e;
  for (;;) {
    if (typeof cur === 'string') {
      const bound = env.get(cur);
      if (bound === undefined) return undefined;
      cur = bound;
    } else if (cur[0] === 'store' && cur.length === 4) {
      stores.push([cur[2]!, cur[3]!]);
      cur = cur[1]!;
    } else if (cur[0] === 'let' && cur.length === 3 && Array.isArray(cur[1])) {
      const inner = new Map(env);
      for (const b of cur[1]) if (Array.isArray(b) && typeof b[0] === 'string') inner.set(b[0], b[1]!);
      env = inner;
      cur = cur[2]!;
    } else break;
  }
  const resolve = (x: SExpr): SExpr => (typeof x === 'string' && env.has(x) ? resolve(env.get(x)!) : x);
  let base: MemModel | undefined;
  if (Array.isArray(cur) && cur.length === 2 && Array.isArray(cur[0]) && cur[0][0] === 'as' && cur[0][1] === 'const') {
    base = { default: Number(bv(resolve(cur[1]!), 'array default')), bytes: new Map() };
  } else if (Array.isArray(cur) && cur[0] === 'lambda' && cur.length === 3 && Array.isArray(cur[1])) {
    base = lambdaValue(cur, resolve);
  }
  if (!base) return undefined;
  for (let i = stores.length - 1; i >= 0; i--) {
    const [idx, val] = stores[i]!;
    base.bytes.set(bv(resolve(idx), 'array index') & M64, Number(bv(resolve(val), 'array byte')));
  }
  return base;
}

function lambdaValue(e: SExpr[], resolve: (x: SExpr) => SExpr): MemModel | undefined {
  const param = Array.isArray(e[1]) && Array.isArray(e[1][0]) ? e[1][0][0] : undefined;
  if (typeof param !== 'string') return undefined;
  const bytes = new Map<bigint, number>();
  let body = resolve(e[2]!);
  // (ite (= x i) v rest) chains; the first match wins, so earlier entries are kept.
  while (Array.isArray(body) && body[0] === 'ite' && body.length === 4) {
    const c = body[1]!;
    if (!Array.isArray(c) || c[0] !== '=' || c.length !== 3) return undefined;
    const idx = c[1] === param ? c[2]! : c[2] === param ? c[1]! : undefined;
    if (idx === undefined) return undefined;
    const key = bv(resolve(idx), 'array index') & M64;
    if (!bytes.has(key)) bytes.set(key, Number(bv(resolve(body[2]!), 'array byte')));
    body = resolve(body[3]!);
  }
  const lit = bvLiteral(body);
  return lit ? { default: Number(lit.value), bytes } : undefined;
}

/** The value list of a get-value answer: `((t1 v1) (t2 v2) ...)`. */
export function valuePairs(answer: SExpr[], expected: number): SExpr[] {
  for (const item of answer) {
    if (Array.isArray(item) && item.length === expected && item.every((p) => Array.isArray(p) && p.length === 2)) {
      return item.map((p) => (p as SExpr[])[1]!);
    }
  }
  throw new ModelError(`no get-value answer with ${expected} entries in solver output`);
}

/** Decodes the values of `q.valueTerms` (in order) into a model. */
export function decodeModel(q: EncodedQuery, values: SExpr[]): SmtModel {
  if (values.length !== q.valueTerms.length) throw new ModelError(`expected ${q.valueTerms.length} values, got ${values.length}`);
  let i = 0;
  const next = () => values[i++]!;
  const vars = new Map<string, bigint>();
  for (const v of q.vars) vars.set(v.name, bv(next(), v.name));
  const mems = new Map<string, MemModel>();
  for (const m of q.mems) {
    const value = next();
    mems.set(m.name, arrayValue(value) ?? { default: 0, bytes: new Map() });
  }
  for (const r of q.reads) {
    const addr = bv(next(), `address of a read of ${r.mem}`);
    let mem = mems.get(r.mem);
    if (!mem) {
      mem = { default: 0, bytes: new Map() };
      mems.set(r.mem, mem);
    }
    // The select answers are authoritative: they override whatever the array print said.
    for (let b = 0; b < r.bytes; b++) mem.bytes.set((addr + BigInt(b)) & M64, Number(bv(next(), `byte of ${r.mem}`)));
  }
  const ufs = new Map<string, UfPoint[]>();
  for (const u of q.ufs) {
    const args = u.args.map(() => bv(next(), `argument of ${u.name}`));
    const value = bv(next(), `value of ${u.name}`);
    const list = ufs.get(u.name) ?? [];
    list.push({ args, value });
    ufs.set(u.name, list);
  }
  const observed = q.observed.map(() => bv(next(), 'observed term'));
  return { vars, mems, ufs, observed };
}

/**
 * An interpreter environment that replays a model: variables and bytes
 * the model fixes, and `fallback` (0 by default) for anything it leaves
 * free (the solver did not care about those, so any value is consistent).
 */
export function envFromModel(
  model: Pick<SmtModel, 'vars' | 'mems'> & Partial<Pick<SmtModel, 'ufs'>>,
  fallback = 0n,
): Env {
  return {
    variable: (name) => model.vars.get(name) ?? fallback,
    memByte: (mem, addr) => {
      const m = model.mems.get(mem);
      if (!m) return Number(fallback & 0xffn);
      return m.bytes.get(addr & M64) ?? m.default;
    },
    uf: (name, args) => {
      const points = model.ufs?.get(name) ?? [];
      const hit = points.find((p) => p.args.length === args.length && p.args.every((a, k) => a === args[k]));
      return hit ? hit.value : fallback;
    },
  };
}
