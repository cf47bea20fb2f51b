// The interpreter (src/interp/eval.ts) and the Z3 encoding (src/smt/) must
// give every IR expression the same value. Random expressions over every BV
// operator at widths 1, 7, 8, 32, 64, 128 with constants near the edges,
// memories with overlapping stores, shared subterms; checked two ways on
// both backends and both memory encodings:
//  - fixed: the inputs the interpreter used (variables, and every memory
//    byte it read) are asserted; Z3's values of the expressions must be the
//    interpreter's;
//  - replay: some variables are fixed, the rest and all memory are left to
//    Z3; the interpreter replaying Z3's model (variables, memory bytes) must
//    compute the values Z3 reports (this checks model reading as well).
// Plus an exhaustive table: every operator on every pair of edge constants.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mask, type BinOp, type BV, type CmpOp, type Mem } from '../src/ir/expr.js';
import { Evaluator, type Env } from '../src/interp/eval.js';
import type { MemoryEncoding } from '../src/smt/encode.js';
import { envFromModel } from '../src/smt/model.js';
import { Solver, type BackendName } from '../src/smt/solver.js';
import { describeWithTools } from './support/tools.js';

const WIDTHS = [1, 7, 8, 32, 64, 128];
const BINOPS: BinOp[] = ['add', 'sub', 'mul', 'udiv', 'sdiv', 'urem', 'srem', 'and', 'or', 'xor', 'shl', 'lshr', 'ashr'];
const CMPS: CmpOp[] = ['eq', 'ult', 'ule', 'slt', 'sle'];
const M64 = mask(64);
const TIMEOUT = 30_000;

function edges(w: number): bigint[] {
  const m = mask(w);
  const top = 1n << BigInt(w - 1);
  const raw = [0n, 1n, 2n, m, m - 1n, top, top - 1n, top + 1n, BigInt(w - 1), BigInt(w), BigInt(w + 1), 0x5555_5555_5555_5555_5555_5555_5555_5555n];
  return [...new Set(raw.map((x) => x & m))];
}

// ---- generators -------------------------------------------------------------

const K = (w: number, value: bigint): BV => ({ op: 'const', w, value: value & mask(w) });
const varNames = (w: number) => [`x&${w}`, `r:${w}.lo#1`];
const MEMS = ['heap&0', 'mem:1.x'];

const constArb = (w: number) => fc.oneof(fc.constantFrom(...edges(w)), fc.bigInt({ min: 0n, max: mask(w) })).map((v) => K(w, v));
const varArb = (w: number) => fc.constantFrom(...varNames(w)).map((name): BV => ({ op: 'var', w, name }));

const memo = new Map<string, fc.Arbitrary<BV>>();

/** Random expressions of width w, nested at most d deep. Nodes are built raw: no folding, so Z3 sees every operator. */
function exprArb(w: number, d: number): fc.Arbitrary<BV> {
  const key = `${w}:${d}`;
  const known = memo.get(key);
  if (known) return known;
  const leaf = fc.oneof(constArb(w), varArb(w));
  if (d === 0) {
    memo.set(key, leaf);
    return leaf;
  }
  const sub = (ww: number) => exprArb(ww, d - 1);
  const opts: { weight: number; arbitrary: fc.Arbitrary<BV> }[] = [
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('not' as const, 'neg' as const), sub(w)).map(([op, a]): BV => ({ op, w, a })) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...BINOPS), sub(w), sub(w)).map(([op, a, b]): BV => ({ op, w, a, b })) },
    { weight: 1, arbitrary: fc.tuple(sub(1), sub(w), sub(w)).map(([c, t, e]): BV => ({ op: 'ite', w, c, t, e })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...WIDTHS.filter((W) => W >= w))
        .chain((W) => fc.tuple(fc.integer({ min: 0, max: W - w }), sub(W)))
        .map(([lo, a]): BV => ({ op: 'extract', w, hi: lo + w - 1, lo, a })),
    },
  ];
  if (w > 1) {
    const narrower = [...new Set([...WIDTHS, 1, w - 1])].filter((W) => W < w);
    opts.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('zext' as const, 'sext' as const), fc.constantFrom(...narrower))
        .chain(([op, W]) => sub(W).map((a): BV => ({ op, w, a }))),
    });
    opts.push({
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: w - 1 })
        .chain((hi) => fc.tuple(sub(hi), sub(w - hi)))
        .map(([a, b]): BV => ({ op: 'concat', w, a, b })),
    });
  }
  if (w === 1) {
    opts.push({
      weight: 3,
      arbitrary: fc
        .constantFrom(...WIDTHS)
        .chain((W) => fc.tuple(fc.constantFrom(...CMPS), sub(W), sub(W)))
        .map(([op, a, b]): BV => ({ op, w: 1, a, b })),
    });
  }
  if (w % 8 === 0) {
    opts.push({ weight: 2, arbitrary: fc.tuple(memArb(d - 1), addrArb(d - 1)).map(([mem, addr]): BV => ({ op: 'load', w, mem, addr })) });
  }
  const arb = fc.oneof(...opts);
  memo.set(key, arb);
  return arb;
}

