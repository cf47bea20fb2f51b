// Every rounding mode against an independent reference: the exact result as
// a rational (or, for sqrt, as a comparison against its square), and the
// rounding found by binary search over the ordered bit patterns of the
// format, comparing exactly with the neighbours and their midpoint. It
// shares no code with src/ir/fp/ (which shifts significands instead).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { c, fp } from '../src/ir/build.js';
import type { FpOp, RoundingMode } from '../src/ir/expr.js';
import { evalFp } from '../src/ir/fp.js';

type Width = 32 | 64;
const RUNS = 4000;
const RMS: RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
const FMT = {
  32: { frac: 23n, bias: 127n, maxE: 255n },
  64: { frac: 52n, bias: 1023n, maxE: 2047n },
} as const;
const signOf = (w: Width) => 1n << BigInt(w - 1);
const infOf = (w: Width) => FMT[w].maxE << FMT[w].frac;

function run(fop: FpOp, w: number, fw: number, rm: RoundingMode, args: bigint[]): bigint {
  return evalFp(fp(fop, w, fw, rm, 'default', args.map((a) => c(fw, a))) as never, args);
}

// ---- exact rationals ----------------------------------------------------------

/** n / d with d > 0. */
interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}
const rat = (n: bigint, d = 1n): Rat => (d < 0n ? { n: -n, d: -d } : { n, d });
const addR = (a: Rat, b: Rat) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
const mulR = (a: Rat, b: Rat) => rat(a.n * b.n, a.d * b.d);
const negR = (a: Rat) => rat(-a.n, a.d);
const cmpR = (a: Rat, b: Rat) => Math.sign(Number(a.n * b.d - b.n * a.d));
const pow2 = (e: bigint): Rat => (e >= 0n ? rat(1n << e) : rat(1n, 1n << -e));

/** The exact value of a finite bit pattern. */
function valueOf(bits: bigint, w: Width): Rat {
  const { frac, bias } = FMT[w];
  const e = (bits >> frac) & FMT[w].maxE;
  const f = bits & ((1n << frac) - 1n);
  const mag = e === 0n ? mulR(rat(f), pow2(1n - bias - frac)) : mulR(rat((1n << frac) + f), pow2(e - bias - frac));
  return bits & signOf(w) ? negR(mag) : mag;
}

/**
 * The correctly rounded bit pattern of a nonzero value given by `cmp`, where
 * cmp(r) is the sign of r - |value| for r >= 0. Past the largest finite
 * number the next "pattern" stands for 2^(emax+1), as if the exponent were
 * unbounded, so overflow follows IEEE 754 7.4.
 */
function refRound(cmp: (r: Rat) => number, neg: boolean, w: Width, rm: RoundingMode): bigint {
  const maxFinite = infOf(w) - 1n;
  const val = (p: bigint) => (p > maxFinite ? pow2(FMT[w].maxE - FMT[w].bias) : valueOf(p, w));
  let lo = 0n;
  let hi = maxFinite + 1n; // invariant: val(lo) <= |v| < val(hi), unless |v| >= val(hi) at the top
  if (cmp(val(hi)) <= 0) lo = hi;
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (cmp(val(mid)) <= 0) lo = mid;
    else hi = mid;
  }
  const sign = neg ? signOf(w) : 0n;
  if (lo > maxFinite) return sign | (rm === 'rtz' || rm === (neg ? 'rup' : 'rdn') ? maxFinite : infOf(w));
  if (cmp(val(lo)) === 0) return sign | lo;
  const up = lo + 1n;
  const half = cmp(mulR(addR(val(lo), val(up)), rat(1n, 2n))); // sign of midpoint - |v|
  let pick: bigint;
  switch (rm) {
    case 'rtz': pick = lo; break;
    case 'rup': pick = neg ? lo : up; break;
    case 'rdn': pick = neg ? up : lo; break;
    case 'rne': pick = half > 0 ? lo : half < 0 ? up : (lo & 1n) === 0n ? lo : up; break;
    case 'rmm': pick = half > 0 ? lo : up; break;
  }
  return sign | pick;
}

/** The rounded value of an exact rational; `zeroNeg` is the sign an exact zero takes. */
function roundRat(v: Rat, zeroNeg: boolean, w: Width, rm: RoundingMode): bigint {
  if (v.n === 0n) return zeroNeg ? signOf(w) : 0n;
  const mag = v.n < 0n ? negR(v) : v;
  return refRound((r) => cmpR(r, mag), v.n < 0n, w, rm);
}

/** The rounded square root of a positive rational: compare r^2 with it. */
function roundSqrt(v: Rat, w: Width, rm: RoundingMode): bigint {
  return refRound((r) => cmpR(mulR(r, r), v), false, w, rm);
}

