// Conversions between formats and to and from integers, and rounding to an
// integral value in the same format.
import { mask, toSigned, type NanPolicy, type RoundingMode } from '../expr.js';
import { infBits, isZero, unpackNum, type Format } from './format.js';
import { convertedNaN, isNaNBits, nanOperandResult } from './nan.js';
import { roundShift, roundToFormat } from './round.js';

/**
 * fcvt_f: binary32 <-> binary64 (IEEE 754-2008 5.4.2 convertFormat).
 * Widening is exact; narrowing rounds by rm (overflow and subnormals as in
 * every operation). NaNs: canonical under `default` (RISC-V fcvt.s.d and
 * fcvt.d.s), payload-preserving under `propagate` (AArch64 FCVT).
 */
export function fcvtFloat(a: bigint, from: Format, to: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  if (isNaNBits(a, from)) return convertedNaN(a, from, to, nan);
  const u = unpackNum(a, from);
  if (u.kind === 'inf') return infBits(u.neg, to);
  return roundToFormat(u.neg, u.sig, u.exp, false, to, rm);
}

/** The magnitude of a finite value rounded to an integer by rm. */
function integerMagnitude(neg: boolean, sig: bigint, exp: number, rm: RoundingMode): bigint {
  return exp >= 0 ? sig << BigInt(exp) : roundShift(sig, -exp, false, neg, rm);
}

/**
 * fcvt_si/fcvt_ui: a float to a w-bit integer, rounded by rm, then
 * saturated to [min, max] of the integer type: +inf and too-large values
 * give max, -inf and too-small ones give min (0 when unsigned, so negative
 * values rounding to a nonzero integer give 0 while those rounding to zero
 * give 0 anyway). RISC-V fcvt.w[u]/fcvt.l[u] and AArch64 FCVT[ZNPMA][SU]
 * (FPToFixed + SatQ) agree on all of this. A NaN gives max under `default`
 * (RISC-V: 2^(w-1)-1 or 2^w-1) and 0 under `propagate` (AArch64 FPToFixed).
 */
export function fcvtToInt(a: bigint, f: Format, w: number, signed: boolean, rm: RoundingMode, nan: NanPolicy): bigint {
  const min = signed ? -(1n << BigInt(w - 1)) : 0n;
  const max = signed ? (1n << BigInt(w - 1)) - 1n : mask(w);
  if (isNaNBits(a, f)) return nan === 'default' ? max : 0n;
  const u = unpackNum(a, f);
  let v: bigint;
  if (u.kind === 'inf') v = u.neg ? min : max;
  else {
    const m = integerMagnitude(u.neg, u.sig, u.exp, rm);
    v = u.neg ? -m : m;
  }
  if (v < min) v = min;
  if (v > max) v = max;
  return v & mask(w);
}

/**
 * fcvt_from_si/fcvt_from_ui: an fw-bit integer to a float, rounded by rm
 * (IEEE 754-2008 5.4.1 convertFromInt). Zero gives +0 in every mode
 * (RISC-V fcvt.s.w, AArch64 SCVTF/UCVTF).
 */
export function fcvtFromInt(n: bigint, fw: number, signed: boolean, to: Format, rm: RoundingMode): bigint {
  const bits = n & mask(fw);
  const v = signed ? toSigned(bits, fw) : bits;
  const neg = v < 0n;
  return roundToFormat(neg, neg ? -v : v, 0, false, to, rm);
}

/**
 * fround: the value rounded to an integral value in the same format by rm
 * (IEEE 754-2008 5.3.1 roundToIntegral; AArch64 FRINT[NZPMAXI], RISC-V Zfa
 * fround/froundnx). Infinities, zeros and values already integral are
 * returned unchanged; a value rounding to zero keeps its sign (-0.3 -> -0).
 * NaNs by the policy (AArch64 FPProcessNaN; RISC-V canonical NaN).
 */
export function fround(a: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  const n = nanOperandResult([a], f, nan);
  if (n !== undefined) return n;
  const u = unpackNum(a, f);
  if (u.kind === 'inf' || isZero(u) || u.exp >= 0) return a;
  return roundToFormat(u.neg, integerMagnitude(u.neg, u.sig, u.exp, rm), 0, false, f, rm);
}
