// Loads through store chains, resolved before the solver sees them, using
// only what the block's assumptions (block-assume.ts, block-obligations.ts)
// already state: a load from the translator's private area skips stores to
// the stack or to a program symbol's object, and the other way round; two
// accesses at constant offsets from the same base skip each other when
// their bytes do not overlap, and a load a store of the same base covers
// reads the stored value. Memory obligations compare bytes outside the
// private areas only, so stores surely inside one are dropped from both
// sides. Each rewrite is exact whenever the assumptions hold, and every
// query conjoins them, so a proof of the simplified obligation is a proof
// of the original. Z3 then no longer has to rule out, byte by byte, that a
// 16-byte spill slot overlaps the stack (such queries timed out at 5 s).
import { c, concat, extract, TRUE } from '../ir/build.js';
import type { BinOp, BV, Mem } from '../ir/expr.js';
import { walkDag } from '../ir/walk.js';
import { Evaluator } from '../interp/eval.js';
import type { Solver } from '../smt/solver.js';
import { baseOffset, symbolOffset, STACK_REACH } from './block-assume.js';
import type { Obligation } from './block-obligations.js';
import { DivisionAbstraction, proveObligation } from './block-prove.js';
import { testEnv } from './block-testing.js';

type Region =
  | { kind: 'private'; name: string; lo: bigint; hi: bigint }
  | { kind: 'symbol'; name: string; lo: bigint; hi: bigint }
  | { kind: 'stack'; lo: bigint; hi: bigint }
  | { kind: 'same'; base: number; lo: bigint; hi: bigint }
  /** Bytes a source access reaches: apart from every private area (block-obligations.ts assumes it). */
  | { kind: 'program' };

export interface SimplifyContext {
  privateAreas: ReadonlyMap<string, number>;
  extents: ReadonlyMap<string, { lo: bigint; hi: bigint }>;
  stackPointers: readonly BV[];
  /** The source's memory accesses (each assumed apart from the private areas). */
  sourceAccesses?: readonly { addr: BV; bytes: number }[];
}


function dagSize(e: BV): number {
  let n = 0;
  walkDag([e], () => {
    n++;
  });
  return n;
}

const M64 = (1n << 64n) - 1n;

/** Test inputs a target address must agree with a source address on before a proof is tried. */
const FINGERPRINT_RUNS = 8;

export class MemorySimplifier {
  private readonly ids = new DivisionAbstraction();
  private readonly stackIds: Set<number>;
  private done = new Map<object, BV | Mem>();
  /** Target addresses proved equal to a source access's address, by structural id: rewritten to it. */
  private readonly sameAs = new Map<number, BV>();
  /** Byte ranges of source accesses, by base id: [lo, hi) relative to the base. */
  private sourceRanges = new Map<number, { lo: bigint; hi: bigint }[]>();

  constructor(private readonly ctx: SimplifyContext) {
    this.stackIds = new Set(ctx.stackPointers.map((sp) => this.ids.id(sp)));
    this.indexSourceAccesses();
  }

  private indexSourceAccesses(): void {
    this.sourceRanges = new Map();
    for (const a of this.ctx.sourceAccesses ?? []) {
      const { base, offset } = baseOffset(this.bv(a.addr));
      const id = this.ids.id(base);
      const list = this.sourceRanges.get(id) ?? [];
      list.push({ lo: offset, hi: offset + BigInt(a.bytes) });
      this.sourceRanges.set(id, list);
    }
  }

  /** The regions an access [addr, addr+bytes) surely lies in. */
  private regions(addr: BV, bytes: number): Region[] {
    const { base, offset: off } = baseOffset(addr);
    const lo = off;
    const hi = off + BigInt(bytes);
    const out: Region[] = [{ kind: 'same', base: this.ids.id(base), lo, hi }];
    const so = symbolOffset(addr);
    if (so) {
      const size = this.ctx.privateAreas.get(so.symbol);
      const shi = so.offset + BigInt(bytes);
      if (size !== undefined) {
        if (so.offset >= 0n && shi <= BigInt(size)) out.push({ kind: 'private', name: so.symbol, lo: so.offset, hi: shi });
      } else {
        const x = this.ctx.extents.get(so.symbol);
        if (x && so.offset >= x.lo && shi <= x.hi) out.push({ kind: 'symbol', name: so.symbol, lo: so.offset, hi: shi });
      }
    }
    if (this.stackIds.has(this.ids.id(base)) && lo > -STACK_REACH && hi < STACK_REACH) out.push({ kind: 'stack', lo, hi });
    // Inside one source access: that access is apart from the private areas, so these bytes are.
    if ((this.sourceRanges.get(this.ids.id(base)) ?? []).some((r) => r.lo <= lo && hi <= r.hi)) out.push({ kind: 'program' });
    return out;
  }

