// Advanced SIMD integer operations, lane by lane: arithmetic, bitwise,
// compares, shifts by immediate and by register, min/max, halving and
// saturating forms, absolute difference, population count.
import {
  add, and, ashr, c, eq, extract, ite, lshr, mul, neg, not, or, sext, shl, sle, slt, sub, trunc, ule, ult, xor, zext,
} from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { countLeadingZeros, reverseBits } from './bits.js';
import { immSmall, isImmOperand, type Ctx, type Ins } from './operands.js';
import {
  elem, isElemOperand, ones, readElem, readLanes, sameArrangement, vec, writeLanes, zeros, type Arrangement,
} from './vec.js';

export type Lane2 = (a: BV, b: BV) => BV;
export type Lane1 = (a: BV) => BV;

interface Options {
  /** Accepts the scalar form on d registers (`add d0, d1, d2`). */
  scalar?: boolean;
  /** Accepts a by-element third operand (`mul v0.4s, v1.4s, v2.s[1]`). */
  byElement?: boolean;
  /** Arrangements refused (2d for mul, ...). */
  refuse?: (a: Arrangement) => boolean;
}

function checkArr(i: Ins, ctx: Ctx, a: Arrangement, o: Options): void {
  if (a.count === 1 && a.esize !== 64) ctx.unsupported(`'${i.mnemonic}' scalar form is modelled on d registers only`);
  if (o.refuse?.(a)) ctx.unsupported(`'${i.mnemonic}' has no ${a.count}x${a.esize}-bit form`);
}

/** The third operand's lanes: a vector of the same arrangement, or one element broadcast. */
export function secondLanes(i: Ins, ctx: Ctx, a: Arrangement, k: number, o: Options): BV[] {
  if (o.byElement && isElemOperand(i.operands[k])) {
    const e = elem(i, k, ctx);
    if (e.esize !== a.esize) ctx.unsupported(`'${i.mnemonic}' element size differs`);
    const v = readElem(ctx, e);
    return Array.from({ length: a.count }, () => v);
  }
  const m = vec(i, k, ctx, o.scalar);
  sameArrangement(i, ctx, { n: 0, arr: a }, m);
  return readLanes(ctx, m);
}

/** d = op(n, m) lane by lane. */
export function lanes3(op: Lane2, o: Options = {}): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx, o.scalar);
    const n = vec(i, 1, ctx, o.scalar);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, o);
    const ml = secondLanes(i, ctx, a, 2, o);
    const nl = readLanes(ctx, n);
    writeLanes(ctx, d.n, nl.map((x, k) => op(x, ml[k]!)));
  };
}

/** d = op(d, n, m) lane by lane (mla, mls, bsl, sli, ...). */
export function lanes3acc(op: (d: BV, a: BV, b: BV) => BV, o: Options = {}): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx, o.scalar);
    const n = vec(i, 1, ctx, o.scalar);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, o);
    const ml = secondLanes(i, ctx, a, 2, o);
    const nl = readLanes(ctx, n);
    const dl = readLanes(ctx, d);
    writeLanes(ctx, d.n, dl.map((x, k) => op(x, nl[k]!, ml[k]!)));
  };
}

/** d = op(n) lane by lane. */
export function lanes2(op: Lane1, o: Options = {}): InstructionSemantics {
  return (i, ctx) => {
    if (i.operands.length !== 2) ctx.unsupported(`'${i.mnemonic}' takes two operands`);
    const d = vec(i, 0, ctx, o.scalar);
    const n = vec(i, 1, ctx, o.scalar);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, o);
    writeLanes(ctx, d.n, readLanes(ctx, n).map(op));
  };
}

const mask = (b: BV, w: number): BV => ite(b, ones(w), zeros(w));

/** A compare: register form, or `#0` as the second operand. */
function compare(test: Lane2, zeroOnly = false): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx, true);
    const n = vec(i, 1, ctx, true);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, {});
    let ml: BV[];
    if (isImmOperand(i.operands[2])) {
      if (immSmall(i, 2, ctx, 0) !== 0) ctx.unsupported(`'${i.mnemonic}' compares with #0 only`);
      ml = Array.from({ length: a.count }, () => zeros(a.esize));
    } else {
      if (zeroOnly) ctx.unsupported(`'${i.mnemonic}' register form`);
      ml = secondLanes(i, ctx, a, 2, { scalar: true });
    }
    writeLanes(ctx, d.n, readLanes(ctx, n).map((x, k) => mask(test(x, ml[k]!), a.esize)));
  };
}

// ---------------------------------------------------------------- lane arithmetic in esize+1 bits

const wideU = (x: BV) => zext(x.w + 1, x);
const wideS = (x: BV) => sext(x.w + 1, x);
const top = (x: BV) => extract(x.w - 1, 1, x);

