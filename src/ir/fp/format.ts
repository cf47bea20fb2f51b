// IEEE 754 interchange formats (binary32, binary64): their parameters, and
// the decoding of a bit pattern into an exact value sig * 2^exp.
//
// Everything here works on bigint bit patterns; no JS double is ever used,
// so the results are independent of the host's floating point.

/** A floating-point operation the concrete semantics cannot evaluate (an unsupported format). */
export class FpNotImplemented extends Error {}

export interface Format {
  /** Total width in bits (32 or 64). */
  readonly width: number;
  /** Stored fraction bits: the precision minus the hidden bit (23 or 52). */
  readonly fracBits: number;
  readonly bias: number;
  /** Biased exponent of infinities and NaNs (all ones). */
  readonly maxBiased: number;
  /** Exponent of the last place of every subnormal and of the smallest normals: 1 - bias - fracBits. */
  readonly minExp: number;
  readonly signBit: bigint;
  readonly fracMask: bigint;
  /** 1 << fracBits: the hidden leading bit of a normal number's significand. */
  readonly hidden: bigint;
  /** The most significant fraction bit: set in quiet NaNs, clear in signalling ones (IEEE 754-2008 6.2.1). */
  readonly quietBit: bigint;
  /** Bits of +infinity: the exponent field all ones, fraction zero. */
  readonly infBits: bigint;
}

function makeFormat(width: number, expBits: number): Format {
  const fracBits = width - 1 - expBits;
  const bias = 2 ** (expBits - 1) - 1;
  const maxBiased = 2 ** expBits - 1;
  return {
    width,
    fracBits,
    bias,
    maxBiased,
    minExp: 1 - bias - fracBits,
    signBit: 1n << BigInt(width - 1),
    fracMask: (1n << BigInt(fracBits)) - 1n,
    hidden: 1n << BigInt(fracBits),
    quietBit: 1n << BigInt(fracBits - 1),
    infBits: BigInt(maxBiased) << BigInt(fracBits),
  };
}

export const BINARY32: Format = makeFormat(32, 8);
export const BINARY64: Format = makeFormat(64, 11);

/** The format of a width; other widths (binary16, x87 extended) are not supported. */
export function formatOf(width: number): Format {
  if (width === 32) return BINARY32;
  if (width === 64) return BINARY64;
  throw new FpNotImplemented(`no ${width}-bit floating-point format (binary32 and binary64 only)`);
}

/**
 * A decoded bit pattern. Finite values (zeros included, sig = 0) are
 * exactly (-1)^neg * sig * 2^exp, with sig < 2^(fracBits+1).
 */
export type Unpacked =
  | { readonly kind: 'nan'; readonly neg: boolean }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'finite'; readonly neg: boolean; readonly sig: bigint; readonly exp: number };

/** A decoded value that is not a NaN. */
export type Num = Exclude<Unpacked, { kind: 'nan' }>;

export function unpack(bits: bigint, f: Format): Unpacked {
  const neg = (bits & f.signBit) !== 0n;
  const biased = Number((bits >> BigInt(f.fracBits)) & BigInt(f.maxBiased));
  const frac = bits & f.fracMask;
  if (biased === f.maxBiased) return frac === 0n ? { kind: 'inf', neg } : { kind: 'nan', neg };
  if (biased === 0) return { kind: 'finite', neg, sig: frac, exp: f.minExp };
  return { kind: 'finite', neg, sig: frac | f.hidden, exp: biased - f.bias - f.fracBits };
}

/** Decodes an operand already known not to be a NaN (NaN operands are handled first by every operation). */
export function unpackNum(bits: bigint, f: Format): Num {
  const u = unpack(bits, f);
  if (u.kind === 'nan') throw new Error('internal: NaN operand reached numeric evaluation');
  return u;
}

export function isZero(u: Unpacked): boolean {
  return u.kind === 'finite' && u.sig === 0n;
}

export function signBits(neg: boolean, f: Format): bigint {
  return neg ? f.signBit : 0n;
}

export function zeroBits(neg: boolean, f: Format): bigint {
  return signBits(neg, f);
}

export function infBits(neg: boolean, f: Format): bigint {
  return signBits(neg, f) | f.infBits;
}

/** The largest finite magnitude with the given sign. */
export function maxFiniteBits(neg: boolean, f: Format): bigint {
  return signBits(neg, f) | (f.infBits - 1n);
}

/** Number of bits of a non-negative bigint (0 for 0). */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}
