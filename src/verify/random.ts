// Deterministic pseudo-random numbers for test inputs (splitmix64), so every
// verdict and counterexample can be reproduced from its seed.
const M64 = (1n << 64n) - 1n;

export class Rng {
  private state: bigint;

  constructor(seed: number | bigint) {
    this.state = BigInt(seed) & M64;
  }

  next64(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & M64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Number(this.next64() % BigInt(n));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }
}

/** A byte of "unknown" memory: a fixed function of the seed and the address. */
export function backgroundByte(seed: number, addr: bigint): number {
  let z = (addr * 0x9e3779b97f4a7c15n + BigInt(seed) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 31n)) * 0x94d049bb133111ebn) & M64;
  return Number((z >> 24n) & 0xffn);
}

/** Values tests should try first: boundaries of each width, small numbers, powers of two. */
export function edgeValues(bits: number): bigint[] {
  const m = (1n << BigInt(bits)) - 1n;
  const min = 1n << BigInt(bits - 1);
  return [0n, 1n, 2n, 3n, 7n, m, m - 1n, min, min - 1n, min + 1n, 0x80n & m, 0xffn & m, 0x100n & m, 10n, 100n, (m - 9n) & m];
}
