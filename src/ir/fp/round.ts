// The one rounding routine: every operation computes its exact result (or
// enough bits of it plus a sticky bit) and hands it to roundToFormat.
//
// IEEE 754-2008 section 4.3: roundTiesToEven (rne), roundTowardZero (rtz),
// roundTowardNegative (rdn), roundTowardPositive (rup) and
// roundTiesToAway (rmm). RISC-V's rm field uses these five names; AArch64's
// FPCR.RMode gives the first four, and FCVTAS/FRINTA etc. use ties-away.
// Rounding happens after the exact result is computed with an unbounded
// exponent, so subnormal results are rounded once, at their own precision
// (there is no flush-to-zero: RISC-V has none, AArch64 FPCR.FZ is assumed 0).
import type { RoundingMode } from '../expr.js';
import { bitLength, infBits, maxFiniteBits, signBits, zeroBits, type Format } from './format.js';

/**
 * Whether a magnitude with integer part `kept` and a discarded fraction is
 * rounded up to kept + 1. `half` compares the discarded fraction with 1/2
 * (-1 below, 0 equal, 1 above); `inexact` says whether it is nonzero.
 */
function roundsUp(rm: RoundingMode, neg: boolean, keptOdd: boolean, inexact: boolean, half: number): boolean {
  if (!inexact) return false;
  switch (rm) {
    case 'rne': return half > 0 || (half === 0 && keptOdd);
    case 'rmm': return half >= 0;
    case 'rtz': return false;
    case 'rup': return !neg;
    case 'rdn': return neg;
  }
}

/**
 * The magnitude sig / 2^shift rounded to an integer by rm (the sign `neg`
 * matters only for rup and rdn). `sticky` says the exact magnitude is
 * strictly above sig / 2^shift, by less than 2^-shift; it needs shift >= 1.
 */
export function roundShift(sig: bigint, shift: number, sticky: boolean, neg: boolean, rm: RoundingMode): bigint {
  if (shift <= 0) {
    if (sticky) throw new Error('internal: inexact value with too few bits to round');
    return sig << BigInt(-shift);
  }
  const s = BigInt(shift);
  const kept = sig >> s;
  const rest = sig & ((1n << s) - 1n);
  const halfway = 1n << (s - 1n);
  // A sticky remainder below the last bit only matters when `rest` is exactly one half.
  const half = rest > halfway ? 1 : rest < halfway ? -1 : sticky ? 1 : 0;
  const inexact = rest !== 0n || sticky;
  return roundsUp(rm, neg, (kept & 1n) === 1n, inexact, half) ? kept + 1n : kept;
}

/**
 * The result of an overflow (IEEE 754-2008 7.4): infinity when rounding to
 * nearest or away from zero in the result's direction, otherwise the
 * largest finite number of that sign.
 */
export function overflowBits(neg: boolean, f: Format, rm: RoundingMode): bigint {
  const toInfinity = rm === 'rne' || rm === 'rmm' || (rm === 'rup' && !neg) || (rm === 'rdn' && neg);
  return toInfinity ? infBits(neg, f) : maxFiniteBits(neg, f);
}

/** Encodes the rounded magnitude kept * 2^q, where q is the exponent of the format's last place there. */
function encode(neg: boolean, kept: bigint, q: number, f: Format, rm: RoundingMode): bigint {
  if (kept === f.hidden << 1n) {
    // Rounding carried into a new leading bit (1.11..1 -> 10.00..0).
    kept >>= 1n;
    q += 1;
  }
  if (kept === 0n) return zeroBits(neg, f);
  if (kept < f.hidden) return signBits(neg, f) | kept; // subnormal (q is minExp)
  const biased = q + f.fracBits + f.bias;
  if (biased >= f.maxBiased) return overflowBits(neg, f, rm);
  return signBits(neg, f) | (BigInt(biased) << BigInt(f.fracBits)) | (kept - f.hidden);
}

/**
 * Rounds the value (-1)^neg * (sig + t) * 2^exp to the format by rm, where
 * t = 0 when `sticky` is false and 0 < t < 1 otherwise. A zero value gives
 * a zero of sign `neg` (callers choose the sign of exact zero results).
 * An inexact value must carry at least two more bits than the format keeps.
 */
export function roundToFormat(neg: boolean, sig: bigint, exp: number, sticky: boolean, f: Format, rm: RoundingMode): bigint {
  if (sig === 0n) {
    if (sticky) throw new Error('internal: inexact value with no significant bits');
    return zeroBits(neg, f);
  }
  const lead = exp + bitLength(sig) - 1;
  // Exponent of the last kept place: precision fracBits+1 for normal results,
  // fixed at minExp for subnormal ones.
  const q = Math.max(lead - f.fracBits, f.minExp);
  return encode(neg, roundShift(sig, q - exp, sticky, neg, rm), q, f, rm);
}
