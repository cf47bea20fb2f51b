// Loads through chains of stores, encoded by reading over writes instead of
// with array `store` terms.
//
// Why: Z3's array theory is slow on stores at symbolic addresses. Swapping
// two 8-byte stores to disjoint symbolic addresses took Z3 10 s (native) to
// prove with `store`/`select`, 6.5 s with one `ite` per byte address
// equality, and 0.1 s in this form: per store, one offset `d = addr - base`
// and a range test `d <u size` (the byte is then the value shifted by 8*d).
// Only the initial memory stays an array, read with `select`.
//
// Addresses of the form base + constant over the same base (the usual stack
// and struct accesses) are resolved while encoding: a store that surely
// holds the byte ends the walk, one that surely does not is skipped.
import type { BV, Mem } from '../ir/expr.js';
import { bvLit, bvSort } from './literals.js';

type Store = Extract<Mem, { op: 'store' }>;

export interface RowHost {
  define(sort: string, body: string): string;
  /** Term of a node already emitted (addresses, stored values). */
  textOf(n: BV): string;
  /** Symbol of an initial memory. */
  memSymbol(m: Extract<Mem, { op: 'mem0' }>): string;
}

const M64 = (1n << 64n) - 1n;

interface AddrParts {
  /** Identity of the symbolic part ('' for a constant address). */
  key: string;
  off: bigint;
}

type Resolution = { kind: 'hit'; byte: number } | { kind: 'miss' } | { kind: 'unknown' };

export class RowMemory {
  private readonly memo = new Map<Store, Map<string, string>>();
  private readonly offsets = new Map<string, string>();
  private readonly parts = new Map<BV, AddrParts>();
  private readonly ids = new Map<BV, number>();

  constructor(private readonly host: RowHost) {}

  /** The w-bit little-endian load at `addr` from `mem`. */
  load(mem: Mem, addr: BV, w: number): string {
    const bytes = w / 8;
    let acc = this.byte(mem, addr, 0);
    for (let i = 1; i < bytes; i++) acc = `(concat ${this.byte(mem, addr, i)} ${acc})`;
    return acc;
  }

  /** The byte of `mem` at addr + i. */
  byte(mem: Mem, addr: BV, i: number): string {
    const key = `${this.host.textOf(addr)}+${i}`;
    // Walk from the newest store down, until a store surely holds the byte,
    // a memoised answer, or the initial memory.
    const path: { s: Store; r: Resolution }[] = [];
    let m = mem;
    let t: string | undefined;
    while (m.op === 'store') {
      const known = this.memo.get(m)?.get(key);
      if (known !== undefined) {
        t = known;
        break;
      }
      const r = this.resolve(m, addr, i);
      if (r.kind === 'hit') {
        t = byteOf(this.host.textOf(m.value), m.value.w, r.byte);
        this.remember(m, key, t);
        break;
      }
      path.push({ s: m, r });
      m = m.mem;
    }
    if (t === undefined) {
      if (m.op !== 'mem0') throw new Error('unreachable: store chain without an initial memory');
      t = `(select ${this.host.memSymbol(m)} ${plus(this.host.textOf(addr), i)})`;
    }
    for (let j = path.length - 1; j >= 0; j--) {
      const { s, r } = path[j]!;
      if (r.kind === 'unknown') t = this.host.define(bvSort(8), this.maybe(s, addr, i, t));
      this.remember(s, key, t);
    }
    return t;
  }

  /** ite(byte addr+i falls in store s, its byte, older). */
  private maybe(s: Store, addr: BV, i: number, older: string): string {
    const size = s.value.w / 8;
    const d0 = this.offset(addr, s.addr);
    const d = plus(d0, i);
    const v = this.host.textOf(s.value);
    if (size === 1) return `(ite (= ${d} ${bvLit(64, 0n)}) ${v} ${older})`;
    // In the taken branch d < size, so 8*d < width: the shift amount fits the value's width.
    const shift = `(bvshl ${d} ${bvLit(64, 3n)})`;
    const w = s.value.w;
    const amount = w === 64 ? shift : w < 64 ? `((_ extract ${w - 1} 0) ${shift})` : `((_ zero_extend ${w - 64}) ${shift})`;
    return `(ite (bvult ${d} ${bvLit(64, BigInt(size))}) ((_ extract 7 0) (bvlshr ${v} ${amount})) ${older})`;
  }

  /** addr - base, named once per pair. */
  private offset(addr: BV, base: BV): string {
    const a = this.host.textOf(addr);
    const b = this.host.textOf(base);
    const key = `${a} ${b}`;
    let d = this.offsets.get(key);
    if (d === undefined) {
      d = this.host.define(bvSort(64), `(bvsub ${a} ${b})`);
      this.offsets.set(key, d);
    }
    return d;
  }

  private remember(s: Store, key: string, t: string): void {
    let m = this.memo.get(s);
    if (!m) this.memo.set(s, (m = new Map()));
    m.set(key, t);
  }

  private resolve(s: Store, addr: BV, i: number): Resolution {
    const a = this.partsOf(addr);
    const b = this.partsOf(s.addr);
    if (a.key !== b.key) return { kind: 'unknown' };
    const d = (a.off + BigInt(i) - b.off) & M64;
    return d < BigInt(s.value.w / 8) ? { kind: 'hit', byte: Number(d) } : { kind: 'miss' };
  }

  /** An address as symbolic part + constant, seeing through add/sub of constants. */
  private partsOf(e: BV): AddrParts {
    const known = this.parts.get(e);
    if (known) return known;
    let off = 0n;
    let n = e;
    for (;;) {
      if (n.op === 'add' && n.b.op === 'const') {
        off += n.b.value;
        n = n.a;
      } else if (n.op === 'add' && n.a.op === 'const') {
        off += n.a.value;
        n = n.b;
      } else if (n.op === 'sub' && n.b.op === 'const') {
        off -= n.b.value;
        n = n.a;
      } else break;
    }
    let key: string;
    if (n.op === 'const') {
      off += n.value;
      key = '';
    } else if (n.op === 'var') key = `v:${n.name}`;
    else {
      let id = this.ids.get(n);
      if (id === undefined) this.ids.set(n, (id = this.ids.size));
      key = `n:${id}`;
    }
    const p = { key, off: off & M64 };
    this.parts.set(e, p);
    return p;
  }
}

function plus(t: string, i: number): string {
  return i === 0 ? t : `(bvadd ${t} ${bvLit(64, BigInt(i))})`;
}

function byteOf(v: string, w: number, k: number): string {
  return w === 8 ? v : `((_ extract ${8 * k + 7} ${8 * k}) ${v})`;
}
