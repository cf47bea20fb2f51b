// Directed conversion cases with hand-derived bit patterns: narrowing in
// every rounding mode, NaN payloads (AArch64 FPConvertNaN), saturation of
// every float-to-integer conversion (RISC-V fcvt, AArch64 FCVT*), integer
// to float ties, and fround in every mode.
import { describe, expect, it } from 'vitest';
import { c, fp } from '../src/ir/build.js';
import type { FpOp, NanPolicy, RoundingMode } from '../src/ir/expr.js';
import { evalFp } from '../src/ir/fp.js';

const RMS: RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];
type PerMode = Record<RoundingMode, bigint>;

function run(fop: FpOp, w: number, fw: number, rm: RoundingMode, nan: NanPolicy, a: bigint): bigint {
  return evalFp(fp(fop, w, fw, rm, nan, [c(fw, a)]) as never, [a]);
}
const hex = (x: bigint) => `0x${x.toString(16)}`;
const all = (x: bigint): PerMode => ({ rne: x, rtz: x, rdn: x, rup: x, rmm: x });

/** One test per rounding mode: `fop` from width fw to width w must give want[rm]. */
function perMode(name: string, fop: FpOp, w: number, fw: number, a: bigint, want: PerMode, nan: NanPolicy = 'default'): void {
  it.each(RMS)(`${name} (%s)`, (rm) => {
    expect(hex(run(fop, w, fw, rm, nan, a))).toBe(hex(want[rm]));
  });
}

const MAX32 = 0x7f7fffffn;
const INF32 = 0x7f800000n;
const N32 = 0x80000000n;
const N64 = 0x8000000000000000n;

describe('fcvt_f', () => {
  perMode('1 + 2^-24 to binary32: tie', 'fcvt_f', 32, 64, 0x3ff0000010000000n, {
    rne: 0x3f800000n, rtz: 0x3f800000n, rdn: 0x3f800000n, rup: 0x3f800001n, rmm: 0x3f800001n,
  });
  perMode('2^128 overflows', 'fcvt_f', 32, 64, 0x47f0000000000000n, { rne: INF32, rtz: MAX32, rdn: MAX32, rup: INF32, rmm: INF32 });
  perMode('-2^128 overflows', 'fcvt_f', 32, 64, 0xc7f0000000000000n, {
    rne: INF32 | N32, rtz: MAX32 | N32, rdn: INF32 | N32, rup: MAX32 | N32, rmm: INF32 | N32,
  });
  perMode('2^-150: tie with zero', 'fcvt_f', 32, 64, 0x3690000000000000n, { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 1n });
  perMode('least binary64 subnormal', 'fcvt_f', 32, 64, 1n, { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 0n });
  perMode('minus least binary64 subnormal', 'fcvt_f', 32, 64, N64 | 1n, { rne: N32, rtz: N32, rdn: N32 | 1n, rup: N32, rmm: N32 });
  perMode('-0 stays -0', 'fcvt_f', 32, 64, N64, all(N32));
  perMode('-inf', 'fcvt_f', 32, 64, 0xfff0000000000000n, all(INF32 | N32));
  perMode('least binary32 subnormal widens exactly', 'fcvt_f', 64, 32, 1n, all(0x36a0000000000000n));
  perMode('binary32 max widens exactly', 'fcvt_f', 64, 32, MAX32, all(0x47efffffe0000000n));

  const nans: [string, number, number, bigint, bigint][] = [
    // name, w, fw, input, result under propagate (default gives the canonical NaN)
    ['signalling, payload 1, narrowed: low bits dropped', 32, 64, 0x7ff0000000000001n, 0x7fc00000n],
    ['signalling, top payload bit kept', 32, 64, 0x7ff4000000000000n, 0x7fe00000n],
    ['quiet, negative, payload bit 29 becomes bit 0', 32, 64, 0xfff8000020000000n, 0xffc00001n],
    ['signalling, payload 1, widened: moves up 29 bits', 64, 32, 0x7f800001n, 0x7ff8000020000000n],
    ['negative signalling, top payload bit', 64, 32, 0xffa00000n, 0xfffc000000000000n],
    ['quiet, full payload', 64, 32, 0x7fffffffn, 0x7fffffffe0000000n],
  ];
  it.each(nans)('NaN %s', (_name, w, fw, a, prop) => {
    for (const rm of RMS) {
      expect(hex(run('fcvt_f', w, fw, rm, 'default', a))).toBe(w === 32 ? '0x7fc00000' : '0x7ff8000000000000');
      expect(hex(run('fcvt_f', w, fw, rm, 'propagate', a))).toBe(hex(prop));
    }
  });
});