/** Addresses: a base plus a small offset (overlapping accesses), constants (including wrap-around), or anything. */
function addrArb(d: number): fc.Arbitrary<BV> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('base:p', 'base:q'), fc.integer({ min: -12, max: 12 })).map(([name, off]): BV => ({ op: 'add', w: 64, a: { op: 'var', w: 64, name }, b: K(64, BigInt(off)) })) },
    { weight: 1, arbitrary: fc.constantFrom(0n, 4n, 8n, M64 - 3n).map((a) => K(64, a)) },
    { weight: 1, arbitrary: exprArb(64, Math.max(0, d)) },
  );
}

function memArb(d: number): fc.Arbitrary<Mem> {
  const base = fc.constantFrom(...MEMS).map((name): Mem => ({ op: 'mem0', name }));
  if (d <= 0) return base;
  return fc.oneof(
    { weight: 1, arbitrary: base },
    {
      weight: 2,
      arbitrary: fc
        .tuple(memArb(d - 1), addrArb(d - 1), fc.constantFrom(8, 16, 32, 64, 128))
        .chain(([mem, addr, vw]) => exprArb(vw, d - 1).map((value): Mem => ({ op: 'store', mem, addr, value }))),
    },
  );
}

/** A batch: several expressions, plus nodes that share them (so the DAG has shared subterms). */
const batchArb = (depth: number, n: number) =>
  fc.tuple(
    fc.array(fc.constantFrom(...WIDTHS).chain((w) => exprArb(w, depth)), { minLength: n, maxLength: n }),
    fc.array(fc.oneof(fc.constantFrom(...edges(128)), fc.bigInt({ min: 0n, max: mask(128) })), { minLength: 32, maxLength: 32 }),
    fc.bigInt({ min: 0n, max: M64 }),
  ).map(([exprs, values, memSeed]) => {
    const shared: BV[] = [];
    for (let i = 0; i + 1 < exprs.length; i++) {
      const a = exprs[i]!;
      const b = exprs.find((e, j) => j > i && e.w === a.w);
      if (b) shared.push({ op: 'xor', w: a.w, a: { op: 'add', w: a.w, a, b }, b: a });
    }
    return { exprs: [...exprs, ...shared], values, memSeed };
  });

// ---- checking ---------------------------------------------------------------

