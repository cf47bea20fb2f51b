// Z3 layer benchmark: the same set of small block-equivalence queries on
// each backend in the same run (native z3 over a pipe, z3-solver WASM in a
// child process), one and two solver processes, and the query cache's hit
// rate when the set is asked again. Figures are ratios measured side by
// side, since these machines are shared and noisy.
import { performance } from 'node:perf_hooks';

const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const B = await import(dist('ir/build.js'));
const { Solver } = await import(dist('smt/solver.js'));
const { SmtCache } = await import(dist('smt/cache.js'));
const { encodeQuery } = await import(dist('smt/encode.js'));
const { nativeAvailable } = await import(dist('smt/native.js'));

const { add, and, c, eq, extract, ite, load, lshr, mul, ne, or, sdiv, sext, shl, slt, store, sub, v, xor, not, ugt } = B;
const mem0 = { op: 'mem0', name: 'mem' };

/**
 * Queries of the kind block verification asks after cut points: "do these
 * two expressions differ?" for a lowering and its source, most of them
 * equivalent (unsat), some not (sat, with a model to read back).
 */
function queries(variants = 6) {
  const out = [];
  for (let k = 1; k <= variants; k++) {
    const a = v(64, `x10#${k}`);
    const b = v(64, `x11#${k}`);
    const sp = v(64, 'sp');
    const K = (n) => c(64, n);
    const w32 = (e) => extract(31, 0, e);
    const pairs = [
      // multiply by a power of two vs shift
      [mul(a, K(1n << BigInt(k))), shl(a, K(k))],
      // addw: 32-bit add, sign-extended, both ways round
      [sext(64, add(w32(a), w32(b))), sext(64, w32(add(a, b)))],
      // and-not / or-and identity
      [or(and(a, not(b)), and(a, b)), a],
      // rotate right by k vs its shifts, written differently
      [or(lshr(a, K(k)), shl(a, K(64 - k))), or(shl(a, sub(K(64), K(k))), lshr(a, K(k)))],
      // AArch64 lt (N != V after subs) vs RISC-V slt
      [
        xor(extract(63, 63, sub(a, b)), extract(63, 63, and(xor(a, b), xor(a, sub(a, b))))),
        slt(a, b),
      ],
      // AArch64 sdiv (x/0 = 0) against its RISC-V lowering (div gives -1 for x/0, so a guard)
      [ite(eq(b, K(0)), K(0), sdiv(a, b)), ite(ne(b, K(0)), ite(eq(b, K(0)), K(-1), sdiv(a, b)), K(0))],
      // spill and reload through the stack
      [load(store(store(mem0, add(sp, K(8 * k)), a), add(sp, K(8 * k + 8)), b), add(sp, K(8 * k)), 8), a],
      // a wrong lowering: x + k vs x | k (refuted, model read back)
      [add(a, K(k)), or(a, K(k))],
    ];
    for (const [l, r] of pairs) out.push(encodeQuery({ assertions: [ne(l, r)], observe: [l, r] }));
    // memory: two stores to disjoint stack slots commute (a memory equality query)
    const d = v(64, 'smt:diff-address');
    const m1 = store(store(mem0, add(sp, K(16 * k)), a), add(sp, K(16 * k + 8)), b);
    const m2 = store(store(mem0, add(sp, K(16 * k + 8)), b), add(sp, K(16 * k)), a);
    out.push(encodeQuery({ assertions: [ne(load(m1, d, 1), load(m2, d, 1))] }));
    // a condition that needs a real model: find x with x*k+1 = 0x1234 (mod 2^64), x > 5
    out.push(encodeQuery({ assertions: [eq(add(mul(a, K(2 * k + 1)), K(1)), K(0x1234)), ugt(a, K(5))] }));
  }
  return out;
}

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function runSet(solver, qs, timeoutMs) {
  const t0 = performance.now();
  const statuses = {};
  const times = [];
  await Promise.all(
    qs.map(async (q) => {
      const r = await solver.solve(q, { timeoutMs });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      times.push(r.info?.ms ?? 0);
    }),
  );
  const ms = performance.now() - t0;
  return { ms, checksPerSec: (qs.length / ms) * 1000, statuses, medianCheckMs: median(times) };
}

async function benchBackend(backend, qs, { concurrency, rounds, timeoutMs, log }) {
  const t0 = performance.now();
  const solver = new Solver({ backend, concurrency, cache: false });
  await solver.start();
  const initMs = performance.now() - t0;
  try {
    await runSet(solver, qs.slice(0, 5), timeoutMs); // warm up
    const runs = [];
    for (let r = 0; r < rounds; r++) runs.push(await runSet(solver, qs, timeoutMs));
    const best = runs.reduce((p, q) => (q.checksPerSec > p.checksPerSec ? q : p));
    log(`  ${backend} x${concurrency}: init ${initMs.toFixed(0)} ms, ${best.checksPerSec.toFixed(1)} checks/s (median check ${best.medianCheckMs.toFixed(1)} ms) ${JSON.stringify(best.statuses)}`);
    return { backend, concurrency, initMs, ...best, rounds: runs.map((r) => r.checksPerSec) };
  } finally {
    await solver.close();
  }
}

async function cacheRun(backend, qs, timeoutMs) {
  const cache = new SmtCache();
  const solver = new Solver({ backend, cache });
  try {
    const first = await runSet(solver, qs, timeoutMs);
    const hitsBefore = cache.stats.hits;
    const second = await runSet(solver, qs, timeoutMs);
    return {
      firstChecksPerSec: first.checksPerSec,
      repeatChecksPerSec: second.checksPerSec,
      repeatHitRate: (cache.stats.hits - hitsBefore) / qs.length,
      overallHitRate: cache.hitRate(),
    };
  } finally {
    await solver.close();
  }
}

export async function benchSmt({ log = console.log, rounds = 3, variants = 6, timeoutMs = 20_000 } = {}) {
  const qs = queries(variants);
  const backends = nativeAvailable() ? ['native', 'wasm'] : ['wasm'];
  if (backends.length === 1) log('  native z3 not on PATH: WASM only');
  log(`smt: ${qs.length} block-equivalence queries per round`);
  const results = [];
  for (const concurrency of [1, 2]) {
    for (const backend of backends) results.push(await benchBackend(backend, qs, { concurrency, rounds, timeoutMs, log }));
  }
  const at = (b, n) => results.find((r) => r.backend === b && r.concurrency === n);
  const ratio = backends.length === 2 ? at('native', 1).checksPerSec / at('wasm', 1).checksPerSec : null;
  if (ratio) log(`  native/wasm checks/s ratio: ${ratio.toFixed(2)}`);
  const cache = await cacheRun(backends[0], qs, timeoutMs);
  log(`  cache: repeated set answered ${(cache.repeatHitRate * 100).toFixed(0)}% from cache, ${cache.repeatChecksPerSec.toFixed(0)} checks/s`);
  return { queries: qs.length, results, nativeOverWasm: ratio, cache };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSmt();
  console.log(JSON.stringify(r, null, 2));
}
