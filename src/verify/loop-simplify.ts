// Loads through store chains resolved before the solver sees them, where
// plain arithmetic decides it: two accesses at constant offsets from the
// same base (the entry stack pointer, a register's value at a loop header)
// either do not overlap, and the load skips the store, or the store covers
// the load, which reads the stored bytes. Anything else stays a load. Each
// rewrite is exact (no assumption is used), so a proof of the simplified
// question is a proof of the original. Loop proofs need it: every frame
// slot at a cut point is a store over the shared memory, and Z3 otherwise
// spends seconds ruling out overlaps byte by byte.
import { extract, load } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A key equal for equal bases: variables by name, anything else by identity. */
function baseKey(e: BV | undefined): string {
  if (!e) return 'const';
  if (e.op === 'var') return `v:${e.name}`;
  let id = ids.get(e);
  if (id === undefined) ids.set(e, (id = nextId++));
  return `#${id}`;
}

/** An address as base + constant offset (mod 2^64). */
function linear(e: BV): { base?: BV; k: bigint } {
  if (e.op === 'const') return { k: e.value };
  if (e.op === 'add' && e.b.op === 'const') {
    const l = linear(e.a);
    return { ...l, k: l.k + e.b.value };
  }
  if (e.op === 'add' && e.a.op === 'const') {
    const l = linear(e.b);
    return { ...l, k: l.k + e.a.value };
  }
  if (e.op === 'sub' && e.b.op === 'const') {
    const l = linear(e.a);
    return { ...l, k: l.k - e.b.value };
  }
  return { base: e, k: 0n };
}

function forward(mem: Mem, addr: BV, bytes: number): BV {
  const la = linear(addr);
  const key = baseKey(la.base);
  let m = mem;
  while (m.op === 'store') {
    const ls = linear(m.addr);
    if (baseKey(ls.base) !== key) break;
    const size = m.value.w / 8;
    const d = BigInt.asIntN(64, la.k - ls.k);
    if (d >= 0n && d + BigInt(bytes) <= BigInt(size)) return extract(Number(d) * 8 + bytes * 8 - 1, Number(d) * 8, m.value);
    if (d + BigInt(bytes) <= 0n || d >= BigInt(size)) {
      m = m.mem;
      continue;
    }
    break; // partial overlap
  }
  return load(m, addr, bytes);
}

/** Rewrites every load it can resolve; memoised per simplifier (expressions are DAGs). */
export class LoadForwarder {
  private readonly done = new Map<object, BV | Mem>();

  simplify<T extends BV | Mem>(e: T): T {
    const known = this.done.get(e);
    if (known) return known as T;
    let out: BV | Mem;
    switch (e.op) {
      case 'const': case 'var': case 'mem0': out = e; break;
      case 'load': {
        const mem = this.simplify(e.mem);
        const addr = this.simplify(e.addr);
        out = forward(mem, addr, e.w / 8);
        break;
      }
      case 'store': {
        const mem = this.simplify(e.mem);
        const addr = this.simplify(e.addr);
        const value = this.simplify(e.value);
        out = mem === e.mem && addr === e.addr && value === e.value ? e : { ...e, mem, addr, value };
        break;
      }
      case 'ite': {
        const [x, t, f] = [this.simplify(e.c), this.simplify(e.t), this.simplify(e.e)];
        out = x === e.c && t === e.t && f === e.e ? e : { ...e, c: x, t, e: f };
        break;
      }
      case 'fp': case 'uf': {
        const args = e.args.map((a) => this.simplify(a));
        out = args.every((a, i) => a === e.args[i]) ? e : ({ ...e, args } as BV);
        break;
      }
      case 'not': case 'neg': case 'extract': case 'zext': case 'sext': {
        const a = this.simplify(e.a);
        out = a === e.a ? e : ({ ...e, a } as BV);
        break;
      }
      default: {
        const a = this.simplify(e.a);
        const b = this.simplify(e.b);
        out = a === e.a && b === e.b ? e : ({ ...e, a, b } as BV);
      }
    }
    this.done.set(e, out);
    return out as T;
  }
}
