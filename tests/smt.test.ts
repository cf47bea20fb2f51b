// The Z3 layer end to end, on both backends: proofs of identities, refutations
// whose counterexamples are replayed on the interpreter and shown to differ,
// memory, uninterpreted functions, timeouts, a solver process killed
// mid-query, and the query cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, and, c, eq, extract, load, lshr, mul, ne, shl, store, sub, udiv, ugt, ult, v, xor, zext } from '../src/ir/build.js';
import type { BV, Mem } from '../src/ir/expr.js';
import { Evaluator } from '../src/interp/eval.js';
import { SmtCache } from '../src/smt/cache.js';
import { encodeQuery } from '../src/smt/encode.js';
import { envFromModel } from '../src/smt/model.js';
import { NativeSession } from '../src/smt/native.js';
import { checkSat, proveEqual, proveHolds, proveMemEqual, type Counterexample } from '../src/smt/prove.js';
import { SessionTimeout } from '../src/smt/session.js';
import { Solver, type BackendName } from '../src/smt/solver.js';
import { WasmSession } from '../src/smt/wasm.js';
import { describeWithTools } from './support/tools.js';

const T = 20_000;
const M64 = (1n << 64n) - 1n;
const mem0: Mem = { op: 'mem0', name: 'mem' };
const uf = (name: string, w: number, args: BV[]): BV => ({ op: 'uf', w, name, args });

/** Evaluates expressions on a counterexample with the interpreter. */
function replay(cex: Counterexample) {
  return new Evaluator(envFromModel({ vars: cex.vars, mems: cex.mems, ufs: cex.ufs }));
}

/**
 * A query no solver answers in seconds: invert four rounds of a mixing
 * function with variable multiplications. (Factoring a 64-bit semiprime,
 * the obvious choice, is not reliably hard: the WASM build's Z3 factors
 * even a 128-bit one in 1.6 s.)
 */
function hardQuery(tag = ''): BV {
  let h = v(64, `h${tag}`);
  let g = v(64, `g${tag}`);
  for (let i = 0; i < 4; i++) {
    h = mul(xor(h, lshr(g, c(64, 29))), g);
    g = add(g, xor(h, c(64, 0x9e3779b97f4a7c15n)));
  }
  return and(eq(h, c(64, 0x0123456789abcdefn)), ugt(g, c(64, 5)));
}

