// Directed floating-point cases with hand-derived bit patterns: every
// rounding mode at ties, overflow thresholds and in the subnormal range;
// signs of exact zeros; fma where rounding twice would differ; the two NaN
// policies; min/max and comparisons. (Conversions: fp-convert.test.ts.)
import { describe, expect, it } from 'vitest';
import { c, fp, v } from '../src/ir/build.js';
import type { FpOp, NanPolicy, RoundingMode } from '../src/ir/expr.js';
import { evalFp, FpNotImplemented } from '../src/ir/fp.js';
import { Evaluator } from '../src/interp/eval.js';

const RMS: RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
type PerMode = Record<RoundingMode, bigint>;

function run(fop: FpOp, w: number, fw: number, rm: RoundingMode, nan: NanPolicy, args: bigint[]): bigint {
  return evalFp(fp(fop, w, fw, rm, nan, args.map((a) => c(fw, a))) as never, args);
}
const hex = (x: bigint) => `0x${x.toString(16)}`;

/** One row per rounding mode: op(args) in format w must give want[rm]. */
function perMode(name: string, fop: FpOp, w: 32 | 64, args: bigint[], want: PerMode): void {
  it.each(RMS)(`${name} (%s)`, (rm) => {
    expect(hex(run(fop, w, w, rm, 'default', args))).toBe(hex(want[rm]));
  });
}
const all = (x: bigint): PerMode => ({ rne: x, rtz: x, rdn: x, rup: x, rmm: x });

// binary32
const ONE = 0x3f800000n;
const HALF_ULP_1 = 0x33800000n; // 2^-24, half an ulp of 1.0
const MAX32 = 0x7f7fffffn;
const INF32 = 0x7f800000n;
const NEG32 = 0x80000000n;
// binary64
const ONE64 = 0x3ff0000000000000n;
const MAX64 = 0x7fefffffffffffffn;
const INF64 = 0x7ff0000000000000n;
const NEG64 = 0x8000000000000000n;

describe('ties', () => {
  perMode('1 + 2^-24: tie, 1 is even', 'fadd', 32, [ONE, HALF_ULP_1], { rne: ONE, rtz: ONE, rdn: ONE, rup: ONE + 1n, rmm: ONE + 1n });
  perMode('(1 + ulp) + 2^-24: tie, odd', 'fadd', 32, [ONE + 1n, HALF_ULP_1], { rne: ONE + 2n, rtz: ONE + 1n, rdn: ONE + 1n, rup: ONE + 2n, rmm: ONE + 2n });
  perMode('-1 - 2^-24: tie, negative', 'fadd', 32, [ONE | NEG32, HALF_ULP_1 | NEG32], {
    rne: 0xbf800000n, rtz: 0xbf800000n, rdn: 0xbf800001n, rup: 0xbf800000n, rmm: 0xbf800001n,
  });
  perMode('1 + (2^-24 + tiny): just above the tie', 'fadd', 32, [ONE, HALF_ULP_1 + 1n], { rne: ONE + 1n, rtz: ONE, rdn: ONE, rup: ONE + 1n, rmm: ONE + 1n });
  perMode('binary64 1 + 2^-53', 'fadd', 64, [ONE64, 0x3ca0000000000000n], { rne: ONE64, rtz: ONE64, rdn: ONE64, rup: ONE64 + 1n, rmm: ONE64 + 1n });
  perMode('1/3 (inexact, below the tie)', 'fdiv', 32, [ONE, 0x40400000n], { rne: 0x3eaaaaabn, rtz: 0x3eaaaaaan, rdn: 0x3eaaaaaan, rup: 0x3eaaaaabn, rmm: 0x3eaaaaabn });
  perMode('-1/3', 'fdiv', 32, [ONE, 0xc0400000n], { rne: 0xbeaaaaabn, rtz: 0xbeaaaaaan, rdn: 0xbeaaaaabn, rup: 0xbeaaaaaan, rmm: 0xbeaaaaabn });
  perMode('sqrt(2)', 'fsqrt', 32, [0x40000000n], { rne: 0x3fb504f3n, rtz: 0x3fb504f3n, rdn: 0x3fb504f3n, rup: 0x3fb504f4n, rmm: 0x3fb504f3n });
});