describe('fcvt_si and fcvt_ui saturate', () => {
  const I32 = { min: 0x80000000n, max: 0x7fffffffn, umax: 0xffffffffn };
  const I64 = { min: 0x8000000000000000n, max: 0x7fffffffffffffffn, umax: 0xffffffffffffffffn };
  // [name, fw, input, w, signed result per mode (or one for all), unsigned result]
  const rows: [string, number, bigint, number, PerMode | bigint, PerMode | bigint][] = [
    ['+inf', 32, INF32, 32, I32.max, I32.umax],
    ['-inf', 32, INF32 | N32, 32, I32.min, 0n],
    ['+inf to 64 bits', 64, 0x7ff0000000000000n, 64, I64.max, I64.umax],
    ['-inf to 64 bits', 64, 0xfff0000000000000n, 64, I64.min, 0n],
    ['2^31', 32, 0x4f000000n, 32, I32.max, 0x80000000n],
    ['-2^31 is exact', 32, 0xcf000000n, 32, I32.min, 0n],
    ['below -2^31', 32, 0xcf000001n, 32, I32.min, 0n],
    ['largest binary32 below 2^31', 32, 0x4effffffn, 32, 0x7fffff80n, 0x7fffff80n],
    ['2^32', 64, 0x41f0000000000000n, 32, I32.max, I32.umax],
    ['2^63', 64, 0x43e0000000000000n, 64, I64.max, 0x8000000000000000n],
    ['-2^63 is exact', 64, 0xc3e0000000000000n, 64, I64.min, 0n],
    ['2^64', 64, 0x43f0000000000000n, 64, I64.max, I64.umax],
    ['binary32 2^63', 32, 0x5f000000n, 64, I64.max, 0x8000000000000000n],
    ['binary32 max', 32, MAX32, 64, I64.max, I64.umax],
    ['-1', 64, 0xbff0000000000000n, 32, 0xffffffffn, 0n],
    ['-0', 32, N32, 32, 0n, 0n],
    ['least subnormal', 32, 1n, 32, { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 0n }, { rne: 0n, rtz: 0n, rdn: 0n, rup: 1n, rmm: 0n }],
    // -0.3: unsigned gives 0 both when it rounds to 0 and when it rounds to -1 (saturated).
    ['-0.3', 64, 0xbfd3333333333333n, 32, { rne: 0n, rtz: 0n, rdn: 0xffffffffn, rup: 0n, rmm: 0n }, 0n],
    ['-0.5: tie', 64, 0xbfe0000000000000n, 64, { rne: 0n, rtz: 0n, rdn: I64.umax, rup: 0n, rmm: I64.umax }, 0n],
    ['2.5: tie', 32, 0x40200000n, 32, { rne: 2n, rtz: 2n, rdn: 2n, rup: 3n, rmm: 3n }, { rne: 2n, rtz: 2n, rdn: 2n, rup: 3n, rmm: 3n }],
    ['-2.5: tie', 32, 0xc0200000n, 32, { rne: 0xfffffffen, rtz: 0xfffffffen, rdn: 0xfffffffdn, rup: 0xfffffffen, rmm: 0xfffffffdn }, 0n],
    ['2147483646.5', 64, 0x41dfffffffa00000n, 32, { rne: 0x7ffffffen, rtz: 0x7ffffffen, rdn: 0x7ffffffen, rup: I32.max, rmm: I32.max }, { rne: 0x7ffffffen, rtz: 0x7ffffffen, rdn: 0x7ffffffen, rup: I32.max, rmm: I32.max }],
    ['4294967295.5', 64, 0x41effffffff00000n, 32, I32.max, { rne: I32.umax, rtz: I32.umax, rdn: I32.umax, rup: I32.umax, rmm: I32.umax }],
    ['-2147483648.5', 64, 0xc1e0000000100000n, 32, I32.min, 0n],
  ];
  const at = (x: PerMode | bigint, rm: RoundingMode) => (typeof x === 'bigint' ? x : x[rm]);
  it.each(rows)('%s (from binary%i)', (_name, fw, a, w, s, u) => {
    for (const rm of RMS) {
      for (const nan of ['default', 'propagate'] as NanPolicy[]) {
        expect(hex(run('fcvt_si', w, fw, rm, nan, a)), `signed ${rm}`).toBe(hex(at(s, rm)));
        expect(hex(run('fcvt_ui', w, fw, rm, nan, a)), `unsigned ${rm}`).toBe(hex(at(u, rm)));
      }
    }
  });
  it('NaN gives the largest value under default (RISC-V) and 0 under propagate (AArch64)', () => {
    for (const [fw, a] of [[32, 0x7fc00000n], [32, 0xff800001n], [64, 0xfff8000000000000n], [64, 0x7ff0000000000001n]] as const) {
      for (const rm of RMS) {
        expect(run('fcvt_si', 32, fw, rm, 'default', a)).toBe(I32.max);
        expect(run('fcvt_ui', 32, fw, rm, 'default', a)).toBe(I32.umax);
        expect(run('fcvt_si', 64, fw, rm, 'default', a)).toBe(I64.max);
        expect(run('fcvt_ui', 64, fw, rm, 'default', a)).toBe(I64.umax);
        for (const op of ['fcvt_si', 'fcvt_ui'] as FpOp[]) for (const w of [32, 64]) expect(run(op, w, fw, rm, 'propagate', a)).toBe(0n);
      }
    }
  });
});

