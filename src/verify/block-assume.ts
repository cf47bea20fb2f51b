// What a block proof assumes about where things live in memory. Blocks are
// verified without a memory image, so symbol addresses and the stack
// pointer are free variables; left unconstrained, Z3 may put the
// translator's private area inside the stack frame or two symbols at one
// address, and then "refute" a correct translation (the target keeps a
// spill slot the source does not have). The real programs cannot do that:
// the linker gives every symbol its own object and the private areas are
// objects of their own, far from the stack. These facts become explicit
// preconditions (1-bit expressions assumed true): the prover conjoins
// them, testing skips inputs that break them, and a Z3 model is replayed
// only if it satisfies them. Nothing is skipped in the comparisons.
import { add, and, c, not, sub, ult } from '../ir/build.js';
import type { BV } from '../ir/expr.js';

/** How far around the stack pointer the stack is assumed to reach (4 GiB each way). */
export const STACK_REACH = 1n << 32n;

const M64 = (1n << 64n) - 1n;

/** [a, a+an) and [b, b+bn) do not overlap (sizes as 64-bit unsigned values, each below 2^64). */
export function disjointRanges(a: BV, an: bigint, b: BV, bn: bigint): BV {
  return and(not(ult(sub(a, b), c(64, bn & M64))), not(ult(sub(b, a), c(64, an & M64))));
}

const signed = (x: bigint) => (x >= 1n << 63n ? x - (1n << 64n) : x);
/** Offsets beyond this are not treated as small (so interval arithmetic cannot wrap). */
const SMALL = 1n << 40n;

/** An address as base + constant offset, folding nested constant additions. */
export function baseOffset(addr: BV): { base: BV; offset: bigint } {
  let base = addr;
  let offset = 0n;
  for (;;) {
    if (base.op === 'add' && base.b.op === 'const') { offset += signed(base.b.value); base = base.a; }
    else if (base.op === 'add' && base.a.op === 'const') { offset += signed(base.a.value); base = base.b; }
    else if (base.op === 'sub' && base.b.op === 'const') { offset -= signed(base.b.value); base = base.a; }
    else break;
    if (offset > SMALL || offset < -SMALL) return { base: addr, offset: 0n };
  }
  return { base, offset };
}

/** An address split into a program symbol and a constant offset, when it has that shape. */
export function symbolOffset(addr: BV): { symbol: string; offset: bigint } | undefined {
  const { base, offset } = baseOffset(addr);
  if (base.op === 'var' && base.name.startsWith('&')) return { symbol: base.name.slice(1), offset };
  return undefined;
}

/** Every program symbol (`&name` variable) an expression mentions. */
function symbolsIn(roots: readonly BV[], out: Set<string>): void {
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length) {
    const e = stack.pop() as Record<string, unknown> & { op: string };
    if (seen.has(e)) continue;
    seen.add(e);
    if (e.op === 'var') {
      const name = e.name as string;
      if (name.startsWith('&')) out.add(name.slice(1));
      continue;
    }
    for (const k of ['a', 'b', 'c', 't', 'e', 'mem', 'addr', 'value'] as const) if (e[k] && typeof e[k] === 'object') stack.push(e[k]);
    if (Array.isArray(e.args)) stack.push(...(e.args as unknown[]));
  }
}

export interface Layout {
  /** The stack pointer of each side at block entry (the same expression when sp maps to sp). */
  stackPointers: BV[];
  /** Memory accesses of both sides (addresses and sizes). */
  accesses: { addr: BV; bytes: number }[];
  /** Expressions whose symbols count as program symbols (obligations, guards). */
  roots: BV[];
  privateAreas: ReadonlyMap<string, number>;
}

/**
 * The layout preconditions:
 * - every private area is apart from the stack (sp ± 4 GiB on each side);
 * - every private area is apart from every program symbol's object, whose
 *   extent is the bytes the block reaches at constant offsets from it (at
 *   least one byte);
 * - distinct program symbols have non-overlapping objects (so distinct
 *   addresses), as each side's memory image lays them out;
 * - program symbols' objects are apart from the stack (sp ± 4 GiB).
 */
export function layoutAssumptions(l: Layout): BV[] {
  return layoutFacts(l).assumptions;
}

export interface LayoutFacts {
  assumptions: BV[];
  /** Each program symbol's object, relative to its address: [lo, hi). */
  extents: ReadonlyMap<string, { lo: bigint; hi: bigint }>;
}

export function layoutFacts(l: Layout): LayoutFacts {
  const symbols = new Set<string>();
  symbolsIn([...l.roots, ...l.accesses.map((a) => a.addr)], symbols);
  for (const p of l.privateAreas.keys()) symbols.delete(p);
  // Each program symbol's object: [lo, hi) relative to its address.
  const extent = new Map<string, { lo: bigint; hi: bigint }>();
  for (const s of symbols) extent.set(s, { lo: 0n, hi: 1n });
  for (const a of l.accesses) {
    const so = symbolOffset(a.addr);
    if (!so || !extent.has(so.symbol)) continue;
    const x = extent.get(so.symbol)!;
    if (so.offset < x.lo) x.lo = so.offset;
    if (so.offset + BigInt(a.bytes) > x.hi) x.hi = so.offset + BigInt(a.bytes);
  }
  const objects = [...extent].map(([s, x]) => ({ base: add({ op: 'var', w: 64, name: `&${s}` }, c(64, x.lo & M64)), size: x.hi - x.lo }));
  const out: BV[] = [];
  for (const [sym, bytes] of l.privateAreas) {
    const base: BV = { op: 'var', w: 64, name: `&${sym}` };
    const n = BigInt(bytes);
    for (const sp of l.stackPointers) out.push(disjointRanges(base, n, sub(sp, c(64, STACK_REACH)), 2n * STACK_REACH));
    for (const o of objects) out.push(disjointRanges(base, n, o.base, o.size));
  }
  for (const [k, o] of objects.entries()) {
    for (const p of objects.slice(k + 1)) out.push(disjointRanges(o.base, o.size, p.base, p.size));
    // Static objects are not on the stack.
    for (const sp of l.stackPointers) out.push(disjointRanges(o.base, o.size, sub(sp, c(64, STACK_REACH)), 2n * STACK_REACH));
  }
  return { assumptions: out, extents: extent };
}