describe('overflow thresholds', () => {
  // max + 2^103 is the midpoint between max and 2^128: ties-to-even goes to infinity (max is odd).
  perMode('max + half ulp', 'fadd', 32, [MAX32, 0x73000000n], { rne: INF32, rtz: MAX32, rdn: MAX32, rup: INF32, rmm: INF32 });
  perMode('-max - half ulp', 'fadd', 32, [MAX32 | NEG32, 0xf3000000n], {
    rne: INF32 | NEG32, rtz: MAX32 | NEG32, rdn: INF32 | NEG32, rup: MAX32 | NEG32, rmm: INF32 | NEG32,
  });
  perMode('max + quarter ulp', 'fadd', 32, [MAX32, 0x72800000n], { rne: MAX32, rtz: MAX32, rdn: MAX32, rup: INF32, rmm: MAX32 });
  perMode('max * 2', 'fmul', 32, [MAX32, 0x40000000n], { rne: INF32, rtz: MAX32, rdn: MAX32, rup: INF32, rmm: INF32 });
  perMode('-max / 0.5', 'fdiv', 32, [MAX32 | NEG32, 0x3f000000n], {
    rne: INF32 | NEG32, rtz: MAX32 | NEG32, rdn: INF32 | NEG32, rup: MAX32 | NEG32, rmm: INF32 | NEG32,
  });
  perMode('binary64 max + half ulp', 'fadd', 64, [MAX64, 0x7c90000000000000n], { rne: INF64, rtz: MAX64, rdn: MAX64, rup: INF64, rmm: INF64 });
  perMode('binary64 max + quarter ulp', 'fadd', 64, [MAX64, 0x7c80000000000000n], { rne: MAX64, rtz: MAX64, rdn: MAX64, rup: INF64, rmm: MAX64 });
  perMode('1/0 is an exact infinity, not an overflow', 'fdiv', 32, [ONE, 0n], all(INF32));
  perMode('1/-0', 'fdiv', 32, [ONE, NEG32], all(INF32 | NEG32));
  perMode('inf + x stays infinite', 'fadd', 32, [INF32 | NEG32, MAX32], all(INF32 | NEG32));
});

describe('subnormal results', () => {
  perMode('2^-150: tie between 0 and the least subnormal', 'fmul', 32, [1n, 0x3f000000n], { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 1n });
  perMode('-2^-150', 'fmul', 32, [NEG32 | 1n, 0x3f000000n], { rne: NEG32, rtz: NEG32, rdn: NEG32 | 1n, rup: NEG32, rmm: NEG32 | 1n });
  perMode('1.5 * 2^-149: tie, to even 2', 'fmul', 32, [3n, 0x3f000000n], { rne: 2n, rtz: 1n, rdn: 1n, rup: 2n, rmm: 2n });
  perMode('0.75 * 2^-149', 'fmul', 32, [1n, 0x3f400000n], { rne: 1n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 1n });
  perMode('0.25 * 2^-149', 'fmul', 32, [1n, 0x3e800000n], { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 0n });
  perMode('max subnormal * (1 + ulp) rounds up to the least normal', 'fmul', 32, [0x007fffffn, ONE + 1n], {
    rne: 0x00800000n, rtz: 0x007fffffn, rdn: 0x007fffffn, rup: 0x00800000n, rmm: 0x00800000n,
  });
  perMode('least normal / 3', 'fdiv', 32, [0x00800000n, 0x40400000n], { rne: 0x2aaaabn, rtz: 0x2aaaaan, rdn: 0x2aaaaan, rup: 0x2aaaabn, rmm: 0x2aaaabn });
  perMode('least normal - least subnormal is exact', 'fsub', 32, [0x00800000n, 1n], all(0x007fffffn));
  perMode('sqrt of a subnormal, binary32 2^-148', 'fsqrt', 32, [2n], all(0x1a800000n));
  perMode('sqrt of the least binary64 subnormal', 'fsqrt', 64, [1n], all(0x1e60000000000000n));
});

