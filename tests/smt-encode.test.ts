// The SMT-LIB text itself: sharing (a DAG never becomes a tree), depth (long
// chains neither overflow the JS stack nor nest without bound), symbols,
// logics, reading models back, and solver errors never read as answers.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, c, eq, load, shl, store, v } from '../src/ir/build.js';
import type { BV, Mem } from '../src/ir/expr.js';
import { SmtCache } from '../src/smt/cache.js';
import { encodeQuery } from '../src/smt/encode.js';
import { arrayValue } from '../src/smt/model.js';
import { proveEqual } from '../src/smt/prove.js';
import { readAnswer } from '../src/smt/session.js';
import { parseSExprs } from '../src/smt/sexpr.js';
import { Solver, type BackendName } from '../src/smt/solver.js';
import { describeWithTools } from './support/tools.js';

const mem0: Mem = { op: 'mem0', name: 'mem' };

function maxDepth(text: string): number {
  let d = 0;
  let max = 0;
  let inBars = false;
  for (const ch of text) {
    if (ch === '|') inBars = !inBars;
    else if (!inBars && ch === '(') max = Math.max(max, ++d);
    else if (!inBars && ch === ')') d--;
  }
  return max;
}

/** x doubled n times through shared nodes: a tree of 2^n leaves, a DAG of n nodes. */
function doubling(n: number): { x: BV; e: BV } {
  const x = v(64, 'x');
  let e = x;
  for (let i = 0; i < n; i++) e = { op: 'add', w: 64, a: e, b: e };
  return { x, e };
}

describe('encoding', () => {
  it('keeps the DAG shared: 2^60 leaves in a few KB', () => {
    const { x, e } = doubling(60);
    const q = encodeQuery({ assertions: [eq(e, shl(x, c(64, 60)))] });
    expect(q.script.length).toBeLessThan(10_000);
    expect(q.script.match(/define-fun/g)!.length).toBe(59);
  });

  it('encodes 20,000 nested operations without deep recursion or deep text', () => {
    let e: BV = v(32, 'x');
    for (let i = 0; i < 20_000; i++) e = { op: i % 2 ? 'add' : 'xor', w: 32, a: e, b: c(32, i) };
    const q = encodeQuery({ assertions: [eq(e, c(32, 0))] });
    expect(maxDepth(q.script)).toBeLessThan(40);
  });

  it('encodes a chain of 5,000 stores', () => {
    let m: Mem = mem0;
    const a = v(64, 'a');
    for (let i = 0; i < 5_000; i++) m = store(m, add(a, c(64, 8 * i)), c(64, i));
    for (const memory of ['row', 'array'] as const) {
      const q = encodeQuery({ assertions: [eq(load(m, a, 8), c(64, 0))], memory });
      expect(maxDepth(q.script)).toBeLessThan(60);
    }
  });

  it('quotes every name and keeps distinct names distinct', () => {
    const names = ['a|b', 'a_b', 'a\\b', '!t0', 'x&r:1.lo#0', ''];
    const sum = names.map((n) => v(8, n)).reduce((p, q) => ({ op: 'add', w: 8, a: p, b: q }));
    const q = encodeQuery({ assertions: [eq(sum, c(8, 1))] });
    expect(q.vars.map((x) => x.name)).toEqual(expect.arrayContaining(names));
    const syms = q.vars.map((x) => x.term);
    expect(new Set(syms).size).toBe(names.length);
    for (const s of syms) expect(s).toMatch(/^\|[^|\\]*\|$/);
  });

  it('refuses a variable used at two widths', () => {
    expect(() => encodeQuery({ assertions: [eq({ op: 'zext', w: 64, a: v(32, 'x') }, v(64, 'x'))] })).toThrow(/used with widths (32 and 64|64 and 32)/);
  });

  it('picks the logic from what the query uses', () => {
    const x = v(32, 'x');
    const f = (fop: 'fadd'): BV => ({ op: 'fp', fop, w: 32, fw: 32, rm: 'rne', nan: 'default', args: [x, x] });
    const u: BV = { op: 'uf', name: 'f', w: 32, args: [x] };
    const l = load(mem0, v(64, 'p'), 4);
    expect(encodeQuery({ assertions: [eq(x, c(32, 1))] }).logic).toBe('QF_BV');
    expect(encodeQuery({ assertions: [eq(l, x)] }).logic).toBe('QF_ABV');
    expect(encodeQuery({ assertions: [eq(u, x)] }).logic).toBe('QF_UFBV');
    expect(encodeQuery({ assertions: [eq(u, l)] }).logic).toBe('QF_AUFBV');
    expect(encodeQuery({ assertions: [eq(f('fadd'), x)] }).logic).toBe('QF_FPBV');
    expect(encodeQuery({ assertions: [eq(f('fadd'), l)] }).logic).toBe('ALL');
  });
});