  /** Whether two accesses cannot share a byte, by the assumptions. */
  private apart(a: Region[], b: Region[]): boolean {
    for (const x of a)
      for (const y of b) {
        if (x.kind === 'same' && y.kind === 'same' && x.base === y.base && (x.hi <= y.lo || y.hi <= x.lo)) return true;
        if (x.kind === 'private' && y.kind === 'private' && (x.name !== y.name || x.hi <= y.lo || y.hi <= x.lo)) return true;
        if (x.kind === 'symbol' && y.kind === 'symbol' && x.name !== y.name) return true;
        const kinds = new Set([x.kind, y.kind]);
        if (kinds.has('stack') && (kinds.has('private') || kinds.has('symbol'))) return true;
        if (kinds.has('program') && kinds.has('private')) return true;
        if (kinds.has('private') && kinds.has('symbol')) return true;
      }
    return false;
  }

  /**
   * x & m + x & ~m is x (the two halves share no bit, so no carry): the
   * AArch64 `adrp` page plus the `:lo12:` offset of one symbol is its address,
   * as RISC-V's `lla` computes it.
   */
  private pageAndOffset(a: BV, b: BV): BV | undefined {
    if (a.op !== 'and' || b.op !== 'and' || a.w !== 64) return undefined;
    const mask = (x: Extract<BV, { op: BinOp }>) => (x.b.op === 'const' ? { x: x.a, m: x.b.value } : x.a.op === 'const' ? { x: x.b, m: x.a.value } : undefined);
    const p = mask(a);
    const q = mask(b);
    if (!p || !q || (p.m ^ q.m) !== (1n << 64n) - 1n || this.ids.id(p.x) !== this.ids.id(q.x)) return undefined;
    return p.x;
  }

  /** The loaded bits, when store `st` (same base, constant offsets) holds every loaded byte. */
  private covering(load: Region[], st: Extract<Mem, { op: 'store' }>): BV | undefined {
    const l = load.find((r) => r.kind === 'same');
    const s = this.regions(st.addr, st.value.w / 8).find((r) => r.kind === 'same');
    if (!l || !s || l.kind !== 'same' || s.kind !== 'same' || l.base !== s.base || l.lo < s.lo || l.hi > s.hi) return undefined;
    const lo = Number(l.lo - s.lo) * 8;
    const hi = lo + Number(l.hi - l.lo) * 8 - 1;
    return lo === 0 && hi === st.value.w - 1 ? st.value : extract(hi, lo, st.value);
  }

  private inPrivate(addr: BV, bytes: number): boolean {
    return this.regions(addr, bytes).some((r) => r.kind === 'private');
  }

  bv(e: BV): BV {
    return this.rewrite(e) as BV;
  }

  mem(m: Mem, dropPrivate: boolean): Mem {
    if (!dropPrivate) return this.rewrite(m) as Mem;
    if (m.op === 'mem0') return m;
    const below = this.mem(m.mem, true);
    if (this.inPrivate(m.addr, m.value.w / 8)) return below;
    return this.storePieces(below, m.addr, this.bv(m.value));
  }

  /**
   * An address as its base plus a constant, in one shape (the base alone at
   * offset 0), so the two sides' `[x13, 24]` and `24(t4)` and a q register's
   * upper half at `[x13, 16] + 8` are one expression. Exact: the same sum
   * modulo 2^64.
   */
  private address(a: BV, k = 0n): BV {
    const { base, offset } = baseOffset(this.bv(a));
    const off = (offset + k) & M64;
    const x: BV = off === 0n ? base : { op: 'add', w: 64, a: base, b: c(64, off) };
    return this.sameAs.get(this.ids.id(x)) ?? x;
  }

