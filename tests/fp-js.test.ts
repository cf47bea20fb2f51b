// Floating-point semantics against JS as an oracle where JS is exact:
// binary64 + - * / sqrt round to nearest even, so do binary32 ones computed
// in binary64 and rounded by Math.fround (binary64 has more than 2p+2 bits
// of binary32, so the double rounding is innocuous); conversions where JS
// rounds correctly. NaN results are checked against the NaN policy, never
// against the payload JS happens to produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { c, fp } from '../src/ir/build.js';
import type { FpOp, NanPolicy, RoundingMode } from '../src/ir/expr.js';
import { evalFp } from '../src/ir/fp.js';

type Width = 32 | 64;
const RUNS = 5000;
const RMS: RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
const POLICIES: NanPolicy[] = ['default', 'propagate'];

// ---- bit patterns <-> JS numbers ----------------------------------------

const view = new DataView(new ArrayBuffer(8));
function toNumber(bits: bigint, w: Width): number {
  if (w === 64) {
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  }
  view.setUint32(0, Number(bits));
  return view.getFloat32(0);
}
/** The bits of a JS number (rounded to nearest-even binary32 first when w = 32). */
function toBits(x: number, w: Width): bigint {
  if (w === 64) {
    view.setFloat64(0, x);
    return view.getBigUint64(0);
  }
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}

// ---- format facts, restated independently for the tests ------------------

const FRAC = { 32: 23n, 64: 52n } as const;
const signOf = (w: Width) => 1n << BigInt(w - 1);
const infOf = (w: Width) => (w === 32 ? 0x7f800000n : 0x7ff0000000000000n);
const quietOf = (w: Width) => 1n << (FRAC[w] - 1n);
const canonical = (w: Width) => (w === 32 ? 0x7fc00000n : 0x7ff8000000000000n);
const isNaNb = (x: bigint, w: Width) => (x & (signOf(w) - 1n)) > infOf(w);
const isSNaN = (x: bigint, w: Width) => isNaNb(x, w) && (x & quietOf(w)) === 0n;

/** The NaN an operation must return, per the NanPolicy comment in expr.ts. */
function policyNaN(operands: bigint[], w: Width, policy: NanPolicy): bigint {
  if (policy === 'default') return canonical(w);
  const s = operands.find((x) => isSNaN(x, w));
  if (s !== undefined) return s | quietOf(w);
  return operands.find((x) => isNaNb(x, w)) ?? canonical(w);
}

function run(fop: FpOp, w: number, fw: number, rm: RoundingMode, nan: NanPolicy, args: bigint[]): bigint {
  return evalFp(fp(fop, w, fw, rm, nan, args.map((a) => c(fw, a))) as never, args);
}

// ---- generators: edge values often, random bit patterns too --------------

function edgeValues(w: Width): bigint[] {
  const S = signOf(w);
  const inf = infOf(w);
  const q = quietOf(w);
  const hidden = 1n << FRAC[w];
  const base = [
    0n, 1n, 2n, 3n, hidden - 1n, hidden, hidden + 1n, // zero, subnormals, min normal
    inf - 1n, inf - 2n, inf, // max finite, infinity
    toBits(1, w), toBits(1.5, w), toBits(2, w), toBits(3, w), toBits(0.1, w), toBits(1 / 3, w),
    toBits(1, w) - 1n, toBits(1, w) + 1n, toBits(2 ** 24, w), toBits(2 ** 53, w), toBits(2 ** 31, w),
    inf | q, inf | q | 0x1234n, inf | 1n, inf | (q >> 1n) | 5n, // quiet and signalling NaNs with payloads
  ];
  return [...base, ...base.map((x) => x | S)];
}

/** Sign, exponent and fraction chosen to hit boundaries: subnormals, binade edges, short significands (ties). */
function structured(w: Width): fc.Arbitrary<bigint> {
  const fb = FRAC[w];
  const maxE = w === 32 ? 255 : 2047;
  const bias = w === 32 ? 127 : 1023;
  const exps = fc.oneof(
    fc.constantFrom(0, 1, 2, maxE - 1, maxE - 2, bias, bias - 1, bias + 1),
    fc.integer({ min: bias - 40, max: bias + 40 }),
    fc.integer({ min: 0, max: maxE }),
  );
  const fracs = fc.oneof(
    fc.constantFrom(0n, 1n, (1n << fb) - 1n, 1n << (fb - 1n), (1n << (fb - 1n)) + 1n),
    fc.bigInt({ min: 0n, max: (1n << fb) - 1n }),
    fc.tuple(fc.integer({ min: 1, max: Number(fb) }), fc.bigInt({ min: 0n, max: (1n << fb) - 1n }))
      .map(([k, r]) => (r >> BigInt(k)) << BigInt(k)), // few significant bits: exact results and ties
  );
  return fc.tuple(fc.boolean(), exps, fracs).map(([s, e, f]) => (s ? signOf(w) : 0n) | (BigInt(e) << fb) | f);
}