function hashName(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** An environment from the generated values; records what the interpreter read. */
function recordingEnv(values: bigint[], memSeed: bigint) {
  const vars = new Map<string, { w: number; value: bigint }>();
  const bytes: { mem: string; addr: bigint; value: number }[] = [];
  const env: Env = {
    variable(name, w) {
      const value = values[hashName(name) % values.length]! & mask(w);
      vars.set(name, { w, value });
      return value;
    },
    memByte(mem, addr) {
      const value = Number((((addr ^ BigInt(hashName(mem))) * 0x9e3779b97f4a7c15n + memSeed) >> 40n) & 0xffn);
      bytes.push({ mem, addr, value });
      return value;
    },
  };
  return { env, vars, bytes };
}

async function checkFixed(solver: Solver, exprs: BV[], values: bigint[], memSeed: bigint, memory: MemoryEncoding) {
  const rec = recordingEnv(values, memSeed);
  const ev = new Evaluator(rec.env);
  const expected = exprs.map((e) => ev.value(e));
  const assertions: BV[] = [];
  for (const [name, { w, value }] of rec.vars) assertions.push({ op: 'eq', w: 1, a: { op: 'var', w, name }, b: K(w, value) });
  for (const b of rec.bytes) {
    const load: BV = { op: 'load', w: 8, mem: { op: 'mem0', name: b.mem }, addr: K(64, b.addr) };
    assertions.push({ op: 'eq', w: 1, a: load, b: K(8, BigInt(b.value)) });
  }
  const r = await solver.check({ assertions, observe: exprs, memory }, { timeoutMs: TIMEOUT });
  expect(r.status).toBe('sat');
  if (r.status !== 'sat') return;
  expect(r.observed).toEqual(expected);
}

async function checkReplay(solver: Solver, exprs: BV[], values: bigint[], memSeed: bigint, memory: MemoryEncoding) {
  // Half of the variables and of the bytes the interpreter read are fixed to
  // generated values (so the memory Z3 reports is not all zeros); the rest is Z3's choice.
  const rec = recordingEnv(values, memSeed);
  const ev = new Evaluator(rec.env);
  for (const e of exprs) ev.value(e);
  const assertions: BV[] = [...rec.vars]
    .filter(([name]) => hashName(name) % 2 === 0)
    .map(([name, { w, value }]) => ({ op: 'eq', w: 1, a: { op: 'var', w, name }, b: K(w, value) }));
  for (const b of rec.bytes.filter((x) => (x.addr & 2n) === 0n)) {
    const load: BV = { op: 'load', w: 8, mem: { op: 'mem0', name: b.mem }, addr: K(64, b.addr) };
    assertions.push({ op: 'eq', w: 1, a: load, b: K(8, BigInt(b.value)) });
  }
  const r = await solver.check({ assertions, observe: exprs, memory }, { timeoutMs: TIMEOUT });
  expect(r.status).toBe('sat');
  if (r.status !== 'sat') return;
  const replay = new Evaluator(envFromModel({ vars: r.model, mems: r.memModel, ufs: r.ufModel }));
  expect(exprs.map((e) => replay.value(e))).toEqual(r.observed);
}

/** Every operator on every pair of edge constants at one width, in one query. */
async function checkEdgeTable(solver: Solver, w: number) {
  const exprs: BV[] = [];
  const es = edges(w);
  for (const a of es) {
    exprs.push({ op: 'not', w, a: K(w, a) }, { op: 'neg', w, a: K(w, a) });
    for (const W of WIDTHS) if (W > w) exprs.push({ op: 'zext', w: W, a: K(w, a) }, { op: 'sext', w: W, a: K(w, a) });
    for (let lo = 0; lo < w; lo += Math.max(1, Math.floor(w / 5))) exprs.push({ op: 'extract', w: w - lo, hi: w - 1, lo, a: K(w, a) });
    for (const b of es) {
      for (const op of BINOPS) exprs.push({ op, w, a: K(w, a), b: K(w, b) });
      for (const op of CMPS) exprs.push({ op, w: 1, a: K(w, a), b: K(w, b) });
      exprs.push({ op: 'concat', w: 2 * w, a: K(w, a), b: K(w, b) });
    }
  }
  const ev = new Evaluator({ variable: () => 0n, memByte: () => 0 });
  const r = await solver.check({ assertions: [], observe: exprs }, { timeoutMs: TIMEOUT });
  expect(r.status).toBe('sat');
  if (r.status !== 'sat') return;
  const wrong = exprs
    .map((e, i) => ({ e, z3: r.observed[i], interp: ev.value(e) }))
    .filter((x) => x.z3 !== x.interp)
    .slice(0, 5)
    .map((x) => `${x.e.op}/${x.e.w}: z3 ${x.z3} interp ${x.interp}`);
  expect(wrong).toEqual([]);
  return exprs.length;
}

function crossCheckSuite(backend: BackendName, runs: { fixed: number; replay: number }) {
  let solver: Solver;
  beforeAll(async () => {
    solver = new Solver({ backend, cache: false });
    await solver.start();
  });
  afterAll(async () => {
    await solver.close();
  });

  it('agrees on every operator over edge constants', async () => {
    let n = 0;
    for (const w of WIDTHS) n += (await checkEdgeTable(solver, w)) ?? 0;
    expect(n).toBeGreaterThan(5000);
  });

  for (const memory of ['row', 'array'] as const) {
    it(`agrees on random expressions with fixed inputs (${memory} memory)`, async () => {
      await fc.assert(
        fc.asyncProperty(batchArb(3, 8), ({ exprs, values, memSeed }) => checkFixed(solver, exprs, values, memSeed, memory)),
        { numRuns: runs.fixed },
      );
    });
    it(`agrees on random expressions through Z3's own model (${memory} memory)`, async () => {
      await fc.assert(
        fc.asyncProperty(batchArb(3, 6), ({ exprs, values, memSeed }) => checkReplay(solver, exprs, values, memSeed, memory)),
        { numRuns: runs.replay },
      );
    });
  }
}

describe('interpreter and Z3 agree (z3-solver WASM)', () => crossCheckSuite('wasm', { fixed: 100, replay: 60 }));
describeWithTools(['z3'], 'interpreter and Z3 agree (native z3)', () => crossCheckSuite('native', { fixed: 250, replay: 150 }));
