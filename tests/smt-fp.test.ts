// Floating-point nodes: the Z3 encoding against hand-computed bit patterns
// for the special cases the FpOp/NanPolicy rules in src/ir/expr.ts spell
// out (NaNs under both policies with payloads, signed zeros, infinities,
// subnormals, rounding-mode ties, conversions at saturation), proven for all
// models, not just found in one; then the interpreter (src/ir/fp.ts) on the
// same table, and random FP expressions where the two must agree.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { c, ne } from '../src/ir/build.js';
import type { BV, FpOp, NanPolicy, RoundingMode } from '../src/ir/expr.js';
import { mask } from '../src/ir/expr.js';
import { Evaluator, type Env } from '../src/interp/eval.js';
import { Solver, type BackendName } from '../src/smt/solver.js';
import { describeWithTools } from './support/tools.js';

const TIMEOUT = 60_000;
const K = (w: number, v: bigint): BV => ({ op: 'const', w, value: v & mask(w) });

/** An fp node; operands are constants of width fw unless given as nodes. */
function F(fop: FpOp, rm: RoundingMode, nan: NanPolicy, args: (bigint | BV)[], fw = 32, w = fw): BV {
  return { op: 'fp', fop, rm, nan, fw, w, args: args.map((a) => (typeof a === 'bigint' ? K(fw, a) : a)) };
}

// binary32
const ONE = 0x3f800000n, TWO = 0x40000000n, THREE = 0x40400000n, HALF = 0x3f000000n, NHALF = 0xbf000000n;
const P0 = 0n, N0 = 0x80000000n, PINF = 0x7f800000n, NINF = 0xff800000n, QNAN = 0x7fc00000n;
const SNAN1 = 0x7f800001n, QNAN5 = 0x7fc00005n, NQNAN7 = 0xffc00007n, NSNAN2 = 0xff800002n;
const MINSUB = 0x00000001n, MINNORM = 0x00800000n, MAXF = 0x7f7fffffn, EPS24 = 0x33800000n;
// binary64
const D_QNAN = 0x7ff8000000000000n;

type Case = [label: string, node: BV, expected: bigint];

