// Constructors for expressions. They check widths (a width bug in a
// semantics is a bug, so it throws), fold constants, and apply a few
// simplifications that keep symbolic results small.
import { mask, type BinOp, type BV, type CmpOp, type Mem } from './expr.js';
import { evalBinary, evalCompare, evalExtract, evalSext } from './ops.js';

function widthError(what: string, a: BV, b: BV): never {
  throw new Error(`IR width mismatch in ${what}: ${a.w} and ${b.w} bits`);
}

export function isConst(e: BV): e is Extract<BV, { op: 'const' }> {
  return e.op === 'const';
}

export function constOf(e: BV): bigint | undefined {
  return e.op === 'const' ? e.value : undefined;
}

export function c(w: number, value: bigint | number): BV {
  return { op: 'const', w, value: BigInt(value) & mask(w) };
}

export function v(w: number, name: string): BV {
  return { op: 'var', w, name };
}

export const TRUE = c(1, 1);
export const FALSE = c(1, 0);

export function bin(op: BinOp, a: BV, b: BV): BV {
  if (a.w !== b.w) widthError(op, a, b);
  const w = a.w;
  if (a.op === 'const' && b.op === 'const') return c(w, evalBinary(op, w, a.value, b.value));
  const ka = constOf(a);
  const kb = constOf(b);
  switch (op) {
    case 'add':
      if (kb === 0n) return a;
      if (ka === 0n) return b;
      break;
    case 'sub':
      if (kb === 0n) return a;
      if (a === b) return c(w, 0);
      break;
    case 'and':
      if (kb === 0n || ka === 0n) return c(w, 0);
      if (kb === mask(w)) return a;
      if (ka === mask(w)) return b;
      if (a === b) return a;
      break;
    case 'or':
      if (kb === 0n) return a;
      if (ka === 0n) return b;
      if (a === b) return a;
      break;
    case 'xor':
      if (kb === 0n) return a;
      if (ka === 0n) return b;
      if (a === b) return c(w, 0);
      break;
    case 'shl':
    case 'lshr':
    case 'ashr':
      if (kb === 0n) return a;
      break;
    case 'mul':
      if (kb === 1n) return a;
      if (ka === 1n) return b;
      if (kb === 0n || ka === 0n) return c(w, 0);
      break;
    default:
      break;
  }
  return { op, w, a, b };
}

export const add = (a: BV, b: BV) => bin('add', a, b);
export const sub = (a: BV, b: BV) => bin('sub', a, b);
export const mul = (a: BV, b: BV) => bin('mul', a, b);
export const and = (a: BV, b: BV) => bin('and', a, b);
export const or = (a: BV, b: BV) => bin('or', a, b);
export const xor = (a: BV, b: BV) => bin('xor', a, b);
export const shl = (a: BV, b: BV) => bin('shl', a, b);
export const lshr = (a: BV, b: BV) => bin('lshr', a, b);
export const ashr = (a: BV, b: BV) => bin('ashr', a, b);
export const udiv = (a: BV, b: BV) => bin('udiv', a, b);
export const sdiv = (a: BV, b: BV) => bin('sdiv', a, b);
export const urem = (a: BV, b: BV) => bin('urem', a, b);
export const srem = (a: BV, b: BV) => bin('srem', a, b);

export function not(a: BV): BV {
  if (a.op === 'const') return c(a.w, ~a.value);
  if (a.op === 'not') return a.a;
  return { op: 'not', w: a.w, a };
}

export function neg(a: BV): BV {
  if (a.op === 'const') return c(a.w, -a.value);
  return { op: 'neg', w: a.w, a };
}

export function cmp(op: CmpOp, a: BV, b: BV): BV {
  if (a.w !== b.w) widthError(op, a, b);
  if (a.op === 'const' && b.op === 'const') return c(1, evalCompare(op, a.w, a.value, b.value));
  if (a === b) return op === 'eq' || op === 'ule' || op === 'sle' ? TRUE : FALSE;
  return { op, w: 1, a, b };
}