function backendSuite(backend: BackendName) {
  let solver: Solver;
  beforeAll(async () => {
    solver = new Solver({ backend });
    await solver.start();
  });
  afterAll(async () => {
    await solver.close();
  });
  const opts = () => ({ timeoutMs: T, solver });

  describe('identities', () => {
    for (const w of [8, 32, 64, 128]) {
      it(`proves x*2 == x<<1 at ${w} bits`, async () => {
        const x = v(w, 'x&r:1.lo#0');
        expect(await proveEqual(mul(x, c(w, 2)), shl(x, c(w, 1)), opts())).toEqual({ status: 'proven' });
      });
    }

    it('refutes x+1 > x with x = max, and the interpreter agrees', async () => {
      const x = v(64, 'x');
      const claim = ugt(add(x, c(64, 1)), x);
      const r = await proveHolds(claim, opts());
      expect(r.status).toBe('refuted');
      if (r.status !== 'refuted') return;
      expect(r.counterexample.vars.get('x')).toBe(M64);
      expect(replay(r.counterexample).value(claim)).toBe(0n);
    });

    it('refutes x*3 == x<<1 and replays a differing input', async () => {
      const x = v(32, 'x');
      const a = mul(x, c(32, 3));
      const b = shl(x, c(32, 1));
      const r = await proveEqual(a, b, opts());
      expect(r.status).toBe('refuted');
      if (r.status !== 'refuted') return;
      const ev = replay(r.counterexample);
      expect(ev.value(a)).toBe(r.counterexample.left);
      expect(ev.value(b)).toBe(r.counterexample.right);
      expect(ev.value(a)).not.toBe(ev.value(b));
    });

    it('uses assumptions: x < 10 implies x*3 < 30 (8 bits), not without', async () => {
      const x = v(8, 'x');
      const claim = ult(mul(x, c(8, 3)), c(8, 30));
      expect((await proveHolds(claim, { ...opts(), assumptions: [ult(x, c(8, 10))] })).status).toBe('proven');
      const r = await proveHolds(claim, opts());
      expect(r.status).toBe('refuted');
      if (r.status === 'refuted') expect(replay(r.counterexample).value(claim)).toBe(0n);
    });

    it('follows SMT-LIB division by zero', async () => {
      const x = v(16, 'x');
      expect((await proveEqual(udiv(x, c(16, 0)), c(16, 0xffff), opts())).status).toBe('proven');
    });
  });

  describe('memory', () => {
    const a = v(64, 'a');
    const b = v(64, 'b');
    const x = v(64, 'x');

    it('proves a load after a store at the same address gives the value back', async () => {
      const m = store(mem0, a, x);
      expect((await proveEqual(load(m, a, 8), x, opts())).status).toBe('proven');
      // little endian: the low byte is at the lowest address, the high half at a+4
      expect((await proveEqual(load(m, a, 1), extract(7, 0, x), opts())).status).toBe('proven');
      expect((await proveEqual(load(m, add(a, c(64, 4)), 4), extract(63, 32, x), opts())).status).toBe('proven');
    });

    it('refutes a load at a different address, with the initial memory in the counterexample', async () => {
      const m = store(mem0, a, x);
      const l = load(m, add(a, c(64, 8)), 8);
      const r = await proveEqual(l, x, opts());
      expect(r.status).toBe('refuted');
      if (r.status !== 'refuted') return;
      const ev = replay(r.counterexample);
      expect(ev.value(l)).toBe(r.counterexample.left);
      expect(ev.value(x)).toBe(r.counterexample.right);
      expect(ev.value(l)).not.toBe(ev.value(x));
    });

    it('refutes a load through an overlapping store at a symbolic address', async () => {
      const m = store(store(mem0, a, x), b, c(8, 0xaa));
      const l = load(m, a, 8);
      const r = await proveEqual(l, x, opts());
      expect(r.status).toBe('refuted');
      if (r.status !== 'refuted') return;
      const ev = replay(r.counterexample);
      expect(ev.value(l)).not.toBe(ev.value(x));
    });

    it('proves storing what was loaded leaves memory unchanged', async () => {
      const m = store(mem0, a, load(mem0, a, 8));
      expect((await proveMemEqual(m, mem0, opts())).status).toBe('proven');
    });

    it('refutes swapping two stores, naming an address where they differ', async () => {
      const m1 = store(store(mem0, a, x), b, v(64, 'y'));
      const m2 = store(store(mem0, b, v(64, 'y')), a, x);
      const r = await proveMemEqual(m1, m2, opts());
      expect(r.status).toBe('refuted');
      if (r.status !== 'refuted') return;
      const ev = replay(r.counterexample);
      const at = r.counterexample.address;
      expect(ev.byte(m1, at)).toBe(r.counterexample.left);
      expect(ev.byte(m2, at)).toBe(r.counterexample.right);
      expect(ev.byte(m1, at)).not.toBe(ev.byte(m2, at));
    });

    it('proves swapping two stores to disjoint addresses', async () => {
      const y = v(64, 'y');
      const m1 = store(store(mem0, a, x), b, y);
      const m2 = store(store(mem0, b, y), a, x);
      // disjoint: b - a in [8, 2^64 - 8]
      const apart = and(ugt(sub(b, a), c(64, 7)), ugt(sub(a, b), c(64, 7)));
      expect((await proveMemEqual(m1, m2, { ...opts(), assumptions: [apart] })).status).toBe('proven');
    });
  });

  describe('uninterpreted functions', () => {
    it('refutes f(x) == f(y) with a replayable function model, and proves it when x == y', async () => {
      const x = v(64, 'x');
      const y = v(64, 'y');
      const fx = uf('call:f', 64, [x]);
      const fy = uf('call:f', 64, [y]);
      const r = await proveEqual(fx, fy, opts());
      expect(r.status).toBe('refuted');
      if (r.status === 'refuted') {
        const ev = replay(r.counterexample);
        expect(ev.value(fx)).not.toBe(ev.value(fy));
      }
      expect((await proveEqual(fx, fy, { ...opts(), assumptions: [eq(x, y)] })).status).toBe('proven');
    });
  });

  describe('checkSat', () => {
    it('finds inputs and reports observed values', async () => {
      const x = v(32, 'x');
      const r = await checkSat(eq(mul(x, c(32, 7)), c(32, 0x1234567 * 7)), { timeoutMs: T, solver, observe: [zext(64, x)] });
      expect(r.status).toBe('sat');
      if (r.status === 'sat') expect((r.model.get('x')! * 7n) & 0xffffffffn).toBe(BigInt(0x1234567 * 7) & 0xffffffffn);
      expect((await checkSat(ne(x, x), { timeoutMs: T, solver })).status).toBe('unsat');
    });
  });

  describe('timeouts and crashes', () => {
    it('answers timeout quickly on a hard query, and the next query works', async () => {
      const t0 = performance.now();
      const r = await checkSat(hardQuery(), { timeoutMs: 200, solver });
      const ms = performance.now() - t0;
      expect(r.status).toBe('timeout');
      expect(ms).toBeLessThan(3000);
      const x = v(64, 'x');
      expect((await proveEqual(mul(x, c(64, 2)), shl(x, c(64, 1)), opts())).status).toBe('proven');
    });

    it('survives the solver process being killed mid-query', async () => {
      const before = solver.launches();
      const pending = checkSat(hardQuery('kill'), { timeoutMs: 30_000, solver });
      await new Promise((r) => setTimeout(r, 300));
      const pids = solver.pids();
      expect(pids.length).toBe(1);
      process.kill(pids[0]!, 'SIGKILL');
      const r = await pending;
      expect(r.status).toBe('error');
      if (r.status === 'error') expect(r.message).toMatch(/died/);
      expect(solver.stats.retries).toBe(0); // a query that kills its solver is not asked again
      const x = v(64, 'after-kill');
      expect((await proveEqual(mul(x, c(64, 2)), shl(x, c(64, 1)), opts())).status).toBe('proven');
      expect(solver.launches()).toBe(before + 1);
    });

    if (backend === 'wasm') {
      it('passes query text through the WASM heap, not the racy string call', async () => {
        const session = new WasmSession();
        try {
          await session.start();
          expect(session.heapCall).toBe(true);
        } finally {
          await session.close();
        }
      });
    }

    it('kills and restarts a process that outlives the hard deadline', async () => {
      const session = backend === 'native' ? new NativeSession() : new WasmSession();
      try {
        await session.start();
        const first = session.pid();
        const q = encodeQuery({ assertions: [hardQuery()] });
        await expect(session.exec(`(set-logic ${q.logic})\n${q.body}\n(check-sat)`, 150)).rejects.toBeInstanceOf(SessionTimeout);
        expect((await session.exec('(reset)(declare-fun x () Bool)(assert x)(check-sat)', 30_000)).trim()).toBe('sat');
        expect(session.pid()).not.toBe(first);
        expect(session.launches).toBe(2);
      } finally {
        await session.close();
      }
    });
  });

  describe('cache', () => {
    it('answers a repeated query from the cache', async () => {
      const s = new Solver({ backend, cache: new SmtCache() });
      try {
        const x = v(64, 'x');
        const q = { assertions: [ne(mul(x, c(64, 2)), shl(x, c(64, 1)))] };
        const first = await s.check(q, { timeoutMs: T });
        const second = await s.check(q, { timeoutMs: T });
        expect(first).toMatchObject({ status: 'unsat' });
        expect(second).toMatchObject({ status: 'unsat' });
        expect(first.info?.cached).toBe(false);
        expect(second.info?.cached).toBe(true);
        expect(s.cache!.stats).toMatchObject({ hits: 1, misses: 1 });
        // timeouts are not kept
        await s.check({ assertions: [hardQuery()] }, { timeoutMs: 100 });
        const again = await s.check({ assertions: [hardQuery()] }, { timeoutMs: 100 });
        expect(again.info?.cached).toBe(false);
      } finally {
        await s.close();
      }
    });

    it('keeps answers on disk, models included', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smt-cache-'));
      try {
        const x = v(64, 'x');
        const q = { assertions: [eq(load(mem0, x, 2), c(16, 0xbeef)), ugt(x, c(64, 5))], observe: [load(mem0, x, 2)] };
        const s1 = new Solver({ backend, cache: new SmtCache({ dir }) });
        const a = await s1.check(q, { timeoutMs: T });
        await s1.close();
        const cache2 = new SmtCache({ dir });
        const s2 = new Solver({ backend, cache: cache2 });
        const b = await s2.check(q, { timeoutMs: T });
        await s2.close();
        expect(b.info?.cached).toBe(true);
        expect(cache2.stats.hits).toBe(1);
        expect(a.status).toBe('sat');
        if (a.status !== 'sat' || b.status !== 'sat') throw new Error('expected sat');
        expect(b.model).toEqual(a.model);
        expect(b.memModel).toEqual(a.memModel);
        expect(b.observed).toEqual([0xbeefn]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('z3-solver (WASM) backend', () => backendSuite('wasm'));
describeWithTools(['z3'], 'native z3 backend', () => backendSuite('native'));