describe('reading solver output', () => {
  it('parses symbols, strings and nesting', () => {
    expect(parseSExprs('((|a b| #x0f) (x "say ""hi""")) ; comment\nsat')).toEqual([[['|a b|', '#x0f'], ['x', '"say ""hi"""']], 'sat']);
  });

  it('reads the array forms Z3 prints', () => {
    const [constArr] = parseSExprs('((as const (Array (_ BitVec 64) (_ BitVec 8))) #x2a)');
    expect(arrayValue(constArr!)).toEqual({ default: 0x2a, bytes: new Map() });
    const [stores] = parseSExprs('(store (store ((as const (Array (_ BitVec 64) (_ BitVec 8))) #x00) #x0000000000000001 #x11) #x0000000000000001 #x22)');
    expect(arrayValue(stores!)).toEqual({ default: 0, bytes: new Map([[1n, 0x22]]) });
    const [lam] = parseSExprs('(lambda ((x!1 (_ BitVec 64))) (ite (= x!1 #x0000000000000005) #x07 (ite (= #x0000000000000006 x!1) #x08 #x09)))');
    expect(arrayValue(lam!)).toEqual({ default: 9, bytes: new Map([[5n, 7], [6n, 8]]) });
    const [lets] = parseSExprs('(let ((a!1 ((as const (Array (_ BitVec 64) (_ BitVec 8))) #x03))) (store a!1 (_ bv4 64) (_ bv200 8)))');
    expect(arrayValue(lets!)).toEqual({ default: 3, bytes: new Map([[4n, 200]]) });
    const [asArray] = parseSExprs('(_ as-array k!0)');
    expect(arrayValue(asArray!)).toBeUndefined();
  });
});

describe('reading a query answer', () => {
  const q = encodeQuery({ assertions: [eq(v(8, 'x'), c(8, 7))] });
  it('takes errors before the verdict as an error, never as the verdict', () => {
    expect(readAnswer('native', q, '(error "line 3 column 1: unknown constant y")\nunsat\n').status).toBe('error');
    expect(readAnswer('native', q, 'unsupported\nunsat\n').status).toBe('error');
    expect(readAnswer('native', q, '').status).toBe('error');
  });
  it('ignores the model request failing after unsat', () => {
    expect(readAnswer('wasm', q, 'unsat\n(error "line 9 column 12: model is not available")\n(:reason-unknown "")\n')).toEqual({ status: 'unsat' });
  });
  it('reads a model, and tells timeouts from other unknowns', () => {
    const r = readAnswer('native', q, 'sat\n((|x| #x07))\n(:reason-unknown "")\n');
    expect(r.status === 'sat' && r.model.get('x')).toBe(7n);
    expect(readAnswer('native', q, 'unknown\n(error "x")\n(:reason-unknown "canceled")\n')).toEqual({ status: 'timeout' });
    expect(readAnswer('native', q, 'unknown\n(:reason-unknown "(incomplete quantifiers)")\n')).toEqual({ status: 'unknown', reason: '(incomplete quantifiers)' });
  });
});

describe('query cache', () => {
  it('counts hits and misses, keeps only definite answers, and ignores damaged files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smt-cache-'));
    try {
      const cache = new SmtCache({ dir });
      const k1 = cache.key('(check-sat)');
      expect(k1).toMatch(/^[0-9a-f]{64}$/);
      expect(cache.key('(check-sat)')).toBe(k1);
      expect(cache.get(k1)).toBeUndefined();
      cache.put(k1, { status: 'timeout' });
      cache.put(k1, { status: 'unknown', reason: 'x' });
      expect(cache.get(k1)).toBeUndefined();
      cache.put(k1, { status: 'unsat' });
      expect(cache.get(k1)).toEqual({ status: 'unsat' });
      expect(cache.stats).toEqual({ hits: 1, misses: 2, stores: 1 });
      expect(cache.hitRate()).toBeCloseTo(1 / 3);
      const k2 = cache.key('other');
      mkdirSync(join(dir, k2.slice(0, 2)), { recursive: true });
      writeFileSync(join(dir, k2.slice(0, 2), `${k2}.json`), '{"format":"transpile-smt-cache-v1","status":"sa');
      expect(new SmtCache({ dir }).get(k2)).toBeUndefined();
      expect(new SmtCache({ dir }).get(k1)).toEqual({ status: 'unsat' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function solverSuite(backend: BackendName) {
  let solver: Solver;
  beforeAll(async () => {
    solver = new Solver({ backend, cache: false });
    await solver.start();
  });
  afterAll(async () => {
    await solver.close();
  });

  it('proves the 2^60-leaf doubling equals a shift', async () => {
    const { x, e } = doubling(60);
    expect(await proveEqual(e, shl(x, c(64, 60)), { timeoutMs: 30_000, solver })).toEqual({ status: 'proven' });
  });

  it('proves a load through 300 stores at constant offsets', async () => {
    let m: Mem = mem0;
    const a = v(64, 'a');
    for (let i = 0; i < 300; i++) m = store(m, add(a, c(64, 4 * i)), c(32, i * 3));
    const l = load(m, add(a, c(64, 4 * 17)), 4);
    expect(await proveEqual(l, c(32, 17 * 3), { timeoutMs: 30_000, solver })).toEqual({ status: 'proven' });
    expect(await proveEqual(l, c(32, 17 * 3), { timeoutMs: 30_000, solver, memory: 'array' })).toEqual({ status: 'proven' });
  });

  it('reports a solver error as an error, never as an answer', async () => {
    const q = encodeQuery({ assertions: [eq(v(8, 'x'), c(8, 1))] });
    const broken = { ...q, body: `${q.body}\n(assert (= |x| #x0001))` };
    const retries = solver.stats.retries;
    const r = await solver.solve(broken, { timeoutMs: 10_000 });
    expect(r.status).toBe('error');
    expect(solver.stats.retries).toBe(retries + 1); // asked twice: errors may be transient
    const unknownSymbol = { ...q, body: `${q.body}\n(assert false_symbol)` };
    expect((await solver.solve(unknownSymbol, { timeoutMs: 10_000 })).status).toBe('error');
    // and the solver is fine afterwards
    expect((await solver.solve(q, { timeoutMs: 10_000 })).status).toBe('sat');
  });
}

describe('z3-solver (WASM)', () => solverSuite('wasm'));
describeWithTools(['z3'], 'native z3', () => solverSuite('native'));