describe('signs of exact zeros (IEEE 754 6.3)', () => {
  const minus0rdn = { rne: 0n, rtz: 0n, rdn: NEG32, rup: 0n, rmm: 0n };
  perMode('x - x', 'fsub', 32, [ONE, ONE], minus0rdn);
  perMode('x + -x', 'fadd', 32, [0x40490fdbn, 0xc0490fdbn], minus0rdn);
  perMode('binary64 x - x', 'fsub', 64, [ONE64, ONE64], { rne: 0n, rtz: 0n, rdn: NEG64, rup: 0n, rmm: 0n });
  perMode('+0 + -0', 'fadd', 32, [0n, NEG32], minus0rdn);
  perMode('-0 + +0', 'fadd', 32, [NEG32, 0n], minus0rdn);
  perMode('-0 + -0', 'fadd', 32, [NEG32, NEG32], all(NEG32));
  perMode('-0 - +0', 'fsub', 32, [NEG32, 0n], all(NEG32));
  perMode('+0 - +0', 'fsub', 32, [0n, 0n], minus0rdn);
  perMode('-0 * 5', 'fmul', 32, [NEG32, 0x40a00000n], all(NEG32));
  perMode('-0 * -5', 'fmul', 32, [NEG32, 0xc0a00000n], all(0n));
  perMode('-0 / 5', 'fdiv', 32, [NEG32, 0x40a00000n], all(NEG32));
  perMode('5 / -inf', 'fdiv', 32, [0x40a00000n, INF32 | NEG32], all(NEG32));
  perMode('sqrt(-0)', 'fsqrt', 32, [NEG32], all(NEG32));
  perMode('fma: -1 + 1*1', 'fma', 32, [0xbf800000n, ONE, ONE], minus0rdn);
  perMode('fma: +0 + (-0 * 5)', 'fma', 32, [0n, NEG32, 0x40a00000n], minus0rdn);
  perMode('fma: -0 + (-0 * 5)', 'fma', 32, [NEG32, NEG32, 0x40a00000n], all(NEG32));
  // A nonzero exact result below the subnormal range keeps its sign.
  perMode('fma: -0 + 2^-100 * -2^-100', 'fma', 32, [NEG32, 0x0d800000n, 0x8d800000n], {
    rne: NEG32, rtz: NEG32, rdn: NEG32 | 1n, rup: NEG32, rmm: NEG32,
  });
});

describe('fma rounds once', () => {
  // a = 1 + 2^-27, b = 1 - 2^-27: a*b = 1 - 2^-54 exactly, a tie that rounds
  // to 1.0 on its own; fma(-1, a, b) must give -2^-54, not 0.
  const A = 0x3ff0000002000000n;
  const B = 0x3feffffffc000000n;
  perMode('binary64 -1 + (1 + 2^-27)(1 - 2^-27)', 'fma', 64, [0xbff0000000000000n, A, B], all(0xbc90000000000000n));
  // (1 - 2^-54) - 2^-60 lies below the midpoint 1 - 2^-54: rne gives 1 - 2^-53, twice-rounded gives 1.
  perMode('binary64 -2^-60 + (1 + 2^-27)(1 - 2^-27)', 'fma', 64, [0xbc30000000000000n, A, B], {
    rne: 0x3fefffffffffffffn, rtz: 0x3fefffffffffffffn, rdn: 0x3fefffffffffffffn, rup: ONE64, rmm: 0x3fefffffffffffffn,
  });
  perMode('binary32 -1 + (1 + 2^-12)(1 - 2^-12)', 'fma', 32, [0xbf800000n, 0x3f800800n, 0x3f7ff000n], all(0xb3800000n));
  perMode('binary32 max*2 - max does not overflow', 'fma', 32, [MAX32 | NEG32, MAX32, 0x40000000n], all(MAX32));
  perMode('inf addend with a finite product', 'fma', 32, [INF32, MAX32, MAX32], all(INF32));
});

