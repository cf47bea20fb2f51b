// Testing block obligations on the interpreter: each run gives every input
// variable a value (edge values first, then random ones), every initial
// memory a seeded background, and evaluates every obligation. A failing
// obligation is a counterexample that reproduces by construction.
import type { Env } from '../interp/eval.js';
import { Evaluator } from '../interp/eval.js';
import type { BV, Mem } from '../ir/expr.js';
import { backgroundByte, edgeValues, Rng } from './random.js';
import type { Obligation } from './block-obligations.js';

const M64 = (1n << 64n) - 1n;

export interface Failure {
  obligation: Obligation;
  env: Env;
  /** The two values (for memory: the byte address and both bytes). */
  detail: string;
}

function hashName(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A deterministic environment for run `run` of seed `seed`. */
export function testEnv(seed: number, run: number, privateAreas: ReadonlyMap<string, number>): Env {
  const rng = new Rng(BigInt(seed) * 1000003n + BigInt(run));
  const values = new Map<string, bigint>();
  const edgeRun = run < 24;
  // Symbol addresses: distinct, aligned, far apart; private areas far from everything.
  const privateIndex = new Map([...privateAreas.keys()].map((k, i) => [k, i]));
  // Other symbols: 1 MiB apart in order of first use, so no two alias.
  let symbols = 0n;
  return {
    variable(name, w) {
      let x = values.get(name);
      if (x === undefined) {
        if (name.startsWith('&')) {
          const p = privateIndex.get(name.slice(1));
          x = p !== undefined ? 0x7f00_0000_0000n + BigInt(p) * 0x10_0000n : 0x40_0000n + symbols++ * 0x10_0000n;
        } else if (edgeRun || rng.below(4) === 0) {
          const edges = edgeValues(w);
          x = edgeRun ? edges[(run + hashName(name)) % edges.length]! : rng.pick(edges);
        } else if (rng.below(3) === 0) {
          x = BigInt(rng.below(64)) - 8n;
        } else x = rng.next64();
        x &= (1n << BigInt(w)) - 1n;
        values.set(name, x);
      }
      return x;
    },
    memByte: (mem, addr) => backgroundByte(seed + hashName(mem), addr),
    uf: (name, args, w) => {
      let h = BigInt(hashName(name));
      for (const a of args) h = ((h ^ a) * 0x100000001b3n) & M64;
      return h & ((1n << BigInt(w)) - 1n);
    },
  };
}

/** Addresses of every byte a memory chain wrote (down to its initial array), and that array's name. */
function writtenBytes(ev: Evaluator, mem: Mem): { base: string; addrs: Set<bigint> } {
  const addrs = new Set<bigint>();
  for (const s of ev.stores_(mem)) for (let i = 0; i < s.bytes; i++) addrs.add((s.addr + BigInt(i)) & M64);
  let m = mem;
  while (m.op === 'store') m = m.mem;
  return { base: m.name, addrs };
}

/** Evaluates one obligation; returns a description of the difference, or undefined when it holds. */
export function checkOne(ob: Obligation, ev: Evaluator, env: Env, privateAreas: ReadonlyMap<string, number>): string | undefined {
  if (ev.value(ob.guard) !== 1n) return undefined;
  if (ob.kind === 'eq') {
    const l = ev.value(ob.lhs);
    const r = ev.value(ob.rhs);
    return l === r ? undefined : `source 0x${l.toString(16)}, target 0x${r.toString(16)}`;
  }
  const a = writtenBytes(ev, ob.src);
  const b = writtenBytes(ev, ob.tgt);
  const areas = [...privateAreas].map(([sym, n]) => [env.variable(`&${sym}`, 64), BigInt(n)] as const);
  const isPrivate = (x: bigint) => areas.some(([base, n]) => ((x - base) & M64) < n);
  const probe = new Set([...a.addrs, ...b.addrs]);
  if (a.base !== b.base) {
    // Different initial arrays (a call on one side only): any unwritten byte shows it.
    for (let k = 0n; k < 16n; k++) probe.add(0x1000n + k * 0x1234567n);
  }
  for (const addr of probe) {
    if (isPrivate(addr)) continue;
    const x = ev.byte(ob.src, addr);
    const y = ev.byte(ob.tgt, addr);
    if (x !== y) return `byte at 0x${addr.toString(16)}: source 0x${x.toString(16)}, target 0x${y.toString(16)}`;
  }
  return undefined;
}

export interface TestOutcome {
  runs: number;
  /** Runs skipped because the inputs broke an assumption (private areas overlapping program memory). */
  skipped: number;
  failure?: Failure;
}

export function testObligations(
  obligations: readonly Obligation[],
  assumptions: readonly BV[],
  privateAreas: ReadonlyMap<string, number>,
  runs: number,
  seed: number,
): TestOutcome {
  let skipped = 0;
  let done = 0;
  for (let run = 0; done < runs && run < runs * 2; run++) {
    const env = testEnv(seed, run, privateAreas);
    const ev = new Evaluator(env);
    if (assumptions.some((a) => ev.value(a) !== 1n)) {
      skipped++;
      continue;
    }
    done++;
    for (const ob of obligations) {
      const detail = checkOne(ob, ev, env, privateAreas);
      if (detail !== undefined) return { runs: done, skipped, failure: { obligation: ob, env, detail } };
    }
  }
  return { runs: done, skipped };
}