const CASES: Case[] = [
  // NaN policies: default is canonical; propagate is first sNaN quieted, else first qNaN, else canonical
  ['1+2', F('fadd', 'rne', 'default', [ONE, TWO]), THREE],
  ['sNaN+1 default', F('fadd', 'rne', 'default', [SNAN1, ONE]), QNAN],
  ['sNaN+1 propagate', F('fadd', 'rne', 'propagate', [SNAN1, ONE]), 0x7fc00001n],
  ['1+sNaN propagate', F('fadd', 'rne', 'propagate', [ONE, SNAN1]), 0x7fc00001n],
  ['qNaN+-sNaN propagate: the sNaN wins', F('fadd', 'rne', 'propagate', [QNAN5, NSNAN2]), 0xffc00002n],
  ['qNaN+-qNaN propagate: the first', F('fadd', 'rne', 'propagate', [QNAN5, NQNAN7]), QNAN5],
  ['-qNaN+qNaN propagate: the first', F('fadd', 'rne', 'propagate', [NQNAN7, QNAN5]), NQNAN7],
  ['inf-inf propagate', F('fadd', 'rne', 'propagate', [PINF, NINF]), QNAN],
  ['0*inf propagate', F('fmul', 'rne', 'propagate', [P0, PINF]), QNAN],
  ['qNaN*1 default', F('fmul', 'rne', 'default', [QNAN5, ONE]), QNAN],
  // signed zeros
  ['+0 + -0 rne', F('fadd', 'rne', 'default', [P0, N0]), P0],
  ['+0 + -0 rdn', F('fadd', 'rdn', 'default', [P0, N0]), N0],
  ['-0 + -0', F('fadd', 'rne', 'default', [N0, N0]), N0],
  ['1-1 rne', F('fsub', 'rne', 'default', [ONE, ONE]), P0],
  ['1-1 rdn', F('fsub', 'rdn', 'default', [ONE, ONE]), N0],
  // ties and directed rounding: 1 + 2^-24 is half an ulp above 1
  ['1+2^-24 rne', F('fadd', 'rne', 'default', [ONE, EPS24]), ONE],
  ['1+2^-24 rtz', F('fadd', 'rtz', 'default', [ONE, EPS24]), ONE],
  ['1+2^-24 rup', F('fadd', 'rup', 'default', [ONE, EPS24]), 0x3f800001n],
  ['1+2^-24 rdn', F('fadd', 'rdn', 'default', [ONE, EPS24]), ONE],
  ['1+2^-24 rmm', F('fadd', 'rmm', 'default', [ONE, EPS24]), 0x3f800001n],
  ['-1-2^-24 rdn', F('fadd', 'rdn', 'default', [0xbf800000n, 0xb3800000n]), 0xbf800001n],
  ['-1-2^-24 rup', F('fadd', 'rup', 'default', [0xbf800000n, 0xb3800000n]), 0xbf800000n],
  ['-1-2^-24 rmm', F('fadd', 'rmm', 'default', [0xbf800000n, 0xb3800000n]), 0xbf800001n],
  ['(1+ulp)+2^-24 rne: tie to even goes up', F('fadd', 'rne', 'default', [0x3f800001n, EPS24]), 0x3f800002n],
  ['(1+ulp)+2^-24 rtz', F('fadd', 'rtz', 'default', [0x3f800001n, EPS24]), 0x3f800001n],
  // overflow
  ['max+max rne', F('fadd', 'rne', 'default', [MAXF, MAXF]), PINF],
  ['max+max rtz', F('fadd', 'rtz', 'default', [MAXF, MAXF]), MAXF],
  ['max+max rdn', F('fadd', 'rdn', 'default', [MAXF, MAXF]), MAXF],
  ['-max-max rup', F('fadd', 'rup', 'default', [0xff7fffffn, 0xff7fffffn]), 0xff7fffffn],
  ['-max-max rdn', F('fadd', 'rdn', 'default', [0xff7fffffn, 0xff7fffffn]), NINF],
  // subnormals
  ['minsub+minsub', F('fadd', 'rne', 'default', [MINSUB, MINSUB]), 2n],
  ['minnorm-minsub', F('fsub', 'rne', 'default', [MINNORM, MINSUB]), 0x007fffffn],
  ['minsub*0.5 rne: tie to zero', F('fmul', 'rne', 'default', [MINSUB, HALF]), P0],
  ['minsub*0.5 rup', F('fmul', 'rup', 'default', [MINSUB, HALF]), MINSUB],
  ['minsub*0.5 rmm', F('fmul', 'rmm', 'default', [MINSUB, HALF]), MINSUB],
  ['-minsub*0.5 rne', F('fmul', 'rne', 'default', [0x80000001n, HALF]), N0],
  ['-minsub*0.5 rdn', F('fmul', 'rdn', 'default', [0x80000001n, HALF]), 0x80000001n],
  // division, square root
  ['1/0', F('fdiv', 'rne', 'default', [ONE, P0]), PINF],
  ['-1/+0', F('fdiv', 'rne', 'default', [0xbf800000n, P0]), NINF],
  ['1/-0', F('fdiv', 'rne', 'default', [ONE, N0]), NINF],
  ['0/0', F('fdiv', 'rne', 'propagate', [P0, P0]), QNAN],
  ['1/3 rne', F('fdiv', 'rne', 'default', [ONE, THREE]), 0x3eaaaaabn],
  ['1/3 rtz', F('fdiv', 'rtz', 'default', [ONE, THREE]), 0x3eaaaaaan],
  ['sqrt -1', F('fsqrt', 'rne', 'propagate', [0xbf800000n]), QNAN],
  ['sqrt -0', F('fsqrt', 'rne', 'default', [N0]), N0],
  ['sqrt 4', F('fsqrt', 'rne', 'default', [0x40800000n]), TWO],
  ['sqrt 2 rne', F('fsqrt', 'rne', 'default', [TWO]), 0x3fb504f3n],
  ['sqrt 2 rup', F('fsqrt', 'rup', 'default', [TWO]), 0x3fb504f4n],
  ['sqrt sNaN propagate', F('fsqrt', 'rne', 'propagate', [0x7fa00005n]), 0x7fe00005n],
  // fma: [addend, x, y], one rounding
  ['fma 1+2*3', F('fma', 'rne', 'default', [ONE, TWO, THREE]), 0x40e00000n],
  ['fma single rounding', F('fma', 'rne', 'default', [0xbf800000n, 0x3f800800n, 0x3f800800n]), 0x3a000400n],
  // the exception (AArch64 FPMulAdd): a quiet NaN addend with inf * 0 gives the default NaN
  ['fma(qNaN, 0, inf) propagate', F('fma', 'rne', 'propagate', [QNAN5, P0, PINF]), QNAN],
  ['fma(qNaN, -inf, -0) propagate', F('fma', 'rne', 'propagate', [QNAN5, NINF, N0]), QNAN],
  ['fma(qNaN, 1, inf) propagate: no exception', F('fma', 'rne', 'propagate', [QNAN5, ONE, PINF]), QNAN5],
  ['fma(sNaN, 0, inf) propagate: only a quiet addend', F('fma', 'rne', 'propagate', [0x7f800003n, P0, PINF]), 0x7fc00003n],
  ['fma(-qNaN, 0, sNaN) propagate', F('fma', 'rne', 'propagate', [NQNAN7, P0, SNAN1]), 0x7fc00001n],
  ['fma(qNaN, 0, inf) default', F('fma', 'rne', 'default', [QNAN5, P0, PINF]), QNAN],
  ['fma(1, sNaN, qNaN) propagate', F('fma', 'rne', 'propagate', [ONE, SNAN1, QNAN5]), 0x7fc00001n],
  ['fma(qNaN, sNaN, 1) propagate: sNaN first', F('fma', 'rne', 'propagate', [QNAN5, 0x7f800003n, ONE]), 0x7fc00003n],
  // min/max: -0 < +0; any NaN gives a NaN by the policy
  ['fmin(+0,-0)', F('fmin', 'rne', 'default', [P0, N0]), N0],
  ['fmin(-0,+0)', F('fmin', 'rne', 'default', [N0, P0]), N0],
  ['fmax(+0,-0)', F('fmax', 'rne', 'default', [P0, N0]), P0],
  ['fmax(-0,+0)', F('fmax', 'rne', 'default', [N0, P0]), P0],
  ['fmin(1,2)', F('fmin', 'rne', 'default', [ONE, TWO]), ONE],
  ['fmax(1,2)', F('fmax', 'rne', 'default', [ONE, TWO]), TWO],
  ['fmin(-inf,1)', F('fmin', 'rne', 'default', [NINF, ONE]), NINF],
  ['fmin(qNaN,1) default', F('fmin', 'rne', 'default', [QNAN5, ONE]), QNAN],
  ['fmin(qNaN,1) propagate', F('fmin', 'rne', 'propagate', [QNAN5, ONE]), QNAN5],
  ['fmax(1,sNaN) propagate', F('fmax', 'rne', 'propagate', [ONE, SNAN1]), 0x7fc00001n],
  // minNum/maxNum: one NaN gives the number, except a signalling NaN under propagate
  ['fminnum(qNaN,1) default', F('fminnum', 'rne', 'default', [QNAN5, ONE]), ONE],
  ['fminnum(qNaN,1) propagate', F('fminnum', 'rne', 'propagate', [QNAN5, ONE]), ONE],
  ['fminnum(sNaN,1) default', F('fminnum', 'rne', 'default', [SNAN1, ONE]), ONE],
  ['fminnum(sNaN,1) propagate', F('fminnum', 'rne', 'propagate', [SNAN1, ONE]), 0x7fc00001n],
  ['fmaxnum(2,sNaN) propagate', F('fmaxnum', 'rne', 'propagate', [TWO, SNAN1]), 0x7fc00001n],
  ['fmaxnum(2,sNaN) default', F('fmaxnum', 'rne', 'default', [TWO, SNAN1]), TWO],
  ['fminnum(qNaN,sNaN) propagate', F('fminnum', 'rne', 'propagate', [QNAN5, SNAN1]), 0x7fc00001n],
  ['fminnum(qNaN,sNaN) default', F('fminnum', 'rne', 'default', [QNAN5, SNAN1]), QNAN],
  ['fminnum(-0,+0)', F('fminnum', 'rne', 'default', [N0, P0]), N0],
  ['fmaxnum(-0,+0)', F('fmaxnum', 'rne', 'default', [N0, P0]), P0],
  // comparisons
  ['feq(+0,-0)', F('feq', 'rne', 'default', [P0, N0], 32, 1), 1n],
  ['feq(qNaN,qNaN)', F('feq', 'rne', 'default', [QNAN, QNAN], 32, 1), 0n],
  ['flt(1,2)', F('flt', 'rne', 'default', [ONE, TWO], 32, 1), 1n],
  ['flt(2,1)', F('flt', 'rne', 'default', [TWO, ONE], 32, 1), 0n],
  ['flt(NaN,1)', F('flt', 'rne', 'default', [QNAN, ONE], 32, 1), 0n],
  ['flt(-0,+0)', F('flt', 'rne', 'default', [N0, P0], 32, 1), 0n],
  ['fle(-0,+0)', F('fle', 'rne', 'default', [N0, P0], 32, 1), 1n],
  ['funord(NaN,1)', F('funord', 'rne', 'default', [QNAN, ONE], 32, 1), 1n],
  ['funord(1,sNaN)', F('funord', 'rne', 'default', [ONE, SNAN1], 32, 1), 1n],
  ['funord(1,2)', F('funord', 'rne', 'default', [ONE, TWO], 32, 1), 0n],
  // float to float
  ['f64 1+2^-24 to f32 rne', F('fcvt_f', 'rne', 'default', [0x3ff0000010000000n], 64, 32), ONE],
  ['f64 1+2^-24 to f32 rup', F('fcvt_f', 'rup', 'default', [0x3ff0000010000000n], 64, 32), 0x3f800001n],
  ['f64 1e300 to f32 rne', F('fcvt_f', 'rne', 'default', [0x7e37e43c8800759cn], 64, 32), PINF],
  ['f64 1e300 to f32 rtz', F('fcvt_f', 'rtz', 'default', [0x7e37e43c8800759cn], 64, 32), MAXF],
  ['f64 2^-150 to f32 rne', F('fcvt_f', 'rne', 'default', [0x3690000000000000n], 64, 32), P0],
  ['f64 2^-150 to f32 rup', F('fcvt_f', 'rup', 'default', [0x3690000000000000n], 64, 32), MINSUB],
  ['f64 sNaN to f32 propagate: payload top bits', F('fcvt_f', 'rne', 'propagate', [0x7ff4000020000000n], 64, 32), 0x7fe00001n],
  ['f64 sNaN to f32 default', F('fcvt_f', 'rne', 'default', [0x7ff4000020000000n], 64, 32), QNAN],
  ['f32 -sNaN to f64 propagate: sign kept, payload on top', F('fcvt_f', 'rne', 'propagate', [0xff800001n], 32, 64), 0xfff8000020000000n],
  ['f32 -sNaN to f64 default', F('fcvt_f', 'rne', 'default', [0xff800001n], 32, 64), D_QNAN],
  ['f32 1.5 to f64', F('fcvt_f', 'rne', 'default', [0x3fc00000n], 32, 64), 0x3ff8000000000000n],
  ['f32 minsub to f64', F('fcvt_f', 'rne', 'default', [MINSUB], 32, 64), 0x36a0000000000000n],
  // float to integer: saturation, NaN (default: max; propagate: 0), rounding
  ['f32 3e9 to i32', F('fcvt_si', 'rtz', 'default', [0x4f32d05en], 32, 32), 0x7fffffffn],
  ['f32 -3e9 to i32', F('fcvt_si', 'rtz', 'default', [0xcf32d05en], 32, 32), 0x80000000n],
  ['f32 -2^31 to i32', F('fcvt_si', 'rtz', 'default', [0xcf000000n], 32, 32), 0x80000000n],
  ['f32 2^31 to i32', F('fcvt_si', 'rtz', 'default', [0x4f000000n], 32, 32), 0x7fffffffn],
  ['f32 largest below 2^31 to i32', F('fcvt_si', 'rtz', 'default', [0x4effffffn], 32, 32), 0x7fffff80n],
  ['NaN to i32 default', F('fcvt_si', 'rtz', 'default', [QNAN], 32, 32), 0x7fffffffn],
  ['NaN to i32 propagate', F('fcvt_si', 'rtz', 'propagate', [SNAN1], 32, 32), 0n],
  ['NaN to u32 default', F('fcvt_ui', 'rtz', 'default', [NQNAN7], 32, 32), 0xffffffffn],
  ['NaN to u32 propagate', F('fcvt_ui', 'rtz', 'propagate', [QNAN], 32, 32), 0n],
  ['+inf to i32', F('fcvt_si', 'rne', 'default', [PINF], 32, 32), 0x7fffffffn],
  ['-inf to i32', F('fcvt_si', 'rne', 'default', [NINF], 32, 32), 0x80000000n],
  ['-inf to u32', F('fcvt_ui', 'rne', 'default', [NINF], 32, 32), 0n],
  ['+inf to u32', F('fcvt_ui', 'rne', 'default', [PINF], 32, 32), 0xffffffffn],
  ['2.5 to i32 rne', F('fcvt_si', 'rne', 'default', [0x40200000n], 32, 32), 2n],
  ['2.5 to i32 rmm', F('fcvt_si', 'rmm', 'default', [0x40200000n], 32, 32), 3n],
  ['2.5 to i32 rup', F('fcvt_si', 'rup', 'default', [0x40200000n], 32, 32), 3n],
  ['-2.5 to i32 rne', F('fcvt_si', 'rne', 'default', [0xc0200000n], 32, 32), 0xfffffffen],
  ['-2.5 to i32 rmm', F('fcvt_si', 'rmm', 'default', [0xc0200000n], 32, 32), 0xfffffffdn],
  ['-2.5 to i32 rdn', F('fcvt_si', 'rdn', 'default', [0xc0200000n], 32, 32), 0xfffffffdn],
  ['-2.5 to i32 rtz', F('fcvt_si', 'rtz', 'default', [0xc0200000n], 32, 32), 0xfffffffen],
  ['-1 to u32', F('fcvt_ui', 'rtz', 'default', [0xbf800000n], 32, 32), 0n],
  ['-0.5 to u32 rne (rounds to -0)', F('fcvt_ui', 'rne', 'default', [NHALF], 32, 32), 0n],
  ['-0.5 to u32 rdn (rounds to -1)', F('fcvt_ui', 'rdn', 'default', [NHALF], 32, 32), 0n],
  ['f32 3e9 to i64', F('fcvt_si', 'rtz', 'default', [0x4f32d05en], 32, 64), 3000000000n],
  ['f32 0x4f7fffff to u32', F('fcvt_ui', 'rtz', 'default', [0x4f7fffffn], 32, 32), 0xffffff00n],
  ['f64 2^63 to i64', F('fcvt_si', 'rtz', 'default', [0x43e0000000000000n], 64, 64), 0x7fffffffffffffffn],
  ['f64 -2^63 to i64', F('fcvt_si', 'rtz', 'default', [0xc3e0000000000000n], 64, 64), 0x8000000000000000n],
  ['f64 2^64 to u64', F('fcvt_ui', 'rtz', 'default', [0x43f0000000000000n], 64, 64), 0xffffffffffffffffn],
  ['f64 2^64-2048 to u64', F('fcvt_ui', 'rtz', 'default', [0x43efffffffffffffn], 64, 64), 0xfffffffffffff800n],
  ['f64 2147483646.5 to i32 rne', F('fcvt_si', 'rne', 'default', [0x41dfffffffa00000n], 64, 32), 0x7ffffffen],
  ['f64 2147483646.5 to i32 rup', F('fcvt_si', 'rup', 'default', [0x41dfffffffa00000n], 64, 32), 0x7fffffffn],
  // integer to float
  ['i32 -1 to f32', F('fcvt_from_si', 'rne', 'default', [0xffffffffn], 32, 32), 0xbf800000n],
  ['i32 0 to f32 rdn is +0', F('fcvt_from_si', 'rdn', 'default', [0n], 32, 32), P0],
  ['u32 max to f32 rne', F('fcvt_from_ui', 'rne', 'default', [0xffffffffn], 32, 32), 0x4f800000n],
  ['u32 max to f32 rtz', F('fcvt_from_ui', 'rtz', 'default', [0xffffffffn], 32, 32), 0x4f7fffffn],
  ['i32 max to f32 rdn', F('fcvt_from_si', 'rdn', 'default', [0x7fffffffn], 32, 32), 0x4effffffn],
  ['i64 2^53+1 to f64 rne', F('fcvt_from_si', 'rne', 'default', [(1n << 53n) + 1n], 64, 64), 0x4340000000000000n],
  ['i64 2^53+1 to f64 rup', F('fcvt_from_si', 'rup', 'default', [(1n << 53n) + 1n], 64, 64), 0x4340000000000001n],
  ['i64 min to f64', F('fcvt_from_si', 'rne', 'default', [1n << 63n], 64, 64), 0xc3e0000000000000n],
  ['u64 max to f64 rne', F('fcvt_from_ui', 'rne', 'default', [mask(64)], 64, 64), 0x43f0000000000000n],
  ['u64 max to f64 rtz', F('fcvt_from_ui', 'rtz', 'default', [mask(64)], 64, 64), 0x43efffffffffffffn],
  ['i32 -5 to f64', F('fcvt_from_si', 'rne', 'default', [0xfffffffbn], 32, 64), 0xc014000000000000n],
  // round to integral
  ['fround 2.5 rne', F('fround', 'rne', 'default', [0x40200000n]), TWO],
  ['fround 2.5 rmm', F('fround', 'rmm', 'default', [0x40200000n]), THREE],
  ['fround 2.5 rup', F('fround', 'rup', 'default', [0x40200000n]), THREE],
  ['fround 2.5 rdn', F('fround', 'rdn', 'default', [0x40200000n]), TWO],
  ['fround -0.5 rne is -0', F('fround', 'rne', 'default', [NHALF]), N0],
  ['fround -0.5 rup is -0', F('fround', 'rup', 'default', [NHALF]), N0],
  ['fround -0.5 rtz is -0', F('fround', 'rtz', 'default', [NHALF]), N0],
  ['fround -0.5 rdn', F('fround', 'rdn', 'default', [NHALF]), 0xbf800000n],
  ['fround -0.5 rmm', F('fround', 'rmm', 'default', [NHALF]), 0xbf800000n],
  ['fround 0.5 rdn', F('fround', 'rdn', 'default', [HALF]), P0],
  ['fround 0.5 rup', F('fround', 'rup', 'default', [HALF]), ONE],
  ['fround 1e30', F('fround', 'rne', 'default', [0x7149f2can]), 0x7149f2can],
  ['fround -inf', F('fround', 'rne', 'default', [NINF]), NINF],
  ['fround sNaN propagate', F('fround', 'rne', 'propagate', [SNAN1]), 0x7fc00001n],
  ['fround sNaN default', F('fround', 'rne', 'default', [SNAN1]), QNAN],
  ['f64 fround 2.5 rne', F('fround', 'rne', 'default', [0x4004000000000000n], 64), 0x4000000000000000n],
  // binary64 NaNs
  ['f64 sNaN+1 propagate', F('fadd', 'rne', 'propagate', [0x7ff0000000000009n, 0x3ff0000000000000n], 64), 0x7ff8000000000009n],
  ['f64 inf*0 default', F('fmul', 'rne', 'default', [0xfff0000000000000n, 0n], 64), D_QNAN],
];