  /**
   * A store of a 128-bit (or wider) value as stores of its 8-byte pieces,
   * low piece first at the lower address: the same bytes (little endian),
   * in the shape the target's `sd` pairs give a q register's copy.
   */
  private storePieces(mem: Mem, addr: BV, value: BV): Mem {
    const parts = value.w > 64 && value.w % 64 === 0 ? value.w / 64 : 1;
    let m = mem;
    for (let k = 0; k < parts; k++)
      m = { op: 'store', mem: m, addr: this.address(addr, BigInt(8 * k)), value: parts === 1 ? value : extract(64 * k + 63, 64 * k, value) };
    return m;
  }

  private readonly noPrivate = new Map<Mem, Mem>();

  /** A rewritten memory chain without its stores that lie surely inside a private area. */
  private withoutPrivate(m: Mem): Mem {
    if (m.op === 'mem0') return m;
    const known = this.noPrivate.get(m);
    if (known) return known;
    const below = this.withoutPrivate(m.mem);
    const out: Mem = this.inPrivate(m.addr, m.value.w / 8) ? below : below === m.mem ? m : { ...m, mem: below };
    this.noPrivate.set(m, out);
    return out;
  }

  /** A load of `bytes` bytes from a rewritten memory, past the stores it is apart from, or forwarded from one that covers it. */
  private resolve(mem: Mem, addr: BV, bytes: number): BV {
    const mine = this.regions(addr, bytes);
    // Bytes apart from every private area read past every store surely inside one, anywhere in the chain.
    let m = mine.some((r) => r.kind === 'program' || r.kind === 'stack' || r.kind === 'symbol') ? this.withoutPrivate(mem) : mem;
    while (m.op === 'store' && this.apart(mine, this.regions(m.addr, m.value.w / 8))) m = m.mem;
    // A store of the same base that covers the loaded bytes forwards its value (exact, no assumption).
    const from = m.op === 'store' ? this.covering(mine, m) : undefined;
    return from ?? { op: 'load', w: bytes * 8, mem: m, addr };
  }

  private rewrite(e: BV | Mem): BV | Mem {
    const known = this.done.get(e);
    if (known) return known;
    let out: BV | Mem;
    switch (e.op) {
      case 'const': case 'var': case 'mem0': out = e; break;
      case 'store': out = this.storePieces(this.rewrite(e.mem) as Mem, e.addr, this.bv(e.value)); break;
      case 'load': {
        // A 16-byte load is its two 8-byte halves (high half at the higher address), each resolved on its own.
        const m = this.rewrite(e.mem) as Mem;
        const parts = e.w > 64 && e.w % 64 === 0 ? e.w / 64 : 1;
        const bytes = parts === 1 ? e.w / 8 : 8;
        let v: BV | undefined;
        for (let k = 0; k < parts; k++) {
          const x = this.resolve(m, this.address(e.addr, BigInt(k * bytes)), bytes);
          v = v ? concat(x, v) : x;
        }
        out = v!;
        break;
      }
      case 'ite': out = { ...e, c: this.bv(e.c), t: this.bv(e.t), e: this.bv(e.e) }; break;
      case 'fp': case 'uf': out = { ...e, args: e.args.map((a) => this.bv(a)) }; break;
      // Through the builder: the half of a split 16-byte load folds to that half's load.
      case 'extract': out = extract(e.hi, e.lo, this.bv(e.a)); break;
      case 'not': case 'neg': case 'zext': case 'sext': out = { ...e, a: this.bv(e.a) }; break;
      case 'add': {
        const a = this.bv(e.a);
        const b = this.bv(e.b);
        out = this.pageAndOffset(a, b) ?? { ...e, a, b };
        break;
      }
      default: out = { ...e, a: this.bv(e.a), b: this.bv(e.b) } as BV;
    }
    if (this.sameAs.size && out.op !== 'store' && out.op !== 'mem0') out = this.sameAs.get(this.ids.id(out)) ?? out;
    this.done.set(e, out);
    return out;
  }