/** The IEEE 754 6.3 sign of an exact zero sum of terms with these signs. */
const zeroSumNeg = (aNeg: boolean, bNeg: boolean, rm: RoundingMode) => (aNeg === bNeg ? aNeg : rm === 'rdn');

// ---- generators: finite values, biased to boundaries ---------------------------

function finite(w: Width): fc.Arbitrary<bigint> {
  const { frac, bias, maxE } = FMT[w];
  const b = Number(bias);
  const exps = fc.oneof(
    fc.constantFrom(0, 1, 2, b, Number(maxE) - 1, Number(maxE) - 2),
    fc.integer({ min: b - 30, max: b + 30 }),
    fc.integer({ min: 0, max: Number(maxE) - 1 }),
  );
  const fracs = fc.oneof(
    fc.constantFrom(0n, 1n, (1n << frac) - 1n, 1n << (frac - 1n)),
    fc.bigInt({ min: 0n, max: (1n << frac) - 1n }),
    fc.tuple(fc.integer({ min: 1, max: Number(frac) }), fc.bigInt({ min: 0n, max: (1n << frac) - 1n })).map(([k, r]) => (r >> BigInt(k)) << BigInt(k)),
  );
  return fc.tuple(fc.boolean(), exps, fracs).map(([s, e, f]) => (s ? signOf(w) : 0n) | (BigInt(e) << frac) | f);
}

/** A pair of finite values, often with close exponents so sums cancel or tie. */
function finitePair(w: Width): fc.Arbitrary<[bigint, bigint]> {
  const close = fc
    .tuple(finite(w), fc.integer({ min: -(FMT[w].frac === 23n ? 30 : 60), max: 30 }), fc.bigInt({ min: -(1n << 8n), max: 1n << 8n }), fc.boolean())
    .map(([a, de, df, flip]): [bigint, bigint] => {
      let b = (a + (BigInt(de) << FMT[w].frac) + df) & (signOf(w) - 1n);
      if (b >= infOf(w)) b = infOf(w) - 1n;
      return [a, b | ((a & signOf(w)) ^ (flip ? signOf(w) : 0n))];
    });
  return fc.oneof(fc.tuple(finite(w), finite(w)), close);
}

const hex = (x: bigint) => `0x${x.toString(16)}`;
function expectBits(actual: bigint, expected: bigint, what: string): void {
  if (actual !== expected) expect.fail(`${what}: got ${hex(actual)}, want ${hex(expected)}`);
}
const isNeg = (x: bigint, w: Width) => (x & signOf(w)) !== 0n;
const isZero = (x: bigint, w: Width) => (x & (signOf(w) - 1n)) === 0n;

// ---- arithmetic ---------------------------------------------------------------

