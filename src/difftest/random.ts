// Deterministic randomness for difftests: a seeded generator (sfc32, small
// and fast, identical on every platform) and generators of edge-favouring
// integer and floating-point bit patterns shared by every target.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    // Hash the seed into four 32-bit words (a string seed lets each form
    // derive an independent stream from the run's seed and its own name).
    let h = 0x811c9dc5;
    const text = String(seed);
    const words: number[] = [];
    for (let k = 0; k < 4; k++) {
      for (let j = 0; j < text.length; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193) >>> 0;
      h = Math.imul(h ^ (k + 0x9e3779b9), 0x85ebca6b) >>> 0;
      words.push(h);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    for (let k = 0; k < 12; k++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform integer in 0 .. n-1. */
  int(n: number): number {
    return Math.floor((this.u32() / 0x100000000) * n);
  }

  /** A uniform integer in lo .. hi inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** w uniformly random bits, as an unsigned bigint. */
  bits(w: number): bigint {
    let r = 0n;
    for (let got = 0; got < w; got += 32) r = (r << 32n) | BigInt(this.u32());
    return r & ((1n << BigInt(w)) - 1n);
  }

  /** A fresh generator whose stream depends on this one and a label. */
  fork(label: string): Rng {
    return new Rng(`${this.u32()}:${label}`);
  }
}

const mask = (w: number) => (1n << BigInt(w)) - 1n;

/**
 * A w-bit integer pattern favouring edge values: 0, 1, -1, INT_MIN, INT_MAX,
 * powers of two and their neighbours, small numbers of either sign, the
 * 32-bit boundaries inside 64-bit values, sparse bit patterns; about a
 * third uniformly random.
 */
export function edgeInt(rng: Rng, w: number): bigint {
  const m = mask(w);
  const min = 1n << BigInt(w - 1);
  switch (rng.int(12)) {
    case 0:
      return rng.pick([0n, 1n, m, min, min - 1n, 2n, m - 1n]);
    case 1: {
      const p = 1n << BigInt(rng.int(w));
      return (p + BigInt(rng.range(-1, 1))) & m;
    }
    case 2:
      return BigInt(rng.range(-40, 40)) & m;
    case 3: {
      // 32-bit boundaries seen through 64-bit registers (sign extension bugs).
      const k = rng.pick([0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0xffffffff80000000n, 0xffffffff7fffffffn]);
      return (k + BigInt(rng.range(-1, 1))) & m;
    }
    case 4: {
      // A few set bits.
      let r = 0n;
      for (let k = rng.range(1, 3); k > 0; k--) r |= 1n << BigInt(rng.int(w));
      return rng.chance(0.5) ? r : ~r & m;
    }
    case 5:
      return (-(1n << BigInt(rng.int(w)))) & m;
    default:
      return rng.bits(w);
  }
}

/** Field widths of the IEEE binary formats. */
export function floatFormat(fw: 32 | 64): { exp: number; mant: number } {
  return fw === 32 ? { exp: 8, mant: 23 } : { exp: 11, mant: 52 };
}

/** Packs sign, biased exponent and fraction into a binary32/64 pattern. */
export function packFloat(fw: 32 | 64, sign: number, exp: bigint, frac: bigint): bigint {
  const { mant } = floatFormat(fw);
  return (BigInt(sign) << BigInt(fw - 1)) | (exp << BigInt(mant)) | (frac & mask(mant));
}

/**
 * A binary32/64 pattern favouring the values where implementations differ:
 * signed zeros, infinities, quiet and signalling NaNs with payloads, the
 * smallest and largest subnormals and normals, one and its neighbours,
 * halves (rounding ties), integers near conversion limits (2^31, 2^32,
 * 2^63, 2^64), and random numbers of moderate magnitude.
 */
export function edgeFloat(rng: Rng, fw: 32 | 64): bigint {
  const { exp, mant } = floatFormat(fw);
  const bias = (1n << BigInt(exp - 1)) - 1n;
  const maxExp = mask(exp);
  const s = rng.int(2);
  const fracBits = () => rng.bits(mant);
  switch (rng.int(14)) {
    case 0:
      return packFloat(fw, s, 0n, 0n); // ±0
    case 1:
      return packFloat(fw, s, maxExp, 0n); // ±inf
    case 2: {
      // Quiet NaN: canonical or with a payload.
      const payload = rng.chance(0.4) ? 0n : fracBits();
      return packFloat(fw, s, maxExp, (1n << BigInt(mant - 1)) | payload);
    }
    case 3: {
      // Signalling NaN: quiet bit clear, payload nonzero.
      const payload = fracBits() & mask(mant - 1);
      return packFloat(fw, s, maxExp, payload === 0n ? 1n : payload);
    }
    case 4:
      // Subnormals: the smallest, the largest, random.
      return packFloat(fw, s, 0n, rng.pick([1n, mask(mant), fracBits() || 1n]));
    case 5:
      // Normals at the extremes.
      return packFloat(fw, s, rng.pick([1n, maxExp - 1n]), rng.pick([0n, mask(mant), fracBits()]));
    case 6:
      // One and its neighbours; small integers.
      return packFloat(fw, s, bias + BigInt(rng.range(0, 3)), rng.pick([0n, 1n, mask(mant), fracBits() & ~mask(mant - 4)]));
    case 7: {
      // Halves: x.5 ties for rounding to integers, and values just around them.
      const e = BigInt(rng.range(-1, 10));
      const shift = BigInt(mant) - e - 1n;
      const frac = shift >= 0n ? ((fracBits() >> (shift + 1n)) << (shift + 1n)) | (1n << shift) : fracBits();
      return packFloat(fw, s, bias + e, frac + BigInt(rng.range(-1, 1)));
    }
    case 8: {
      // Integers near the conversion limits 2^31, 2^32, 2^63, 2^64.
      const e = BigInt(rng.pick([30, 31, 32, 62, 63, 64]));
      return packFloat(fw, s, bias + e, rng.pick([0n, mask(mant), 1n, fracBits()]));
    }
    case 9:
      // Exponents near the middle: ordinary arithmetic.
      return packFloat(fw, s, bias + BigInt(rng.range(-30, 30)), fracBits());
    case 10:
      // Products and sums that overflow or underflow.
      return packFloat(fw, s, rng.pick([maxExp - 1n - BigInt(rng.int(4)), BigInt(rng.range(1, 4)), bias + bias / 2n, bias / 2n]), fracBits());
    default:
      return rng.bits(fw);
  }
}