/** All cases in one query: "some case differs from its expected value" must be unsat. */
async function expectAll(solver: Solver, cases: Case[]) {
  const differs = cases.map(([, node, want]) => ne(node, c(node.w, want)));
  const any = differs.reduce((acc, d): BV => ({ op: 'or', w: 1, a: acc, b: d }));
  const r = await solver.check({ assertions: [any], observe: cases.map(([, n]) => n) }, { timeoutMs: TIMEOUT });
  if (r.status === 'sat') {
    const bad = cases
      .map(([label, , want], i) => ({ label, want, got: r.observed[i]! }))
      .filter((x) => x.got !== x.want)
      .map((x) => `${x.label}: expected 0x${x.want.toString(16)}, z3 0x${x.got.toString(16)}`);
    expect(bad).toEqual([]);
  }
  expect(r.status).toBe('unsat');
}

// ---- random FP expressions ---------------------------------------------------

function specials(fw: 32 | 64): bigint[] {
  if (fw === 32) {
    return [P0, N0, PINF, NINF, QNAN, SNAN1, 0x7fa00005n, 0xffc12345n, NSNAN2, MINSUB, 0x807fffffn, MINNORM, MAXF, 0xff7fffffn,
      ONE, 0xbf800000n, HALF, NHALF, 0x3fc00000n, 0x40200000n, 0xc0200000n, THREE, 0x4f000000n, 0xcf000000n, 0x4f800000n,
      0x5f000000n, 0xdf000000n, 0x5f800000n, 0x3f800001n, EPS24, 0x4effffffn];
  }
  return [0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, D_QNAN, 0x7ff0000000000001n, 0x7ff4000020000000n, 0xfff8000000abcdefn,
    1n, 0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
    0x4004000000000000n, 0xc004000000000000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0x43e0000000000000n, 0xc3e0000000000000n,
    0x43f0000000000000n, 0x3ff0000010000000n, 0x41dfffffffa00000n];
}