describe.each([32, 64] as Width[])('binary%i arithmetic in every rounding mode equals the reference', (w) => {
  const rms = fc.constantFrom(...RMS);
  it('fadd and fsub', () => {
    fc.assert(
      fc.property(finitePair(w), rms, ([a, b], rm) => {
        const [x, y] = [valueOf(a, w), valueOf(b, w)];
        expectBits(run('fadd', w, w, rm, [a, b]), roundRat(addR(x, y), zeroSumNeg(isNeg(a, w), isNeg(b, w), rm), w, rm), `fadd ${hex(a)} ${hex(b)} ${rm}`);
        expectBits(run('fsub', w, w, rm, [a, b]), roundRat(addR(x, negR(y)), zeroSumNeg(isNeg(a, w), !isNeg(b, w), rm), w, rm), `fsub ${hex(a)} ${hex(b)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
  it('fmul and fdiv', () => {
    fc.assert(
      fc.property(finitePair(w), rms, ([a, b], rm) => {
        const [x, y] = [valueOf(a, w), valueOf(b, w)];
        const neg = isNeg(a, w) !== isNeg(b, w);
        expectBits(run('fmul', w, w, rm, [a, b]), roundRat(mulR(x, y), neg, w, rm), `fmul ${hex(a)} ${hex(b)} ${rm}`);
        if (isZero(b, w)) return;
        expectBits(run('fdiv', w, w, rm, [a, b]), roundRat(mulR(x, rat(y.d, y.n)), neg, w, rm), `fdiv ${hex(a)} ${hex(b)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
  it('fsqrt', () => {
    fc.assert(
      fc.property(finite(w), rms, (a0, rm) => {
        const a = a0 & (signOf(w) - 1n);
        const want = isZero(a, w) ? a : roundSqrt(valueOf(a, w), w, rm);
        expectBits(run('fsqrt', w, w, rm, [a]), want, `fsqrt ${hex(a)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
  it('fma with a single rounding', () => {
    // The addend is often close to -x*y (the product rounded, or the product
    // of neighbours), where rounding twice would go wrong.
    const triple = fc.tuple(finitePair(w), finite(w), fc.integer({ min: 0, max: 3 }), rms).map(([[x, y], c0, how, rm]) => {
      const p = run('fmul', w, w, 'rtz', [x, y]) ^ signOf(w);
      const cands = [c0, p, (p + 1n) & (signOf(w) * 2n - 1n), p ^ 1n];
      return { x, y, c: cands[how]!, rm };
    });
    fc.assert(
      fc.property(triple, ({ x, y, c: cc, rm }) => {
        fc.pre(((cc & (signOf(w) - 1n)) < infOf(w)));
        const exact = addR(valueOf(cc, w), mulR(valueOf(x, w), valueOf(y, w)));
        const pNeg = isNeg(x, w) !== isNeg(y, w);
        expectBits(run('fma', w, w, rm, [cc, x, y]), roundRat(exact, zeroSumNeg(isNeg(cc, w), pNeg, rm), w, rm), `fma ${hex(cc)} ${hex(x)} ${hex(y)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- conversions --------------------------------------------------------------

/** A rational rounded to an integer by rm (an independent restatement). */
function roundIntRef(v: Rat, rm: RoundingMode): bigint {
  const floor = v.n >= 0n ? v.n / v.d : -((-v.n + v.d - 1n) / v.d);
  const twice = 2n * (v.n - floor * v.d); // 2 * fraction * d, compared with d
  if (twice === 0n) return floor;
  switch (rm) {
    case 'rtz': return v.n < 0n ? floor + 1n : floor;
    case 'rdn': return floor;
    case 'rup': return floor + 1n;
    case 'rne': return twice > v.d || (twice === v.d && (floor & 1n) !== 0n) ? floor + 1n : floor;
    case 'rmm': return twice > v.d || (twice === v.d && v.n > 0n) ? floor + 1n : floor;
  }
}

describe('conversions in every rounding mode equal the reference', () => {
  const rms = fc.constantFrom(...RMS);
  it('fcvt_f binary64 -> binary32 narrows with rounding', () => {
    fc.assert(
      fc.property(finite(64), rms, (a, rm) => {
        expectBits(run('fcvt_f', 32, 64, rm, [a]), roundRat(valueOf(a, 64), isNeg(a, 64), 32, rm), `fcvt_f ${hex(a)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
  it('fcvt_from_si/ui from 32 and 64 bits to both formats', () => {
    const int = fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.tuple(fc.integer({ min: 0, max: 63 }), fc.bigInt({ min: -300n, max: 300n })).map(([k, d]) => ((1n << BigInt(k)) + d) & ((1n << 64n) - 1n)),
    );
    fc.assert(
      fc.property(int, fc.constantFrom<Width>(32, 64), fc.constantFrom<Width>(32, 64), rms, (n0, fw, w, rm) => {
        const n = n0 & ((1n << BigInt(fw)) - 1n);
        const s = BigInt.asIntN(fw, n);
        expectBits(run('fcvt_from_ui', w, fw, rm, [n]), roundRat(rat(n), false, w, rm), `u${fw}->f${w} ${n} ${rm}`);
        expectBits(run('fcvt_from_si', w, fw, rm, [n]), roundRat(rat(s), false, w, rm), `s${fw}->f${w} ${s} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
  it('fcvt_si/ui saturate after rounding; fround rounds in the format', () => {
    const anyFinite = fc.constantFrom<Width>(32, 64).chain((fw) => finite(fw).map((a): [Width, bigint] => [fw, a]));
    fc.assert(
      fc.property(anyFinite, fc.constantFrom<Width>(32, 64), rms, ([fw, a], w, rm) => {
        const r = roundIntRef(valueOf(a, fw), rm);
        for (const signed of [true, false]) {
          const min = signed ? -(1n << BigInt(w - 1)) : 0n;
          const max = signed ? (1n << BigInt(w - 1)) - 1n : (1n << BigInt(w)) - 1n;
          const want = (r < min ? min : r > max ? max : r) & ((1n << BigInt(w)) - 1n);
          expect(run(signed ? 'fcvt_si' : 'fcvt_ui', w, fw, rm, [a]), `${hex(a)} ${rm}`).toBe(want);
        }
        expectBits(run('fround', fw, fw, rm, [a]), roundRat(rat(r), isNeg(a, fw), fw, rm), `fround ${hex(a)} ${rm}`);
      }),
      { numRuns: RUNS },
    );
  });
});
