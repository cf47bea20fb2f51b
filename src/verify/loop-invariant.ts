// Candidate loop invariants for a pair of corresponding loop headers,
// guessed from the states recorded at their visits (src/verify/loop-trace.ts):
// equalities between a component of A and one of B (registers and 4/8-byte
// frame slots addressed from each side's entry stack pointer, since the two
// frames differ), a component equal to an entry value (an argument, a
// callee-saved register, the return address), to the entry stack pointer
// plus a constant, or to a constant. Only facts that hold at every recorded
// visit are kept; the proof (src/verify/loop-prove.ts) keeps only those it
// can show inductive. A guess is never trusted: it is an assumption only
// where the solver proved it on every way into the header.
import type { Isa } from '../asm/ast.js';
import { add, c, eq, trunc, v } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { stateLayout } from '../ir/state.js';
import { STACK_TOP } from './testing.js';
import type { HeaderVisit, RunTrace, VisitPair } from './loop-trace.js';
import { FRAME_BYTES } from './prove.js';

export type SideIndex = 0 | 1;

export type Term =
  /** A component's value at the header. */
  | { side: SideIndex; kind: 'reg'; name: string; w: number }
  /** `bytes` bytes of the side's frame at `off` from the entry stack pointer. */
  | { side: SideIndex; kind: 'slot'; off: bigint; bytes: 4 | 8 }
  /** A component's value at entry. */
  | { side: SideIndex; kind: 'init'; name: string; w: number };

export type Fact =
  | { kind: 'eq'; x: Term; y: Term; bits: number }
  /** x = entry sp + k */
  | { kind: 'sp'; x: Term; k: bigint }
  | { kind: 'const'; x: Term; k: bigint; bits: number };

/** How to read terms symbolically at one point (a header, or the end of a path into one). */
export interface TermValues {
  reg(side: SideIndex, name: string): BV;
  slot(side: SideIndex, off: bigint, bytes: number): BV;
  init(side: SideIndex, name: string): BV;
}

const M64 = (1n << 64n) - 1n;
const mask = (bits: number) => (1n << BigInt(bits)) - 1n;
const LABEL = ['A', 'B'];

function termBits(t: Term): number {
  return t.kind === 'slot' ? t.bytes * 8 : Math.min(t.w, 64);
}

export function termText(t: Term): string {
  const s = LABEL[t.side];
  if (t.kind === 'slot') return `${s}.[sp0${t.off < 0n ? '-' : '+'}0x${(t.off < 0n ? -t.off : t.off).toString(16)}]:${t.bytes}`;
  return t.kind === 'reg' ? `${s}.${t.name}` : `${s}.${t.name}@entry`;
}

export function factText(f: Fact): string {
  const low = (bits: number, t: Term) => (bits < termBits(t) ? `${termText(t)}[${bits - 1}:0]` : termText(t));
  switch (f.kind) {
    case 'eq': return `${low(f.bits, f.x)} = ${low(f.bits, f.y)}`;
    case 'sp': return `${termText(f.x)} = sp0${f.k < 0n ? '-' : '+'}0x${(f.k < 0n ? -f.k : f.k).toString(16)}`;
    case 'const': return `${low(f.bits, f.x)} = 0x${f.k.toString(16)}`;
  }
}

/** The fact as a 1-bit formula. */
export function factFormula(f: Fact, at: TermValues): BV {
  const val = (t: Term): BV => {
    const x = t.kind === 'reg' ? at.reg(t.side, t.name) : t.kind === 'slot' ? at.slot(t.side, t.off, t.bytes) : at.init(t.side, t.name);
    return x.w > 64 ? trunc(64, x) : x;
  };
  switch (f.kind) {
    case 'eq': return eq(trunc(f.bits, val(f.x)), trunc(f.bits, val(f.y)));
    case 'sp': return eq(val(f.x), add(v(64, 'sp0'), c(64, f.k & M64)));
    case 'const': return eq(trunc(f.bits, val(f.x)), c(f.bits, f.k));
  }
}

/** A term's concrete value at a pair of visits (the low 64 bits of wider registers). */
function concrete(t: Term, p: VisitPair): bigint {
  const visit: HeaderVisit = t.side === 0 ? p.a : p.b;
  const run: RunTrace = t.side === 0 ? p.runA : p.runB;
  if (t.kind === 'reg') return (visit.regs.get(t.name) ?? 0n) & mask(termBits(t));
  if (t.kind === 'init') return (run.initial.get(t.name) ?? 0n) & mask(termBits(t));
  let x = 0n;
  for (let i = t.bytes - 1; i >= 0; i--) x = (x << 8n) | BigInt(run.frameByte(t.off + BigInt(i), visit));
  return x;
}