describe('fcvt_from_si and fcvt_from_ui', () => {
  perMode('0 is +0 in every mode', 'fcvt_from_si', 32, 32, 0n, all(0n));
  perMode('signed -1', 'fcvt_from_si', 32, 32, 0xffffffffn, all(0xbf800000n));
  perMode('INT32_MIN', 'fcvt_from_si', 32, 32, 0x80000000n, all(0xcf000000n));
  perMode('unsigned 0xffffffff', 'fcvt_from_ui', 32, 32, 0xffffffffn, { rne: 0x4f800000n, rtz: 0x4f7fffffn, rdn: 0x4f7fffffn, rup: 0x4f800000n, rmm: 0x4f800000n });
  perMode('2^24 + 1: tie, even below', 'fcvt_from_ui', 32, 32, 0x1000001n, { rne: 0x4b800000n, rtz: 0x4b800000n, rdn: 0x4b800000n, rup: 0x4b800001n, rmm: 0x4b800001n });
  perMode('2^24 + 3: tie, even above', 'fcvt_from_si', 32, 32, 0x1000003n, { rne: 0x4b800002n, rtz: 0x4b800001n, rdn: 0x4b800001n, rup: 0x4b800002n, rmm: 0x4b800002n });
  perMode('-(2^24 + 1)', 'fcvt_from_si', 32, 32, 0xfeffffffn, { rne: 0xcb800000n, rtz: 0xcb800000n, rdn: 0xcb800001n, rup: 0xcb800000n, rmm: 0xcb800001n });
  perMode('INT64_MAX to binary64', 'fcvt_from_si', 64, 64, 0x7fffffffffffffffn, {
    rne: 0x43e0000000000000n, rtz: 0x43dfffffffffffffn, rdn: 0x43dfffffffffffffn, rup: 0x43e0000000000000n, rmm: 0x43e0000000000000n,
  });
  perMode('INT64_MIN to binary64', 'fcvt_from_si', 64, 64, 0x8000000000000000n, all(0xc3e0000000000000n));
  perMode('UINT64_MAX to binary32', 'fcvt_from_ui', 32, 64, 0xffffffffffffffffn, { rne: 0x5f800000n, rtz: 0x5f7fffffn, rdn: 0x5f7fffffn, rup: 0x5f800000n, rmm: 0x5f800000n });
  perMode('UINT64_MAX read as signed is -1', 'fcvt_from_si', 32, 64, 0xffffffffffffffffn, all(0xbf800000n));
  perMode('unsigned 32-bit to binary64 is exact', 'fcvt_from_ui', 64, 32, 0xffffffffn, all(0x41efffffffe00000n));
});

describe('fround', () => {
  perMode('-0.3 keeps the sign of zero', 'fround', 32, 32, 0xbe99999an, { rne: N32, rtz: N32, rdn: 0xbf800000n, rup: N32, rmm: N32 });
  perMode('0.3', 'fround', 32, 32, 0x3e99999an, { rne: 0n, rtz: 0n, rdn: 0n, rup: 0x3f800000n, rmm: 0n });
  perMode('0.5', 'fround', 32, 32, 0x3f000000n, { rne: 0n, rtz: 0n, rdn: 0n, rup: 0x3f800000n, rmm: 0x3f800000n });
  perMode('2.5', 'fround', 32, 32, 0x40200000n, { rne: 0x40000000n, rtz: 0x40000000n, rdn: 0x40000000n, rup: 0x40400000n, rmm: 0x40400000n });
  perMode('-2.5', 'fround', 32, 32, 0xc0200000n, { rne: 0xc0000000n, rtz: 0xc0000000n, rdn: 0xc0400000n, rup: 0xc0000000n, rmm: 0xc0400000n });
  perMode('3.5', 'fround', 64, 64, 0x400c000000000000n, {
    rne: 0x4010000000000000n, rtz: 0x4008000000000000n, rdn: 0x4008000000000000n, rup: 0x4010000000000000n, rmm: 0x4010000000000000n,
  });
  perMode('2^23 - 0.5', 'fround', 32, 32, 0x4affffffn, { rne: 0x4b000000n, rtz: 0x4afffffen, rdn: 0x4afffffen, rup: 0x4b000000n, rmm: 0x4b000000n });
  perMode('least subnormal', 'fround', 32, 32, 1n, { rne: 0n, rtz: 0n, rdn: 0n, rup: 0x3f800000n, rmm: 0n });
  perMode('minus least subnormal', 'fround', 32, 32, N32 | 1n, { rne: N32, rtz: N32, rdn: 0xbf800000n, rup: N32, rmm: N32 });
  perMode('an integral value is unchanged', 'fround', 32, 32, 0x4e800000n, all(0x4e800000n));
  perMode('binary64 max is unchanged', 'fround', 64, 64, 0x7fefffffffffffffn, all(0x7fefffffffffffffn));
  perMode('-0 is unchanged', 'fround', 64, 64, N64, all(N64));
  perMode('-inf is unchanged', 'fround', 32, 32, INF32 | N32, all(INF32 | N32));
  perMode('a signalling NaN under propagate is quieted', 'fround', 32, 32, 0x7fa00000n, all(0x7fe00000n), 'propagate');
  perMode('a NaN under default is canonical', 'fround', 64, 64, 0xfff0000000000001n, all(0x7ff8000000000000n));
});
