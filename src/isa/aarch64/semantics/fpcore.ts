// Floating-point building blocks shared by the scalar FP and the vector
// semantics. AArch64 arithmetic is expressed with IR `fp` nodes under the
// NaN policy `propagate` (FPCR.DN = 0) and rounding to nearest even: the
// Linux default FPCR (RNE, DN = 0, FZ = 0, AH = 0) is assumed throughout;
// instructions that fix their own rounding (fcvtzs, frintm, ...) say so.
// Exception flags (FPSR) are not produced: `mrs fpsr` has no semantics.
import { and, c, eq, extract, fp, ite, ne, not, or, xor } from '../../../ir/build.js';
import type { BV, FpOp, RoundingMode } from '../../../ir/expr.js';

export const RNE: RoundingMode = 'rne';

export function fpOp(fop: FpOp, fw: number, args: BV[], rm: RoundingMode = RNE, w = fw): BV {
  return fp(fop, w, fw, rm, 'propagate', args);
}

function expMask(fw: number): bigint {
  return fw === 64 ? 0x7ff0000000000000n : fw === 32 ? 0x7f800000n : 0x7c00n;
}
function fracMask(fw: number): bigint {
  return fw === 64 ? 0xfffffffffffffn : fw === 32 ? 0x7fffffn : 0x3ffn;
}
function quietBit(fw: number): bigint {
  return fw === 64 ? 1n << 51n : fw === 32 ? 1n << 22n : 1n << 9n;
}

export function signBit(x: BV): BV {
  return extract(x.w - 1, x.w - 1, x);
}

/** FPNeg: flips the sign bit, NaNs included (no NaN processing). */
export function fneg(x: BV): BV {
  return xor(x, c(x.w, 1n << BigInt(x.w - 1)));
}

/** FPAbs: clears the sign bit, NaNs included. */
export function fabs(x: BV): BV {
  return and(x, c(x.w, ~(1n << BigInt(x.w - 1))));
}

export function isNaN(x: BV): BV {
  const fw = x.w;
  return and(eq(and(x, c(fw, expMask(fw))), c(fw, expMask(fw))), ne(and(x, c(fw, fracMask(fw))), c(fw, 0)));
}

export function isQuietNaN(x: BV): BV {
  return and(isNaN(x), ne(and(x, c(x.w, quietBit(x.w))), c(x.w, 0)));
}

export function isInf(x: BV): BV {
  return eq(fabs(x), c(x.w, expMask(x.w)));
}

export function isZeroF(x: BV): BV {
  return eq(fabs(x), c(x.w, 0));
}

export function defaultNaN(fw: number): BV {
  return c(fw, expMask(fw) | quietBit(fw));
}

/**
 * FPMulAdd(addend, op1, op2): addend + op1*op2, one rounding. Arm's one
 * departure from plain NaN propagation: a quiet-NaN addend with
 * op1*op2 = 0*inf gives the default NaN (the invalid product wins), where
 * propagation alone would return the addend.
 */
export function fmulAdd(addend: BV, op1: BV, op2: BV): BV {
  const r = fpOp('fma', addend.w, [addend, op1, op2]);
  const infZero = or(and(isInf(op1), isZeroF(op2)), and(isZeroF(op1), isInf(op2)));
  return ite(and(isQuietNaN(addend), infZero), defaultNaN(addend.w), r);
}

/**
 * NZCV of FPCompare: equal 0110, less 1000, greater 0010, unordered 0011.
 * N = a < b, Z = a == b, C = not (a < b) (true for unordered), V = unordered.
 */
export function compareFlags(a: BV, b: BV): { n: BV; z: BV; c: BV; v: BV } {
  const lt = fpOp('flt', a.w, [a, b], RNE, 1);
  return { n: lt, z: fpOp('feq', a.w, [a, b], RNE, 1), c: not(lt), v: fpOp('funord', a.w, [a, b], RNE, 1) };
}

/** Decodes an 8-bit FP immediate's value check: n/16 * 2^r with n in 16..31 and r in -3..4, or +0. */
export function isFpImm8(value: number): boolean {
  if (value === 0 && !Object.is(value, -0)) return true;
  const a = Math.abs(value);
  for (let r = -3; r <= 4; r++) {
    const n = (a / 2 ** r) * 16;
    if (Number.isInteger(n) && n >= 16 && n <= 31) return true;
  }
  return false;
}

/** The bit pattern of a double as a binary32 or binary64 value (exact for FP immediates). */
export function floatBits(value: number, fw: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  if (fw === 64) {
    view.setFloat64(0, value);
    return view.getBigUint64(0);
  }
  if (fw === 32) {
    view.setFloat32(0, value);
    return BigInt(view.getUint32(0));
  }
  throw new Error(`no ${fw}-bit float immediate`);
}

/** The value of a binary32/binary64 bit pattern. */
export function bitsValue(bits: bigint, fw: number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (fw === 64) {
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  }
  view.setUint32(0, Number(bits));
  return view.getFloat32(0);
}
