// State mappings (src/translate/contract.ts) turned into symbolic states.
// The entry mapping is an assumption: the mapped source bits and the target
// places they live in start out as the *same* variables, `targetOnly` facts
// and `const` places become constants, and everything unmapped gets its own
// independent variable on each side. Every later mapping (at an exit, at a
// call) is a claim: these helpers read both sides of each fact so the
// verifier can compare them.
import type { Isa } from '../asm/ast.js';
import { add, c, concat, extract, load, store, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { symbolAddress } from '../ir/asmexpr.js';
import { stateLayout } from '../ir/state.js';
import type { BitRange, MappedBits, StateMapping, TargetPlace } from '../translate/contract.js';

/** Thrown for a request that makes no sense (unknown component, bad range, widths that differ). */
export class BadRequest extends Error {}

export function widthOf(isa: Isa, name: string): number | undefined {
  return stateLayout(isa).find((s) => s.name === name)?.w;
}

function checkRange(isa: Isa, name: string, bits: BitRange | undefined, what: string): BitRange {
  const w = widthOf(isa, name);
  if (w === undefined) throw new BadRequest(`${what}: no state component '${name}' on ${isa}`);
  const r = bits ?? { hi: w - 1, lo: 0 };
  if (!Number.isInteger(r.hi) || !Number.isInteger(r.lo) || r.lo < 0 || r.hi < r.lo || r.hi >= w)
    throw new BadRequest(`${what}: bits [${r.hi}:${r.lo}] do not fit ${name} (${w} bits)`);
  return r;
}

/** Width in bits of a target place (checked against the target ISA). */
export function placeWidth(tgtIsa: Isa, place: TargetPlace, srcWidth: number, what: string): number {
  switch (place.kind) {
    case 'reg': {
      const r = checkRange(tgtIsa, place.name, place.bits, what);
      return r.hi - r.lo + 1;
    }
    case 'mem': {
      if (!Number.isInteger(place.bytes) || place.bytes < 1 || place.bytes > 32) throw new BadRequest(`${what}: a memory place of ${place.bytes} bytes`);
      if (!Number.isInteger(place.offset) || place.offset < 0) throw new BadRequest(`${what}: negative or fractional offset ${place.offset}`);
      const r = memRange(place, what);
      return r.hi - r.lo + 1;
    }
    case 'const':
      if (place.value < 0n || place.value >> BigInt(srcWidth) !== 0n) throw new BadRequest(`${what}: constant 0x${place.value.toString(16)} does not fit ${srcWidth} bits`);
      return srcWidth;
  }
}

/** The bit range of a memory place's little-endian value that holds the mapped bits (all of it by default). */
export function memRange(place: Extract<TargetPlace, { kind: 'mem' }>, what: string): BitRange {
  const w = place.bytes * 8;
  const r = place.bits ?? { hi: w - 1, lo: 0 };
  if (!Number.isInteger(r.hi) || !Number.isInteger(r.lo) || r.lo < 0 || r.hi < r.lo || r.hi >= w)
    throw new BadRequest(`${what}: bits [${r.hi}:${r.lo}] do not fit ${place.symbol}+${place.offset} (${place.bytes} bytes)`);
  return r;
}

/** Checks a whole mapping; returns the source range of each fact. */
export function checkMapping(srcIsa: Isa, tgtIsa: Isa, m: StateMapping, privateAreas: ReadonlyMap<string, number>, what: string): BitRange[] {
  const ranges = m.facts.map((f, k) => {
    const r = checkRange(srcIsa, f.src, f.bits, `${what}, fact ${k + 1}`);
    const w = r.hi - r.lo + 1;
    const pw = placeWidth(tgtIsa, f.to, w, `${what}, fact ${k + 1}`);
    if (pw !== w) throw new BadRequest(`${what}, fact ${k + 1}: ${w} source bits of ${f.src} mapped to a ${pw}-bit place`);
    checkPrivate(f.to, privateAreas, `${what}, fact ${k + 1}`);
    return r;
  });
  for (const [k, t] of (m.targetOnly ?? []).entries()) {
    if (t.place.kind === 'const') throw new BadRequest(`${what}, target-only fact ${k + 1}: a constant is not a target place`);
    placeWidth(tgtIsa, t.place, 0, `${what}, target-only fact ${k + 1}`);
    checkPrivate(t.place, privateAreas, `${what}, target-only fact ${k + 1}`);
    const w = placeWidthOf(tgtIsa, t.place);
    if (t.value < 0n || t.value >> BigInt(w) !== 0n) throw new BadRequest(`${what}, target-only fact ${k + 1}: 0x${t.value.toString(16)} does not fit ${w} bits`);
  }
  return ranges;
}

function placeWidthOf(tgtIsa: Isa, p: TargetPlace): number {
  if (p.kind === 'reg') {
    const w = widthOf(tgtIsa, p.name)!;
    return p.bits ? p.bits.hi - p.bits.lo + 1 : w;
  }
  if (p.kind === 'mem') {
    const r = p.bits ?? { hi: p.bytes * 8 - 1, lo: 0 };
    return r.hi - r.lo + 1;
  }
  return 0;
}

function checkPrivate(p: TargetPlace, areas: ReadonlyMap<string, number>, what: string): void {
  if (p.kind !== 'mem') return;
  const size = areas.get(p.symbol);
  if (size === undefined) throw new BadRequest(`${what}: memory place in '${p.symbol}', which is not a declared private area`);
  if (p.offset + p.bytes > size) throw new BadRequest(`${what}: memory place ${p.symbol}+${p.offset} (${p.bytes} bytes) runs past the area (${size} bytes)`);
}

/** A component assembled from pieces over a default variable, low bits first. */
function assemble(w: number, base: BV, pieces: { r: BitRange; value: BV }[], what: string): BV {
  const sorted = [...pieces].sort((a, b) => a.r.lo - b.r.lo);
  for (let k = 1; k < sorted.length; k++)
    if (sorted[k]!.r.lo <= sorted[k - 1]!.r.hi) throw new BadRequest(`${what}: two facts claim overlapping bits [${sorted[k]!.r.hi}:${sorted[k]!.r.lo}]`);
  let out: BV | undefined;
  let next = 0;
  const push = (x: BV) => {
    out = out ? concat(x, out) : x;
  };
  for (const p of sorted) {
    if (p.r.lo > next) push(extract(p.r.lo - 1, next, base));
    push(p.value);
    next = p.r.hi + 1;
  }
  if (next < w) push(extract(w - 1, next, base));
  return out!;
}

export interface EntryState {
  srcInitial(name: string): BV;
  tgtInitial(name: string): BV;
  srcMem: Mem;
  tgtMem: Mem;
}

/**
 * Initial states of both sides under an entry mapping. Source components
 * start as `s.<name>` (constant where a `const` fact says so); a target
 * register holding mapped bits starts as exactly those source bits; target
 * memory is source memory with the mapped spill slots written.
 */
export function entryState(srcIsa: Isa, tgtIsa: Isa, m: StateMapping, privateAreas: ReadonlyMap<string, number>): EntryState {
  const ranges = checkMapping(srcIsa, tgtIsa, m, privateAreas, 'entry mapping');
  const srcConsts = new Map<string, { r: BitRange; value: BV }[]>();
  m.facts.forEach((f, k) => {
    if (f.to.kind !== 'const') return;
    const r = ranges[k]!;
    const list = srcConsts.get(f.src) ?? [];
    list.push({ r, value: c(r.hi - r.lo + 1, f.to.value) });
    srcConsts.set(f.src, list);
  });
  const srcCache = new Map<string, BV>();
  const srcInitial = (name: string): BV => {
    let x = srcCache.get(name);
    if (!x) {
      const w = widthOf(srcIsa, name)!;
      x = assemble(w, v(w, `s.${name}`), srcConsts.get(name) ?? [], `entry mapping for ${name}`);
      srcCache.set(name, x);
    }
    return x;
  };
  const srcBits = (f: MappedBits, r: BitRange) => extract(r.hi, r.lo, srcInitial(f.src));

  const tgtPieces = new Map<string, { r: BitRange; value: BV }[]>();
  const addPiece = (name: string, r: BitRange, value: BV) => {
    const list = tgtPieces.get(name) ?? [];
    // The same source bits mapped twice to one place is one claim, not two.
    if (!list.some((p) => p.r.hi === r.hi && p.r.lo === r.lo && p.value === value)) list.push({ r, value });
    tgtPieces.set(name, list);
  };
  // Private areas start as whatever the shared memory holds there: the
  // source never accesses them (an assumption of every query), so those
  // bytes are unknowns only the target sees, as fresh contents would be,
  // without a chain of stores every target load must be checked against.
  // Memory places: the pieces of each slot (symbol, offset, bytes) are
  // assembled over the slot's previous contents, so bit-range places (NZCV
  // packed into one byte) fill only their bits and leave the rest unknown.
  const slots = new Map<string, { place: Extract<TargetPlace, { kind: 'mem' }>; pieces: { r: BitRange; value: BV }[] }>();
  const addSlotPiece = (place: Extract<TargetPlace, { kind: 'mem' }>, value: BV) => {
    const key = `${place.symbol}+${place.offset}:${place.bytes}`;
    const slot = slots.get(key) ?? { place, pieces: [] };
    const r = memRange(place, 'entry mapping');
    if (!slot.pieces.some((p) => p.r.hi === r.hi && p.r.lo === r.lo && p.value === value)) slot.pieces.push({ r, value });
    slots.set(key, slot);
  };
  m.facts.forEach((f, k) => {
    const r = ranges[k]!;
    if (f.to.kind === 'reg') addPiece(f.to.name, f.to.bits ?? { hi: widthOf(tgtIsa, f.to.name)! - 1, lo: 0 }, srcBits(f, r));
    else if (f.to.kind === 'mem') addSlotPiece(f.to, srcBits(f, r));
  });
  for (const t of m.targetOnly ?? []) {
    if (t.place.kind === 'reg') {
      const w = widthOf(tgtIsa, t.place.name)!;
      const r = t.place.bits ?? { hi: w - 1, lo: 0 };
      addPiece(t.place.name, r, c(r.hi - r.lo + 1, t.value));
    } else if (t.place.kind === 'mem') {
      const r = memRange(t.place, 'entry mapping');
      addSlotPiece(t.place, c(r.hi - r.lo + 1, t.value));
    }
  }
  checkSlotsApart([...slots.values()].map((x) => x.place));
  const mem0: Mem = { op: 'mem0', name: 'mem' };
  let tgtMem: Mem = mem0;
  for (const { place, pieces } of slots.values()) {
    const addr = add(symbolAddress(place.symbol), c(64, place.offset));
    tgtMem = store(tgtMem, addr, assemble(place.bytes * 8, load(mem0, addr, place.bytes), pieces, `entry mapping for ${describePlace(place)}`));
  }
  const tgtCache = new Map<string, BV>();
  const tgtInitial = (name: string): BV => {
    let x = tgtCache.get(name);
    if (!x) {
      const w = widthOf(tgtIsa, name)!;
      x = assemble(w, v(w, `t.${name}`), tgtPieces.get(name) ?? [], `entry mapping for target ${name}`);
      tgtCache.set(name, x);
    }
    return x;
  };
  // Assemble every mapped target register now, so overlapping claims are refused up front.
  for (const name of tgtPieces.keys()) tgtInitial(name);
  return { srcInitial, tgtInitial, srcMem: { op: 'mem0', name: 'mem' }, tgtMem };
}

/** Distinct memory slots of one mapping must not share bytes (one claim per byte). */
function checkSlotsApart(places: Extract<TargetPlace, { kind: 'mem' }>[]): void {
  for (const [k, a] of places.entries())
    for (const b of places.slice(k + 1))
      if (a.symbol === b.symbol && a.offset < b.offset + b.bytes && b.offset < a.offset + a.bytes)
        throw new BadRequest(`entry mapping: memory places ${describePlace(a)} and ${describePlace(b)} overlap`);
}

/** Copies the slot [sym+offset, sym+offset+bytes) from one memory into another. */
export function copySlot(into: Mem, from: Mem, sym: string, offset: number, bytes: number): Mem {
  const addr = add(symbolAddress(sym), c(64, offset));
  return store(into, addr, load(from, addr, bytes));
}

/** Reads a view of a state: component values and memory. */
export interface StateView {
  get(name: string): BV;
  mem: Mem;
}

export function sourceBits(s: StateView, f: MappedBits, r: BitRange): BV {
  return extract(r.hi, r.lo, s.get(f.src));
}

/** The value a target place holds; for `const`, the constant. */
export function placeValue(tgtIsa: Isa, t: StateView, p: TargetPlace, w: number): BV {
  switch (p.kind) {
    case 'reg': {
      const x = t.get(p.name);
      return p.bits ? extract(p.bits.hi, p.bits.lo, x) : x;
    }
    case 'mem': {
      const x = load(t.mem, add(symbolAddress(p.symbol), c(64, p.offset)), p.bytes);
      return p.bits ? extract(p.bits.hi, p.bits.lo, x) : x;
    }
    case 'const':
      return c(w, p.value);
  }
}

export function describePlace(p: TargetPlace): string {
  switch (p.kind) {
    case 'reg':
      return p.bits ? `${p.name}[${p.bits.hi}:${p.bits.lo}]` : p.name;
    case 'mem':
      return `${p.symbol}+${p.offset}(${p.bytes})${p.bits ? `[${p.bits.hi}:${p.bits.lo}]` : ''}`;
    case 'const':
      return `0x${p.value.toString(16)}`;
  }
}

export function describeFact(f: MappedBits): string {
  return `${f.src}${f.bits ? `[${f.bits.hi}:${f.bits.lo}]` : ''} -> ${describePlace(f.to)}`;
}