function halving(signed: boolean, round: boolean, subtract: boolean): Lane2 {
  const w = signed ? wideS : wideU;
  return (a, b) => {
    let s = subtract ? sub(w(a), w(b)) : add(w(a), w(b));
    if (round) s = add(s, c(s.w, 1));
    return top(s);
  };
}

function saturating(signed: boolean, subtract: boolean): Lane2 {
  return (a, b) => {
    const e = a.w;
    if (!signed) {
      if (subtract) return ite(ult(a, b), zeros(e), sub(a, b));
      const s = add(wideU(a), wideU(b));
      return ite(extract(e, e, s), ones(e), trunc(e, s));
    }
    const s = subtract ? sub(wideS(a), wideS(b)) : add(wideS(a), wideS(b));
    const max = c(e + 1, (1n << BigInt(e - 1)) - 1n);
    const min = c(e + 1, -(1n << BigInt(e - 1)));
    return trunc(e, ite(slt(max, s), max, ite(slt(s, min), min, s)));
  };
}

function absDiff(signed: boolean): Lane2 {
  const w = signed ? wideS : wideU;
  return (a, b) => {
    const d = sub(w(a), w(b));
    return trunc(a.w, ite(slt(d, zeros(d.w)), neg(d), d));
  };
}

/** sshl/ushl by register: the signed low byte of each m lane; negative shifts right. */
function shiftByRegister(signed: boolean): Lane2 {
  return (a, b) => {
    const s = extract(7, 0, b);
    const negative = extract(7, 7, s);
    const left = shl(a, zext(a.w, s));
    const rightAmount = zext(a.w, neg(s));
    const right = signed ? ashr(a, rightAmount) : lshr(a, rightAmount);
    return ite(negative, right, left);
  };
}

function popcount(x: BV): BV {
  let r = zeros(x.w);
  for (let b = 0; b < x.w; b++) r = add(r, zext(x.w, extract(b, b, x)));
  return r;
}

// ---------------------------------------------------------------- shifts by immediate

type ShiftKind = 'shl' | 'sshr' | 'ushr' | 'srshr' | 'urshr';

function shiftImm(kind: ShiftKind, x: BV, s: number): BV {
  const e = x.w;
  switch (kind) {
    case 'shl': return shl(x, c(e, s));
    case 'sshr': return ashr(x, c(e, s));
    case 'ushr': return lshr(x, c(e, s));
    case 'srshr':
    case 'urshr': {
      // Add the rounding constant 2^(s-1) in esize+1 bits, then shift.
      const w = kind === 'srshr' ? wideS(x) : wideU(x);
      const r = add(w, c(e + 1, 1n << BigInt(s - 1)));
      return trunc(e, kind === 'srshr' ? ashr(r, c(e + 1, s)) : lshr(r, c(e + 1, s)));
    }
  }
}

/** shl allows 0..esize-1; the right shifts 1..esize. */
function shiftAmountFor(i: Ins, ctx: Ctx, a: Arrangement, left: boolean): number {
  const s = immSmall(i, 2, ctx, left ? a.esize - 1 : a.esize);
  if (!left && s < 1) ctx.unsupported(`'${i.mnemonic}' shift must be 1..${a.esize}`);
  return s;
}

function shiftByImmediate(kind: ShiftKind, accumulate: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx, true);
    const n = vec(i, 1, ctx, true);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, {});
    const s = shiftAmountFor(i, ctx, a, kind === 'shl');
    const shifted = readLanes(ctx, n).map((x) => shiftImm(kind, x, s));
    const dl = readLanes(ctx, d);
    writeLanes(ctx, d.n, accumulate ? shifted.map((x, k) => add(dl[k]!, x)) : shifted);
  };
}

/** sli: shifted n over d, keeping d's low s bits; sri: the high s bits of d kept. */
function shiftInsert(left: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx, true);
    const n = vec(i, 1, ctx, true);
    const a = sameArrangement(i, ctx, d, n);
    checkArr(i, ctx, a, {});
    const s = shiftAmountFor(i, ctx, a, left);
    const e = a.esize;
    const keep = left ? c(e, (1n << BigInt(s)) - 1n) : not(lshr(ones(e), c(e, s)));
    const dl = readLanes(ctx, d);
    writeLanes(ctx, d.n, readLanes(ctx, n).map((x, k) => {
      const moved = left ? shl(x, c(e, s)) : lshr(x, c(e, s));
      return or(moved, and(dl[k]!, keep));
    }));
  };
}

// ---------------------------------------------------------------- bitwise

const bitwise = (op: Lane2): InstructionSemantics =>
  lanes3(op, { refuse: (a) => a.esize !== 8 });

/** bsl: d selects n (1) or m (0); bit: m selects n into d; bif: m selects d (1) or n (0). */
const bsl = (d: BV, n: BV, m: BV) => or(and(d, n), and(not(d), m));
const bit = (d: BV, n: BV, m: BV) => or(and(n, m), and(d, not(m)));
const bif = (d: BV, n: BV, m: BV) => or(and(d, m), and(n, not(m)));