  /**
   * Obligations with target addresses replaced by equal source access
   * addresses. The target often computes an address another way than the
   * source (`sext.w` + `slli` for `sxtw` + `lsl`): syntactically apart, the
   * store chains look unrelated, and Z3 must rule out, inside the array
   * theory, that a store through it hits a private slot. Here each target
   * address that agrees with a source access address on a few test inputs is
   * proved equal to it by its own small query (under the block's
   * assumptions) and then rewritten to it; the load resolution above then
   * treats it as the source access it is. A replacement is made only after a
   * proof, so the rewritten obligations are equivalent to the originals
   * under the assumptions every later query conjoins.
   */
  async withSourceAddresses(
    obligations: readonly Obligation[],
    assumptions: readonly BV[],
    solver: Solver,
    opts: { seed: number; budgetMs: number; queryMs: number },
  ): Promise<{ obligations: Obligation[]; unified: number }> {
    let out = obligations.map((ob) => this.obligation(ob));
    const sources = this.ctx.sourceAccesses ?? [];
    if (!sources.length) return { obligations: out, unified: 0 };
    const envs: Evaluator[] = [];
    for (let run = 0; envs.length < FINGERPRINT_RUNS && run < 4 * FINGERPRINT_RUNS; run++) {
      const env = testEnv(opts.seed + 7919, run, this.ctx.privateAreas);
      const ev = new Evaluator(env);
      if (assumptions.every((a) => ev.value(a) === 1n)) envs.push(ev);
    }
    if (!envs.length) return { obligations: out, unified: 0 };
    const print = (e: BV) => envs.map((ev) => ev.value(e).toString(16)).join(',');
    const deadline = Date.now() + opts.budgetMs;
    const failed = new Set<string>();
    let unified = 0;
    for (let round = 0; round < 3; round++) {
      const sourceAddrs = new Map<number, BV>();
      for (const a of sources) {
        const x = this.bv(a.addr);
        if (x.op !== 'const') sourceAddrs.set(this.ids.id(x), x);
      }
      const byPrint = new Map<string, BV>();
      for (const x of sourceAddrs.values()) byPrint.set(print(x), x);
      const candidates = new Map<number, BV>();
      walkDag(out.flatMap((ob): (BV | Mem)[] => (ob.kind === 'eq' ? [ob.lhs, ob.rhs, ob.guard] : [ob.src, ob.tgt, ob.guard])), (e) => {
        if (e.op !== 'load' && e.op !== 'store') return;
        const id = this.ids.id(e.addr);
        if (e.addr.op === 'const' || sourceAddrs.has(id) || candidates.has(id)) return;
        if (this.regions(e.addr, e.op === 'load' ? e.w / 8 : e.value.w / 8).some((r) => r.kind !== 'same')) return;
        candidates.set(id, e.addr);
      });
      let merged = 0;
      // Smallest first: an address inside another (a pointer loaded through
      // a store chain) is matched before the one that contains it, and the
      // larger query then sees the rewritten inner address.
      const ordered = [...candidates.values()].sort((x, y) => dagSize(x) - dagSize(y));
      for (const original of ordered) {
        const found = byPrint.get(print(original));
        if (!found) continue;
        this.done = new Map();
        const cand = this.bv(original);
        const src = this.bv(found);
        const id = this.ids.id(cand);
        const key = `${id}=${this.ids.id(src)}`;
        if (id === this.ids.id(src) || failed.has(key)) continue;
        const left = deadline - Date.now();
        if (left <= 0) break;
        // proveObligation: division chains in addresses (`x + (i - i/n*n)`) need its lemmas.
        const r = await proveObligation({ kind: 'eq', what: 'address', guard: TRUE, lhs: cand, rhs: src }, assumptions, this.ctx.privateAreas, solver, Math.min(opts.queryMs, left));
        if (r.status !== 'proven') {
          failed.add(key);
          continue;
        }
        this.sameAs.set(id, src);
        merged++;
      }
      if (!merged) break;
      unified += merged;
      this.done = new Map();
      this.indexSourceAccesses();
      out = obligations.map((ob) => this.obligation(ob));
    }
    return { obligations: out, unified };
  }

  obligation(ob: Obligation): Obligation {
    if (ob.kind === 'eq') return { ...ob, guard: this.bv(ob.guard), lhs: this.bv(ob.lhs), rhs: this.bv(ob.rhs) };
    return { ...ob, guard: this.bv(ob.guard), src: this.mem(ob.src, true), tgt: this.mem(ob.tgt, true) };
  }
}

