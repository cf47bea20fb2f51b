// Comparisons and minimum/maximum (IEEE 754-2008 5.11 and 5.3.1).
import type { NanPolicy } from '../expr.js';
import type { Format } from './format.js';
import { isNaNBits, isSignalling, nanOperandResult, quieten } from './nan.js';

export type CompareOp = 'feq' | 'flt' | 'fle' | 'funord';
export type MinMaxOp = 'fmin' | 'fmax' | 'fminnum' | 'fmaxnum';

/** A non-NaN value's place in numeric order, with -0 and +0 equal: sign and magnitude as a signed integer. */
function orderKey(bits: bigint, f: Format): bigint {
  const magnitude = bits & ~f.signBit;
  return (bits & f.signBit) !== 0n ? -magnitude : magnitude;
}

/**
 * feq, flt, fle: false when either operand is a NaN; funord: true then
 * (RISC-V feq/flt/fle, AArch64 FCMP's unordered result). -0 == +0.
 * Signalling and quiet comparisons differ only in exception flags, which
 * are not modelled.
 */
export function fcompare(op: CompareOp, a: bigint, b: bigint, f: Format): bigint {
  const unordered = isNaNBits(a, f) || isNaNBits(b, f);
  if (op === 'funord') return unordered ? 1n : 0n;
  if (unordered) return 0n;
  const ka = orderKey(a, f);
  const kb = orderKey(b, f);
  const holds = op === 'feq' ? ka === kb : op === 'flt' ? ka < kb : ka <= kb;
  return holds ? 1n : 0n;
}

/** The smaller (or larger) of two non-NaN values, with -0 < +0 (RISC-V fmin/fmax, AArch64 FPMin/FPMax). */
function pick(isMax: boolean, a: bigint, b: bigint, f: Format): bigint {
  const ka = orderKey(a, f);
  const kb = orderKey(b, f);
  if (ka === kb) {
    // Equal values differ at most in the sign of a zero: min takes -0, max takes +0.
    const aNeg = (a & f.signBit) !== 0n;
    return aNeg !== isMax ? a : b;
  }
  return ka < kb !== isMax ? a : b;
}

/** fmin/fmax: any NaN operand gives a NaN by the policy (AArch64 FMIN/FMAX). */
function minMax(isMax: boolean, a: bigint, b: bigint, f: Format, nan: NanPolicy): bigint {
  return nanOperandResult([a, b], f, nan) ?? pick(isMax, a, b, f);
}

/**
 * fminnum/fmaxnum (IEEE 754-2008 minNum/maxNum): a single NaN operand is
 * ignored, except that under `propagate` a signalling one gives itself made
 * quiet (AArch64 FMINNM/FMAXNM: only a quiet NaN is replaced by the
 * operation's identity, then FPMin's NaN processing runs). Under `default`
 * even a signalling NaN is ignored (RISC-V F 2.2+ fmin/fmax, which follow
 * minimumNumber). Two NaNs give a NaN by the policy.
 */
function minMaxNum(isMax: boolean, a: bigint, b: bigint, f: Format, nan: NanPolicy): bigint {
  const aNaN = isNaNBits(a, f);
  const bNaN = isNaNBits(b, f);
  if (aNaN && bNaN) return nanOperandResult([a, b], f, nan)!;
  if (!aNaN && !bNaN) return pick(isMax, a, b, f);
  const theNaN = aNaN ? a : b;
  const other = aNaN ? b : a;
  return nan === 'propagate' && isSignalling(theNaN, f) ? quieten(theNaN, f) : other;
}

export function fminmax(op: MinMaxOp, a: bigint, b: bigint, f: Format, nan: NanPolicy): bigint {
  switch (op) {
    case 'fmin': return minMax(false, a, b, f, nan);
    case 'fmax': return minMax(true, a, b, f, nan);
    case 'fminnum': return minMaxNum(false, a, b, f, nan);
    case 'fmaxnum': return minMaxNum(true, a, b, f, nan);
  }
}
