// NaN results, by the node's NanPolicy (see NanPolicy in src/ir/expr.ts).
//
// `default`: every NaN result is the canonical quiet NaN, sign clear and
// only the quiet bit set in the fraction (RISC-V unprivileged spec,
// "NaN Generation and Propagation": 0x7fc00000 / 0x7ff8000000000000; the
// same value as AArch64 FPDefaultNaN, used when FPCR.DN = 1).
// `propagate`: AArch64 FPProcessNaNs / FPProcessNaNs3 with FPCR.DN = 0: the
// first signalling NaN operand made quiet, else the first quiet NaN operand;
// an invalid operation on non-NaN operands gives the default NaN.
import type { NanPolicy } from '../expr.js';
import type { Format } from './format.js';

export function isNaNBits(bits: bigint, f: Format): boolean {
  return (bits & ~f.signBit) > f.infBits;
}

export function isSignalling(bits: bigint, f: Format): boolean {
  return isNaNBits(bits, f) && (bits & f.quietBit) === 0n;
}

/** A signalling NaN made quiet: the quiet bit set, sign and payload kept (AArch64 FPProcessNaN). */
export function quieten(bits: bigint, f: Format): bigint {
  return bits | f.quietBit;
}

export function defaultNaN(f: Format): bigint {
  return f.infBits | f.quietBit;
}

/**
 * The result of an operation whose operands, in argument order, include a
 * NaN; undefined when none is a NaN (the operation then computes normally).
 */
export function nanOperandResult(operands: readonly bigint[], f: Format, policy: NanPolicy): bigint | undefined {
  if (!operands.some((x) => isNaNBits(x, f))) return undefined;
  if (policy === 'default') return defaultNaN(f);
  const signalling = operands.find((x) => isSignalling(x, f));
  if (signalling !== undefined) return quieten(signalling, f);
  return operands.find((x) => isNaNBits(x, f));
}

/**
 * A NaN converted to another format under `propagate` (AArch64
 * FPConvertNaN): the sign kept, the result quiet, and the payload (the
 * fraction bits below the quiet bit) aligned at the top, so narrowing keeps
 * its most significant bits and widening appends zeros.
 */
export function convertNaN(bits: bigint, from: Format, to: Format): bigint {
  const payload = bits & (from.quietBit - 1n);
  const shift = to.fracBits - from.fracBits;
  const moved = shift >= 0 ? payload << BigInt(shift) : payload >> BigInt(-shift);
  const neg = (bits & from.signBit) !== 0n;
  return (neg ? to.signBit : 0n) | defaultNaN(to) | moved;
}

/** The NaN result of converting a NaN between formats, by the policy. */
export function convertedNaN(bits: bigint, from: Format, to: Format, policy: NanPolicy): bigint {
  return policy === 'default' ? defaultNaN(to) : convertNaN(bits, from, to);
}