const RMS: RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
const POLICIES: NanPolicy[] = ['default', 'propagate'];
const rmArb = fc.constantFrom(...RMS);
const nanArb = fc.constantFrom(...POLICIES);

function floatLeaf(fw: 32 | 64): fc.Arbitrary<BV> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...specials(fw)).map((v) => K(fw, v)) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: mask(fw) }).map((v) => K(fw, v)) },
    { weight: 2, arbitrary: fc.constantFrom('fa', 'fb').map((n): BV => ({ op: 'var', w: fw, name: `${n}:${fw}` })) },
  );
}

function floatArb(fw: 32 | 64, d: number): fc.Arbitrary<BV> {
  const leaf = floatLeaf(fw);
  if (d === 0) return leaf;
  const sub = () => floatArb(fw, d - 1);
  const other: 32 | 64 = fw === 32 ? 64 : 32;
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom<FpOp>('fadd', 'fsub', 'fmul', 'fdiv', 'fmin', 'fmax', 'fminnum', 'fmaxnum'), rmArb, nanArb, sub(), sub()).map(([op, rm, nan, a, b]) => F(op, rm, nan, [a, b], fw)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom<FpOp>('fsqrt', 'fround'), rmArb, nanArb, sub()).map(([op, rm, nan, a]) => F(op, rm, nan, [a], fw)) },
    { weight: 1, arbitrary: fc.tuple(rmArb, nanArb, sub(), sub(), sub()).map(([rm, nan, a, b, x]) => F('fma', rm, nan, [a, b, x], fw)) },
    { weight: 1, arbitrary: fc.tuple(rmArb, nanArb, floatArb(other, d - 1)).map(([rm, nan, a]) => F('fcvt_f', rm, nan, [a], other, fw)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom<FpOp>('fcvt_from_si', 'fcvt_from_ui'), rmArb, fc.constantFrom(32, 64), fc.bigInt({ min: 0n, max: mask(64) }))
        .map(([op, rm, iw, v]) => F(op, rm, 'default', [K(iw, v)], iw, fw)),
    },
  );
}