function floatBits(w: Width): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...edgeValues(w)) },
    { weight: 4, arbitrary: structured(w) },
    { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: (1n << BigInt(w)) - 1n }) },
  );
}

/** Pairs where the second is near the first (cancellation, close exponents), often. */
function floatPair(w: Width): fc.Arbitrary<[bigint, bigint]> {
  const mask = (1n << BigInt(w)) - 1n;
  const near = fc
    .tuple(floatBits(w), fc.bigInt({ min: -(1n << 30n), max: 1n << 30n }), fc.boolean())
    .map(([a, d, flip]): [bigint, bigint] => [a, ((a + d) & mask) ^ (flip ? signOf(w) : 0n)]);
  return fc.oneof(fc.tuple(floatBits(w), floatBits(w)), near);
}

// ---- the properties -------------------------------------------------------

function expectBits(actual: bigint, expected: bigint, w: Width, what: string): void {
  if (actual !== expected) {
    expect.fail(`${what}: got 0x${actual.toString(16).padStart(w / 4, '0')}, want 0x${expected.toString(16).padStart(w / 4, '0')}`);
  }
}

/** The JS result's bits, or the policy's NaN when JS gives a NaN. */
function oracleBits(x: number, operands: bigint[], w: Width, nan: NanPolicy): bigint {
  return Number.isNaN(x) ? policyNaN(operands, w, nan) : toBits(x, w);
}

const JS_BINARY: Record<'fadd' | 'fsub' | 'fmul' | 'fdiv', (a: number, b: number) => number> = {
  fadd: (a, b) => a + b,
  fsub: (a, b) => a - b,
  fmul: (a, b) => a * b,
  fdiv: (a, b) => a / b,
};