function holds(f: Fact, p: VisitPair): boolean {
  switch (f.kind) {
    case 'eq': return (concrete(f.x, p) & mask(f.bits)) === (concrete(f.y, p) & mask(f.bits));
    case 'sp': return concrete(f.x, p) === ((STACK_TOP + f.k) & M64);
    case 'const': return (concrete(f.x, p) & mask(f.bits)) === f.k;
  }
}

/** 8-byte frame slots (offsets from the entry sp) written before some recorded visit of a side. */
export function frameSlots(visits: HeaderVisit[]): bigint[] {
  const slots = new Set<bigint>();
  for (const v of visits) for (const off of v.frame.keys()) slots.add(off - (((off % 8n) + 8n) % 8n));
  return [...slots].filter((s) => s >= -FRAME_BYTES).sort((x, y) => (x < y ? -1 : 1));
}

/** Most slots per side offered as invariant terms (a frame with more is cut to its top). */
const MAX_SLOTS = 48;

export interface SideShape {
  isa: Isa;
  slots: bigint[];
}

function termsOf(side: SideIndex, shape: SideShape): { cur: Term[]; init: Term[]; flags: Term[] } {
  const layout = stateLayout(shape.isa);
  const cur: Term[] = [];
  const init: Term[] = [];
  const flags: Term[] = [];
  for (const comp of layout) {
    if (comp.kind === 'control') continue;
    if (comp.w < 32) {
      flags.push({ side, kind: 'reg', name: comp.name, w: comp.w });
      continue;
    }
    cur.push({ side, kind: 'reg', name: comp.name, w: comp.w });
    init.push({ side, kind: 'init', name: comp.name, w: comp.w });
  }
  for (const off of shape.slots.slice(-MAX_SLOTS)) {
    cur.push({ side, kind: 'slot', off, bytes: 8 });
    cur.push({ side, kind: 'slot', off, bytes: 4 });
    cur.push({ side, kind: 'slot', off: off + 4n, bytes: 4 });
  }
  return { cur, init, flags };
}

/**
 * The candidate facts for one header pair that hold at every recorded pair
 * of visits (none without a recorded visit).
 */
export function candidateFacts(visits: VisitPair[], shapes: [SideShape, SideShape]): Fact[] {
  if (visits.length === 0) return [];
  const [ta, tb] = [termsOf(0, shapes[0]), termsOf(1, shapes[1])];
  const first = visits[0]!;
  const facts: Fact[] = [];
  // Equalities: A's current terms against B's current terms and both entry
  // states, B's current terms against both entry states. Grouped by value.
  const byValue = new Map<bigint, Term[]>();
  const byLow = new Map<bigint, Term[]>();
  const targets = [...tb.cur, ...ta.init, ...tb.init];
  for (const t of targets) {
    const x = concrete(t, first);
    const bits = termBits(t);
    if (bits >= 64) byValue.set(x, [...(byValue.get(x) ?? []), t]);
    byLow.set(x & mask(32), [...(byLow.get(x & mask(32)) ?? []), t]);
  }
  for (const x of [...ta.cur, ...tb.cur]) {
    const value = concrete(x, first);
    const allowed = (y: Term) => y !== x && (x.side === 0 || y.kind === 'init');
    const full = new Set<Term>();
    if (termBits(x) >= 64)
      for (const y of byValue.get(value) ?? [])
        if (allowed(y)) {
          full.add(y);
          facts.push({ kind: 'eq', x, y, bits: 64 });
        }
    for (const y of byLow.get(value & mask(32)) ?? []) if (allowed(y) && !full.has(y)) facts.push({ kind: 'eq', x, y, bits: 32 });
    // Stack addresses and constants.
    const k = value - STACK_TOP;
    if (termBits(x) >= 64 && k >= -FRAME_BYTES && k <= FRAME_BYTES) facts.push({ kind: 'sp', x, k });
    else facts.push({ kind: 'const', x, k: value & mask(termBits(x)), bits: termBits(x) });
  }
  for (const x of [...ta.flags, ...tb.flags]) facts.push({ kind: 'const', x, k: concrete(x, first), bits: termBits(x) });
  return facts.filter((f) => visits.every((p) => holds(f, p)));
}