const no2d = (a: Arrangement) => a.esize === 64;

/** `not`/`mvn` and `cnt`, `rbit` on bytes only. */
const bytesOnly = (a: Arrangement) => a.esize !== 8;

export const VINT_SEMANTICS: Record<string, InstructionSemantics> = {
  add: lanes3(add, { scalar: true }),
  sub: lanes3(sub, { scalar: true }),
  mul: lanes3(mul, { byElement: true, refuse: no2d }),
  mla: lanes3acc((d, a, b) => add(d, mul(a, b)), { byElement: true, refuse: no2d }),
  mls: lanes3acc((d, a, b) => sub(d, mul(a, b)), { byElement: true, refuse: no2d }),
  and: bitwise(and),
  orr: bitwise(or),
  eor: bitwise(xor),
  bic: bitwise((a, b) => and(a, not(b))),
  orn: bitwise((a, b) => or(a, not(b))),
  bsl: lanes3acc(bsl, { refuse: bytesOnly }),
  bit: lanes3acc(bit, { refuse: bytesOnly }),
  bif: lanes3acc(bif, { refuse: bytesOnly }),
  not: lanes2(not, { refuse: bytesOnly }),
  mvn: lanes2(not, { refuse: bytesOnly }),
  neg: lanes2(neg, { scalar: true }),
  abs: lanes2((x) => ite(slt(x, zeros(x.w)), neg(x), x), { scalar: true }),
  cnt: lanes2(popcount, { refuse: bytesOnly }),
  rbit: lanes2(reverseBits, { refuse: bytesOnly }),
  clz: lanes2((x) => countLeadingZeros(x, x.w), { refuse: no2d }),
  cls: lanes2((x) => countLeadingZeros(xor(extract(x.w - 1, 1, x), extract(x.w - 2, 0, x)), x.w), { refuse: no2d }),
  cmeq: compare(eq),
  cmtst: compare((a, b) => not(eq(and(a, b), zeros(a.w)))),
  cmgt: compare((a, b) => slt(b, a)),
  cmge: compare((a, b) => sle(b, a)),
  cmhi: compare((a, b) => ult(b, a)),
  cmhs: compare((a, b) => ule(b, a)),
  // cmle/cmlt exist only as compares with zero (gas has no register form).
  cmle: compare((a, b) => sle(a, b), true),
  cmlt: compare((a, b) => slt(a, b), true),
  smax: lanes3((a, b) => ite(slt(a, b), b, a), { refuse: no2d }),
  smin: lanes3((a, b) => ite(slt(b, a), b, a), { refuse: no2d }),
  umax: lanes3((a, b) => ite(ult(a, b), b, a), { refuse: no2d }),
  umin: lanes3((a, b) => ite(ult(b, a), b, a), { refuse: no2d }),
  shadd: lanes3(halving(true, false, false), { refuse: no2d }),
  uhadd: lanes3(halving(false, false, false), { refuse: no2d }),
  srhadd: lanes3(halving(true, true, false), { refuse: no2d }),
  urhadd: lanes3(halving(false, true, false), { refuse: no2d }),
  shsub: lanes3(halving(true, false, true), { refuse: no2d }),
  uhsub: lanes3(halving(false, false, true), { refuse: no2d }),
  // Saturating forms also set FPSR.QC, which is not modelled (mrs fpsr has no semantics).
  sqadd: lanes3(saturating(true, false), { scalar: true }),
  uqadd: lanes3(saturating(false, false), { scalar: true }),
  sqsub: lanes3(saturating(true, true), { scalar: true }),
  uqsub: lanes3(saturating(false, true), { scalar: true }),
  sabd: lanes3(absDiff(true), { refuse: no2d }),
  uabd: lanes3(absDiff(false), { refuse: no2d }),
  saba: lanes3acc((d, a, b) => add(d, absDiff(true)(a, b)), { refuse: no2d }),
  uaba: lanes3acc((d, a, b) => add(d, absDiff(false)(a, b)), { refuse: no2d }),
  sshl: lanes3(shiftByRegister(true), { scalar: true }),
  ushl: lanes3(shiftByRegister(false), { scalar: true }),
  shl: shiftByImmediate('shl', false),
  sshr: shiftByImmediate('sshr', false),
  ushr: shiftByImmediate('ushr', false),
  srshr: shiftByImmediate('srshr', false),
  urshr: shiftByImmediate('urshr', false),
  ssra: shiftByImmediate('sshr', true),
  usra: shiftByImmediate('ushr', true),
  srsra: shiftByImmediate('srshr', true),
  ursra: shiftByImmediate('urshr', true),
  sli: shiftInsert(true),
  sri: shiftInsert(false),
};