/** A top-level case: a float, an integer conversion, or a comparison. */
const fpCaseArb = fc.constantFrom<32 | 64>(32, 64).chain((fw) =>
  fc.oneof(
    floatArb(fw, 2),
    fc.tuple(fc.constantFrom<FpOp>('fcvt_si', 'fcvt_ui'), rmArb, nanArb, fc.constantFrom(32, 64), floatArb(fw, 1)).map(([op, rm, nan, w, a]) => F(op, rm, nan, [a], fw, w)),
    fc.tuple(fc.constantFrom<FpOp>('feq', 'flt', 'fle', 'funord'), floatArb(fw, 1), floatArb(fw, 1)).map(([op, a, b]) => F(op, 'rne', 'default', [a, b], fw, 1)),
  ),
);

async function checkAgainstInterpreter(solver: Solver, exprs: BV[], values: bigint[]) {
  const vars = new Map<string, { w: number; value: bigint }>();
  const env: Env = {
    variable(name, w) {
      const value = values[(name.length * 7 + w) % values.length]! & mask(w);
      vars.set(name, { w, value });
      return value;
    },
    memByte: () => 0,
  };
  const ev = new Evaluator(env);
  const expected = exprs.map((e) => ev.value(e));
  const assertions: BV[] = [...vars].map(([name, { w, value }]) => ({ op: 'eq', w: 1, a: { op: 'var', w, name }, b: K(w, value) }));
  const r = await solver.check({ assertions, observe: exprs }, { timeoutMs: TIMEOUT });
  expect(r.status).toBe('sat');
  if (r.status === 'sat') expect(r.observed.map((v) => '0x' + v.toString(16))).toEqual(expected.map((v) => '0x' + v.toString(16)));
}