export const eq = (a: BV, b: BV) => cmp('eq', a, b);
export const ne = (a: BV, b: BV) => not(cmp('eq', a, b));
export const ult = (a: BV, b: BV) => cmp('ult', a, b);
export const ule = (a: BV, b: BV) => cmp('ule', a, b);
export const ugt = (a: BV, b: BV) => cmp('ult', b, a);
export const uge = (a: BV, b: BV) => cmp('ule', b, a);
export const slt = (a: BV, b: BV) => cmp('slt', a, b);
export const sle = (a: BV, b: BV) => cmp('sle', a, b);
export const sgt = (a: BV, b: BV) => cmp('slt', b, a);
export const sge = (a: BV, b: BV) => cmp('sle', b, a);

export function ite(cond: BV, t: BV, e: BV): BV {
  if (cond.w !== 1) throw new Error(`IR ite condition must be 1 bit, got ${cond.w}`);
  if (t.w !== e.w) widthError('ite', t, e);
  if (cond.op === 'const') return cond.value ? t : e;
  if (t === e) return t;
  return { op: 'ite', w: t.w, c: cond, t, e };
}

/** Bits hi..lo of a (inclusive), as a (hi-lo+1)-bit value. */
export function extract(hi: number, lo: number, a: BV): BV {
  if (hi < lo || lo < 0 || hi >= a.w) throw new Error(`IR extract ${hi}:${lo} out of range for ${a.w} bits`);
  const w = hi - lo + 1;
  if (w === a.w) return a;
  if (a.op === 'const') return c(w, evalExtract(hi, lo, a.value));
  if (a.op === 'extract') return extract(hi + a.lo, lo + a.lo, a.a);
  if ((a.op === 'zext' || a.op === 'sext') && hi < a.a.w) return extract(hi, lo, a.a);
  if (a.op === 'concat') {
    if (lo >= a.b.w) return extract(hi - a.b.w, lo - a.b.w, a.a);
    if (hi < a.b.w) return extract(hi, lo, a.b);
  }
  return { op: 'extract', w, hi, lo, a };
}

export function concat(a: BV, b: BV): BV {
  if (a.op === 'const' && b.op === 'const') return c(a.w + b.w, (a.value << BigInt(b.w)) | b.value);
  return { op: 'concat', w: a.w + b.w, a, b };
}

export function zext(w: number, a: BV): BV {
  if (w < a.w) throw new Error(`IR zext to ${w} from wider ${a.w}`);
  if (w === a.w) return a;
  if (a.op === 'const') return c(w, a.value);
  if (a.op === 'zext') return zext(w, a.a);
  return { op: 'zext', w, a };
}

export function sext(w: number, a: BV): BV {
  if (w < a.w) throw new Error(`IR sext to ${w} from wider ${a.w}`);
  if (w === a.w) return a;
  if (a.op === 'const') return c(w, evalSext(a.w, w, a.value));
  if (a.op === 'sext') return sext(w, a.a);
  return { op: 'sext', w, a };
}

/** The low w bits (w <= a.w). */
export function trunc(w: number, a: BV): BV {
  return extract(w - 1, 0, a);
}

export function bool(e: BV): BV {
  return e.w === 1 ? e : ne(e, c(e.w, 0));
}

export function load(mem: Mem, addr: BV, bytes: number): BV {
  if (addr.w !== 64) throw new Error(`IR addresses are 64 bits, got ${addr.w}`);
  return { op: 'load', w: bytes * 8, mem, addr };
}

export function store(mem: Mem, addr: BV, value: BV): Mem {
  if (addr.w !== 64) throw new Error(`IR addresses are 64 bits, got ${addr.w}`);
  if (value.w % 8 !== 0) throw new Error(`IR stores whole bytes, got ${value.w} bits`);
  return { op: 'store', mem, addr, value };
}

/** Rotate right by a constant or symbolic amount, modulo the width. */
export function rotr(a: BV, amount: BV): BV {
  const w = a.w;
  const k = urem(amount, c(w, w));
  return or(lshr(a, k), shl(a, sub(c(w, w), k)));
}

/** A floating-point operation node (see FpOp in expr.ts for the exact meaning). */
export function fp(
  fop: import('./expr.js').FpOp,
  w: number,
  fw: number,
  rm: import('./expr.js').RoundingMode,
  nan: import('./expr.js').NanPolicy,
  args: BV[],
): BV {
  return { op: 'fp', w, fop, fw, rm, nan, args };
}