describe('NaN policies', () => {
  const QA = 0x7fc00123n; // quiet NaN, payload 0x123
  const QB = 0xffc00456n; // quiet NaN, negative
  const SA = 0x7f800789n; // signalling NaN, payload 0x789
  const SB = 0xff800abcn;
  const DN = 0x7fc00000n;
  const cases: [string, FpOp, bigint[], bigint, bigint][] = [
    // name, op, args, under default, under propagate
    ['first quiet NaN', 'fadd', [QA, QB], DN, QA],
    ['a signalling NaN wins over an earlier quiet one', 'fadd', [QB, SA], DN, SA | 0x400000n],
    ['the first signalling NaN', 'fmul', [SB, SA], DN, SB | 0x400000n],
    ['the sign of a NaN is kept', 'fdiv', [ONE, QB], DN, QB],
    ['fsub does not negate a NaN operand', 'fsub', [ONE, QB], DN, QB],
    ['inf - inf is invalid: default NaN', 'fsub', [INF32, INF32], DN, DN],
    ['0 * inf', 'fmul', [NEG32, INF32], DN, DN],
    ['0 / 0', 'fdiv', [0n, NEG32], DN, DN],
    ['inf / inf', 'fdiv', [INF32, INF32 | NEG32], DN, DN],
    ['sqrt(-1)', 'fsqrt', [0xbf800000n], DN, DN],
    ['sqrt(-inf)', 'fsqrt', [INF32 | NEG32], DN, DN],
    ['sqrt(signalling NaN)', 'fsqrt', [SB], DN, SB | 0x400000n],
    ['fma operand order is [addend, x, y]', 'fma', [QA, SB, ONE], DN, SB | 0x400000n],
    ['fma: first quiet NaN is the addend', 'fma', [QB, QA, ONE], DN, QB],
    ['fma: x before y', 'fma', [ONE, QA, QB], DN, QA],
    // The IR's literal rule (the first quiet NaN, the addend); AArch64 FPMulAdd would give the default NaN.
    ['fma: inf * 0 with a quiet NaN addend gives the default NaN (AArch64 FPMulAdd)', 'fma', [QA, INF32, 0n], DN, DN],
    ['fma: inf * 0 with a signalling NaN addend gives it quieted', 'fma', [SA, 0n, INF32], DN, SA | 0x400000n],
    ['fma: inf * 0 + 1', 'fma', [ONE, INF32, NEG32], DN, DN],
    ['fma: inf + -inf * 1', 'fma', [INF32, INF32 | NEG32, ONE], DN, DN],
    ['fmin with a quiet NaN', 'fmin', [ONE, QA], DN, QA],
    ['fmax with a signalling NaN', 'fmax', [SA, ONE], DN, SA | 0x400000n],
    ['fminnum ignores one quiet NaN', 'fminnum', [QA, ONE], ONE, ONE],
    ['fminnum and a signalling NaN: ignored (RISC-V) or quieted (AArch64)', 'fminnum', [ONE, SA], ONE, SA | 0x400000n],
    ['fmaxnum of two NaNs', 'fmaxnum', [QB, SA], DN, SA | 0x400000n],
    ['fmaxnum of two quiet NaNs', 'fmaxnum', [QB, QA], DN, QB],
    ['fround of a quiet NaN', 'fround', [QB], DN, QB],
    ['fround of a signalling NaN', 'fround', [SA], DN, SA | 0x400000n],
  ];
  it.each(cases)('%s', (_name, fop, args, dflt, prop) => {
    for (const rm of RMS) {
      expect(hex(run(fop, 32, 32, rm, 'default', args))).toBe(hex(dflt));
      expect(hex(run(fop, 32, 32, rm, 'propagate', args))).toBe(hex(prop));
    }
  });
  it('binary64 canonical NaN and quieting', () => {
    expect(hex(run('fadd', 64, 64, 'rne', 'default', [0x7ff0000000000001n, ONE64]))).toBe('0x7ff8000000000000');
    expect(hex(run('fadd', 64, 64, 'rne', 'propagate', [ONE64, 0xfff0000000000001n]))).toBe('0xfff8000000000001');
    expect(hex(run('fsub', 64, 64, 'rne', 'propagate', [INF64, INF64]))).toBe('0x7ff8000000000000');
  });
});