/** Every operation on every combination of a few special operands, against the interpreter, one query per format. */
function specialTable(fw: 32 | 64): BV[] {
  const few = fw === 32
    ? [P0, N0, PINF, NINF, QNAN5, SNAN1, NQNAN7, NSNAN2, MINSUB, ONE, 0xc0200000n, MAXF]
    : [0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff800000000000an, 0x7ff0000000000001n, 1n, 0x3ff0000000000000n, 0xc004000000000000n];
  const out: BV[] = [];
  for (const nan of POLICIES) {
    for (const a of few) {
      out.push(F('fsqrt', 'rne', nan, [a], fw), F('fround', 'rmm', nan, [a], fw));
      out.push(F('fcvt_f', 'rne', nan, [a], fw, fw === 32 ? 64 : 32), F('fcvt_si', 'rne', nan, [a], fw, 32), F('fcvt_ui', 'rtz', nan, [a], fw, 64));
      for (const b of few) {
        for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fmin', 'fmax', 'fminnum', 'fmaxnum'] as const) out.push(F(op, 'rne', nan, [a, b], fw));
        if (nan === 'default') for (const op of ['feq', 'flt', 'fle', 'funord'] as const) out.push(F(op, 'rne', nan, [a, b], fw, 1));
      }
    }
    const fmaOps = few.slice(0, 7);
    for (const a of fmaOps) for (const b of fmaOps) for (const x of fmaOps) out.push(F('fma', 'rne', nan, [a, b, x], fw));
  }
  return out;
}