describe.each([64, 32] as Width[])('binary%i round-to-nearest-even arithmetic equals JS', (w) => {
  for (const fop of Object.keys(JS_BINARY) as (keyof typeof JS_BINARY)[]) {
    it(fop, () => {
      fc.assert(
        fc.property(floatPair(w), fc.constantFrom(...POLICIES), ([a, b], nan) => {
          const want = oracleBits(JS_BINARY[fop](toNumber(a, w), toNumber(b, w)), [a, b], w, nan);
          expectBits(run(fop, w, w, 'rne', nan, [a, b]), want, w, `${fop}(0x${a.toString(16)}, 0x${b.toString(16)}) ${nan}`);
        }),
        { numRuns: RUNS },
      );
    });
  }
  it('fsqrt', () => {
    fc.assert(
      fc.property(floatBits(w), fc.constantFrom(...POLICIES), (a, nan) => {
        const want = oracleBits(Math.sqrt(toNumber(a, w)), [a], w, nan);
        expectBits(run('fsqrt', w, w, 'rne', nan, [a]), want, w, `fsqrt(0x${a.toString(16)}) ${nan}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('binary64 fma against JS when the product is exact in a double', () => {
  // x and y with at most 26 significant bits and moderate exponents: x*y is
  // exact in binary64 (its last place stays at or above 2^-1000, its value
  // below 2^1012), so JS's x*y + c is the single rounding of fma.
  const short = fc
    .tuple(fc.integer({ min: -(2 ** 26) + 1, max: 2 ** 26 - 1 }), fc.integer({ min: -500, max: 480 }))
    .map(([m, e]) => toBits(m * 2 ** e, 64));
  it('matches x*y + c in rne', () => {
    fc.assert(
      fc.property(floatBits(64), short, short, fc.constantFrom(...POLICIES), (cc, x, y, nan) => {
        const want = oracleBits(toNumber(x, 64) * toNumber(y, 64) + toNumber(cc, 64), [cc, x, y], 64, nan);
        expectBits(run('fma', 64, 64, 'rne', nan, [cc, x, y]), want, 64, `fma(0x${cc.toString(16)}, 0x${x.toString(16)}, 0x${y.toString(16)})`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each([64, 32] as Width[])('binary%i identities in every rounding mode', (w) => {
  const one = toBits(1, w);
  it('fsub(a, b) = fadd(a, -b) for non-NaN b', () => {
    fc.assert(
      fc.property(floatPair(w), fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), ([a, b], rm, nan) => {
        fc.pre(!isNaNb(b, w));
        expectBits(run('fsub', w, w, rm, nan, [a, b]), run('fadd', w, w, rm, nan, [a, b ^ signOf(w)]), w, 'fsub');
      }),
      { numRuns: RUNS / 2 },
    );
  });
  it('fma(c, x, 1) = fadd(c, x) and fma(-0, x, y) = fmul(x, y) for nonzero x, y', () => {
    fc.assert(
      fc.property(floatPair(w), floatBits(w), fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), ([a, b], y, rm, nan) => {
        expectBits(run('fma', w, w, rm, nan, [a, b, one]), run('fadd', w, w, rm, nan, [a, b]), w, 'fma(c, x, 1)');
        const isZero = (x: bigint) => (x & (signOf(w) - 1n)) === 0n;
        if (isZero(b) || isZero(y)) return;
        expectBits(run('fma', w, w, rm, nan, [signOf(w), b, y]), run('fmul', w, w, rm, nan, [b, y]), w, 'fma(-0, x, y)');
      }),
      { numRuns: RUNS / 2 },
    );
  });
  it('results with an infinite or NaN operand do not depend on the rounding mode', () => {
    const special = fc.constantFrom(...edgeValues(w).filter((x) => (x & (signOf(w) - 1n)) >= infOf(w)));
    fc.assert(
      fc.property(special, floatBits(w), floatBits(w), fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), (s, a, b, rm, nan) => {
        for (const fop of ['fadd', 'fsub', 'fmul', 'fdiv'] as FpOp[]) {
          for (const args of [[s, a], [a, s]]) {
            expectBits(run(fop, w, w, rm, nan, args), run(fop, w, w, 'rne', nan, args), w, fop);
          }
        }
        for (const args of [[s, a, b], [a, s, b], [a, b, s]]) {
          expectBits(run('fma', w, w, rm, nan, args), run('fma', w, w, 'rne', nan, args), w, 'fma');
        }
      }),
      { numRuns: RUNS / 4 },
    );
  });
});

describe.each([64, 32] as Width[])('binary%i comparisons and min/max equal JS', (w) => {
  it('feq, flt, fle, funord', () => {
    fc.assert(
      fc.property(floatPair(w), ([a, b]) => {
        const x = toNumber(a, w);
        const y = toNumber(b, w);
        const bit = (t: boolean) => (t ? 1n : 0n);
        expect(run('feq', 1, w, 'rne', 'default', [a, b])).toBe(bit(x === y));
        expect(run('flt', 1, w, 'rne', 'default', [a, b])).toBe(bit(x < y));
        expect(run('fle', 1, w, 'rne', 'default', [a, b])).toBe(bit(x <= y));
        expect(run('funord', 1, w, 'rne', 'propagate', [a, b])).toBe(bit(Number.isNaN(x) || Number.isNaN(y)));
      }),
      { numRuns: RUNS },
    );
  });
  it('fmin/fmax as Math.min/Math.max (which order -0 < +0 and give NaN for any NaN)', () => {
    fc.assert(
      fc.property(floatPair(w), fc.constantFrom(...POLICIES), ([a, b], nan) => {
        const x = toNumber(a, w);
        const y = toNumber(b, w);
        expectBits(run('fmin', w, w, 'rne', nan, [a, b]), oracleBits(Math.min(x, y), [a, b], w, nan), w, 'fmin');
        expectBits(run('fmax', w, w, 'rne', nan, [a, b]), oracleBits(Math.max(x, y), [a, b], w, nan), w, 'fmax');
      }),
      { numRuns: RUNS },
    );
  });
  it('fminnum/fmaxnum ignore one NaN (a signalling one only under default)', () => {
    fc.assert(
      fc.property(floatPair(w), fc.constantFrom(...POLICIES), ([a, b], nan) => {
        const x = toNumber(a, w);
        const y = toNumber(b, w);
        const ignore = (n: bigint) => nan === 'default' || !isSNaN(n, w);
        let min = Math.min(x, y);
        let max = Math.max(x, y);
        if (isNaNb(a, w) !== isNaNb(b, w)) {
          const [n, other] = isNaNb(a, w) ? [a, y] : [b, x];
          min = max = ignore(n) ? other : NaN;
        }
        expectBits(run('fminnum', w, w, 'rne', nan, [a, b]), oracleBits(min, [a, b], w, nan), w, 'fminnum');
        expectBits(run('fmaxnum', w, w, 'rne', nan, [a, b]), oracleBits(max, [a, b], w, nan), w, 'fmaxnum');
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- conversions ------------------------------------------------------------

/**
 * x rounded to an integer by rm, in doubles. x - trunc(x) is exact (it is
 * x's own low bits); x - floor(x) would not be for negative x.
 */
function jsRoundInt(x: number, rm: RoundingMode): number {
  const t = Math.trunc(x);
  const frac = Math.abs(x - t);
  const mag = Math.abs(t);
  let up: boolean;
  switch (rm) {
    case 'rtz': up = false; break;
    case 'rdn': up = x < 0 && frac > 0; break;
    case 'rup': up = x > 0 && frac > 0; break;
    case 'rne': up = frac > 0.5 || (frac === 0.5 && mag % 2 === 1); break;
    case 'rmm': up = frac >= 0.5; break;
  }
  const r = mag + (up ? 1 : 0);
  return x < 0 || Object.is(x, -0) ? -r : r; // a zero keeps the operand's sign
}

describe('conversions equal JS where JS is exact', () => {
  const anyFloat = fc.constantFrom<Width>(32, 64).chain((w) => floatBits(w).map((a): [Width, bigint] => [w, a]));
  it('fcvt_f binary32 -> binary64 is exact; binary64 -> binary32 in rne is Math.fround', () => {
    fc.assert(
      fc.property(floatBits(32), floatBits(64), fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), (s, d, rm, nan) => {
        const wide = run('fcvt_f', 64, 32, rm, nan, [s]);
        if (!isNaNb(s, 32)) expectBits(wide, toBits(toNumber(s, 32), 64), 64, 'fcvt_f 32->64');
        const narrow = run('fcvt_f', 32, 64, 'rne', nan, [d]);
        if (!isNaNb(d, 64)) expectBits(narrow, toBits(Math.fround(toNumber(d, 64)), 32), 32, 'fcvt_f 64->32');
      }),
      { numRuns: RUNS },
    );
  });
  it('fcvt_from_si/ui: 32-bit integers exactly, 64-bit ones as Number(bigint) in rne', () => {
    const int64 = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.tuple(fc.integer({ min: 0, max: 63 }), fc.bigInt({ min: -(1n << 12n), max: 1n << 12n })).map(([k, d]) => ((1n << BigInt(k)) + d) & ((1n << 64n) - 1n)),
    );
    fc.assert(
      fc.property(int64, fc.constantFrom(...RMS), (n, rm) => {
        const n32 = n & 0xffffffffn;
        const s32 = BigInt.asIntN(32, n32);
        expectBits(run('fcvt_from_ui', 64, 32, rm, 'default', [n32]), toBits(Number(n32), 64), 64, 'u32->f64');
        expectBits(run('fcvt_from_si', 64, 32, rm, 'default', [n32]), toBits(Number(s32), 64), 64, 's32->f64');
        expectBits(run('fcvt_from_ui', 32, 32, 'rne', 'default', [n32]), toBits(Number(n32), 32), 32, 'u32->f32');
        expectBits(run('fcvt_from_si', 32, 32, 'rne', 'default', [n32]), toBits(Number(s32), 32), 32, 's32->f32');
        expectBits(run('fcvt_from_ui', 64, 64, 'rne', 'default', [n]), toBits(Number(n), 64), 64, 'u64->f64');
        expectBits(run('fcvt_from_si', 64, 64, 'rne', 'default', [n]), toBits(Number(BigInt.asIntN(64, n)), 64), 64, 's64->f64');
      }),
      { numRuns: RUNS },
    );
  });
  it('fcvt_si/fcvt_ui round like Math.trunc/floor/ceil (and ties by hand), then saturate', () => {
    fc.assert(
      fc.property(anyFloat, fc.constantFrom<Width>(32, 64), fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), fc.boolean(), ([fw, a], w, rm, nan, signed) => {
        const min = signed ? -(1n << BigInt(w - 1)) : 0n;
        const max = signed ? (1n << BigInt(w - 1)) - 1n : (1n << BigInt(w)) - 1n;
        const x = toNumber(a, fw);
        let want: bigint;
        if (Number.isNaN(x)) want = nan === 'default' ? max : 0n;
        else if (!Number.isFinite(x)) want = x > 0 ? max : min;
        else {
          const r = BigInt(jsRoundInt(x, rm));
          want = r < min ? min : r > max ? max : r;
        }
        const op = signed ? 'fcvt_si' : 'fcvt_ui';
        expect(run(op, w, fw, rm, nan, [a])).toBe(want & ((1n << BigInt(w)) - 1n));
      }),
      { numRuns: RUNS },
    );
  });
  it('fround rounds like Math.trunc/floor/ceil (and ties by hand), keeping the sign of zero', () => {
    fc.assert(
      fc.property(anyFloat, fc.constantFrom(...RMS), fc.constantFrom(...POLICIES), ([w, a], rm, nan) => {
        const x = toNumber(a, w);
        const want = Number.isNaN(x) ? policyNaN([a], w, nan) : toBits(Number.isFinite(x) ? jsRoundInt(x, rm) : x, w);
        expectBits(run('fround', w, w, rm, nan, [a]), want, w, `fround(0x${a.toString(16)}) ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
});