describe('min, max and comparisons', () => {
  const P = 0x40000000n; // 2
  const M = 0xc0000000n; // -2
  const rows: [FpOp, bigint, bigint, bigint][] = [
    ['fmin', 0n, NEG32, NEG32], ['fmin', NEG32, 0n, NEG32], ['fmax', NEG32, 0n, 0n], ['fmax', 0n, NEG32, 0n],
    ['fminnum', 0n, NEG32, NEG32], ['fmaxnum', NEG32, 0n, 0n], ['fmin', P, M, M], ['fmax', M, P, P],
    ['fmin', INF32 | NEG32, M, INF32 | NEG32], ['fmax', 1n, 0n, 1n], ['fmin', NEG32 | 1n, 0n, NEG32 | 1n],
  ];
  it.each(rows)('%s(%s, %s)', (fop, a, b, want) => {
    for (const nan of ['default', 'propagate'] as NanPolicy[]) expect(run(fop, 32, 32, 'rne', nan, [a, b])).toBe(want);
  });
  it('compare -0 and +0 as equal, NaN as unordered', () => {
    const cmp = (fop: FpOp, a: bigint, b: bigint) => run(fop, 1, 32, 'rne', 'default', [a, b]);
    expect([cmp('feq', 0n, NEG32), cmp('flt', NEG32, 0n), cmp('fle', 0n, NEG32)]).toEqual([1n, 0n, 1n]);
    expect([cmp('feq', 0x7fc00000n, 0x7fc00000n), cmp('fle', 0x7f800001n, ONE), cmp('funord', ONE, 0xffc00000n)]).toEqual([0n, 0n, 1n]);
    expect([cmp('flt', INF32 | NEG32, NEG32 | 1n), cmp('flt', M, P), cmp('flt', P, M), cmp('funord', INF32, ONE)]).toEqual([1n, 1n, 0n, 0n]);
    expect(run('flt', 1, 64, 'rne', 'default', [NEG64 | 1n, 1n])).toBe(1n);
  });
});

describe('evaluation plumbing', () => {
  it('the interpreter evaluates fp nodes on its inputs', () => {
    const e = fp('fma', 64, 64, 'rne', 'default', [v(64, 'c'), v(64, 'a'), v(64, 'b')]);
    const env = { variable: (n: string) => ({ c: 0xbff0000000000000n, a: 0x3ff0000002000000n, b: 0x3feffffffc000000n })[n] ?? 0n, memByte: () => 0 };
    expect(new Evaluator(env).value(e)).toBe(0xbc90000000000000n);
  });
  it('reports unsupported formats and rejects malformed nodes', () => {
    expect(() => run('fadd', 16, 16, 'rne', 'default', [0n, 0n])).toThrow(FpNotImplemented);
    expect(() => run('fadd', 32, 64, 'rne', 'default', [0n, 0n])).toThrow(/result width/);
    expect(() => run('fma', 32, 32, 'rne', 'default', [0n, 0n])).toThrow(/3 operands/);
    expect(() => run('fcvt_f', 16, 32, 'rne', 'default', [0n])).toThrow(FpNotImplemented);
  });
});
