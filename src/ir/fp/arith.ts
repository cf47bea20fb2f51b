// Arithmetic: fadd, fsub, fmul, fdiv, fsqrt, fma (IEEE 754-2008 5.4.1).
// Each computes its exact result with bigints (sums and products exactly;
// quotients and square roots with extra bits and a sticky bit) and rounds
// it once with roundToFormat. NaN operands are handled first, before any
// sign change, as AArch64 FPSub and the RISC-V spec both do.
import type { NanPolicy, RoundingMode } from '../expr.js';
import { bitLength, infBits, isZero, unpack, unpackNum, zeroBits, type Format, type Num, type Unpacked } from './format.js';
import { defaultNaN, isNaNBits, isSignalling, nanOperandResult } from './nan.js';
import { roundToFormat } from './round.js';

/** A finite operand of a sum: (-1)^neg * sig * 2^exp. */
interface Term {
  readonly neg: boolean;
  readonly sig: bigint;
  readonly exp: number;
}

/**
 * The exactly computed sum of two finite terms, rounded. An exact zero sum
 * keeps the terms' sign when they agree (-0 + -0 = -0); for opposite signs
 * it is +0, or -0 in rdn (IEEE 754-2008 6.3: x - x = +0 except rounding
 * toward negative). A nonzero sum rounding to zero (possible only in fma,
 * whose product may be below the smallest subnormal) keeps its own sign.
 */
function sumRounded(a: Term, b: Term, f: Format, rm: RoundingMode): bigint {
  const e = Math.min(a.exp, b.exp);
  const va = a.sig << BigInt(a.exp - e);
  const vb = b.sig << BigInt(b.exp - e);
  const s = (a.neg ? -va : va) + (b.neg ? -vb : vb);
  if (s === 0n) return zeroBits(a.neg === b.neg ? a.neg : rm === 'rdn', f);
  return roundToFormat(s < 0n, s < 0n ? -s : s, e, false, f, rm);
}

/** A sum in which at least one term is infinite: inf - inf is invalid. */
function infiniteSum(a: Num, b: Num, f: Format): bigint {
  if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return defaultNaN(f);
  return infBits(a.kind === 'inf' ? a.neg : b.neg, f);
}

function sumOf(a: Num, b: Num, f: Format, rm: RoundingMode): bigint {
  if (a.kind === 'inf' || b.kind === 'inf') return infiniteSum(a, b, f);
  return sumRounded(a, b, f, rm);
}

function negated(u: Num): Num {
  return { ...u, neg: !u.neg };
}

export function fadd(a: bigint, b: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  return nanOperandResult([a, b], f, nan) ?? sumOf(unpackNum(a, f), unpackNum(b, f), f, rm);
}

export function fsub(a: bigint, b: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  return nanOperandResult([a, b], f, nan) ?? sumOf(unpackNum(a, f), negated(unpackNum(b, f)), f, rm);
}

export function fmul(a: bigint, b: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  const n = nanOperandResult([a, b], f, nan);
  if (n !== undefined) return n;
  const x = unpackNum(a, f);
  const y = unpackNum(b, f);
  const neg = x.neg !== y.neg;
  if (x.kind === 'inf' || y.kind === 'inf') return isZero(x) || isZero(y) ? defaultNaN(f) : infBits(neg, f);
  return roundToFormat(neg, x.sig * y.sig, x.exp + y.exp, false, f, rm);
}

/** Quotient of finite nonzero values: enough quotient bits (precision + 3) and a sticky remainder. */
function quotient(neg: boolean, x: Term, y: Term, f: Format, rm: RoundingMode): bigint {
  const shift = Math.max(0, f.fracBits + 4 - bitLength(x.sig) + bitLength(y.sig));
  const num = x.sig << BigInt(shift);
  const q = num / y.sig;
  return roundToFormat(neg, q, x.exp - y.exp - shift, q * y.sig !== num, f, rm);
}

export function fdiv(a: bigint, b: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  const n = nanOperandResult([a, b], f, nan);
  if (n !== undefined) return n;
  const x = unpackNum(a, f);
  const y = unpackNum(b, f);
  const neg = x.neg !== y.neg;
  if (x.kind === 'inf') return y.kind === 'inf' ? defaultNaN(f) : infBits(neg, f);
  if (y.kind === 'inf') return zeroBits(neg, f);
  if (isZero(y)) return isZero(x) ? defaultNaN(f) : infBits(neg, f); // 0/0 invalid; x/0 divide-by-zero
  if (isZero(x)) return zeroBits(neg, f);
  return quotient(neg, x, y, f, rm);
}

/** floor(sqrt(n)) by Newton's iteration from above. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Square root of a finite positive value: an even exponent, precision + 3 root bits and a sticky bit. */
function root(x: Term, f: Format, rm: RoundingMode): bigint {
  let shift = Math.max(0, 2 * (f.fracBits + 4) - bitLength(x.sig));
  if ((x.exp - shift) % 2 !== 0) shift += 1;
  const scaled = x.sig << BigInt(shift);
  const r = isqrt(scaled);
  return roundToFormat(false, r, (x.exp - shift) / 2, r * r !== scaled, f, rm);
}

export function fsqrt(a: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  const n = nanOperandResult([a], f, nan);
  if (n !== undefined) return n;
  const x = unpackNum(a, f);
  if (isZero(x)) return a; // sqrt(-0) = -0 (IEEE 754-2008 5.4.1)
  if (x.neg) return defaultNaN(f); // negative nonzero, -inf included: invalid
  if (x.kind === 'inf') return a;
  return root(x, f, rm);
}

/**
 * fma(addend, x, y) = addend + x*y with a single rounding: the product and
 * the sum are both exact before roundToFormat.
 *
 * NaNs: the policy over [addend, x, y] (AArch64 FPProcessNaNs3(addend, op1,
 * op2); RISC-V: always canonical), as the NanPolicy comment says, with
 * AArch64 FPMulAdd's exception: a quiet NaN addend with x*y = inf * 0 gives
 * the default NaN (the invalid product wins), under `propagate` too.
 */
function isInfTimesZero(x: Unpacked, y: Unpacked): boolean {
  return (x.kind === 'inf' && isZero(y)) || (isZero(x) && y.kind === 'inf');
}

export function fma(c: bigint, a: bigint, b: bigint, f: Format, rm: RoundingMode, nan: NanPolicy): bigint {
  if (isNaNBits(c, f) && !isSignalling(c, f) && isInfTimesZero(unpack(a, f), unpack(b, f))) return defaultNaN(f);
  const n = nanOperandResult([c, a, b], f, nan);
  if (n !== undefined) return n;
  const addend = unpackNum(c, f);
  const x = unpackNum(a, f);
  const y = unpackNum(b, f);
  const neg = x.neg !== y.neg;
  if (x.kind === 'inf' || y.kind === 'inf') {
    if (isZero(x) || isZero(y)) return defaultNaN(f);
    return infiniteSum(addend, { kind: 'inf', neg }, f);
  }
  if (addend.kind === 'inf') return c;
  return sumRounded(addend, { neg, sig: x.sig * y.sig, exp: x.exp + y.exp }, f, rm);
}