function fpSuite(backend: BackendName, randomRuns: number) {
  let solver: Solver;
  beforeAll(async () => {
    solver = new Solver({ backend, cache: false });
    await solver.start();
  });
  afterAll(async () => {
    await solver.close();
  });

  it(`proves all ${CASES.length} hand-computed special cases`, async () => {
    await expectAll(solver, CASES);
  });

  it('finds a wrong expectation (the check is not vacuous)', async () => {
    const r = await solver.check({ assertions: [ne(CASES[2]![1], c(32, QNAN))] }, { timeoutMs: TIMEOUT });
    expect(r.status).toBe('sat');
  });

  for (const fw of [32, 64] as const) {
    it(`agrees with the interpreter on every operation over special binary${fw} operands`, async () => {
      const exprs = specialTable(fw);
      expect(exprs.length).toBeGreaterThan(1500);
      await checkAgainstInterpreter(solver, exprs, [0n]);
    });
  }

  it('agrees with the interpreter on random FP expressions', async () => {
    const special = [...specials(32), ...specials(64)];
    await fc.assert(
      fc.asyncProperty(fc.array(fpCaseArb, { minLength: 6, maxLength: 6 }), fc.array(fc.constantFrom(...special), { minLength: 8, maxLength: 8 }), (exprs, values) =>
        checkAgainstInterpreter(solver, exprs, values),
      ),
      { numRuns: randomRuns },
    );
  });
}

describe('the interpreter (src/ir/fp.ts) on the hand-computed cases', () => {
  it('gives every expected bit pattern', () => {
    const ev = new Evaluator({ variable: () => 0n, memByte: () => 0 });
    const bad = CASES.filter(([, n, want]) => ev.value(n) !== want).map(([label, n, want]) => `${label}: expected 0x${want.toString(16)}, got 0x${ev.value(n).toString(16)}`);
    expect(bad).toEqual([]);
  });
});

describe('FP encoding (z3-solver WASM)', () => fpSuite('wasm', 80));
describeWithTools(['z3'], 'FP encoding (native z3)', () => fpSuite('native', 200));
