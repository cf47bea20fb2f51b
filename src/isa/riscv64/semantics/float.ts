// F and D computation: arithmetic, the fused multiply-add family, sign
// injection, minimum/maximum, comparisons and fclass. Every operation uses
// NanPolicy 'default' (RISC-V always returns the canonical NaN) and reads
// single-precision operands through NaN unboxing (operands.ts).
import type { BV, FpOp } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { and, bit, bits, c, concat, eq, extract, flag64, fp, not, xor, zext } from './bv.js';
import { readF, writeF, writeX, type Ins } from './operands.js';
import { rounded } from './rounding.js';

type Fw = 32 | 64;

const signMask = (fw: Fw) => c(fw, 1n << BigInt(fw - 1));
/** Exact negation: flips the sign bit, as the fused forms negate their operands. */
const fneg = (x: BV) => xor(x, signMask(x.w as Fw));

/** `op fd, fs1, fs2[, rm]` and `fsqrt fd, fs1[, rm]`. */
const arith = (fop: FpOp, fw: Fw, n: number): InstructionSemantics => (i, ctx) => {
  const args = Array.from({ length: n }, (_, k) => readF(fw, i, k + 1, ctx));
  writeF(fw, i, 0, ctx, rounded(i, n + 1, ctx, fw, args, (rm) => fp(fop, fw, fw, rm, 'default', args)));
};

/**
 * The fused forms, as the unprivileged spec defines them, with one rounding:
 *   fmadd  =  rs1*rs2 + rs3      fmsub  =  rs1*rs2 - rs3
 *   fnmsub = -(rs1*rs2) + rs3    fnmadd = -(rs1*rs2) - rs3
 * The IR's fma is addend + x*y, so the negations move onto the operands
 * (exactly as the hardware does; with default NaNs the sign of a NaN operand
 * cannot show in the result).
 */
const FUSED: Record<string, (a: BV, b: BV, c3: BV) => BV[]> = {
  fmadd: (a, b, c3) => [c3, a, b],
  fmsub: (a, b, c3) => [fneg(c3), a, b],
  fnmsub: (a, b, c3) => [c3, fneg(a), b],
  fnmadd: (a, b, c3) => [fneg(c3), fneg(a), b],
};

const fused = (kind: string, fw: Fw): InstructionSemantics => (i, ctx) => {
  const ins = [readF(fw, i, 1, ctx), readF(fw, i, 2, ctx), readF(fw, i, 3, ctx)];
  const args = FUSED[kind]!(ins[0]!, ins[1]!, ins[2]!);
  writeF(fw, i, 0, ctx, rounded(i, 4, ctx, fw, ins, (rm) => fp('fma', fw, fw, rm, 'default', args)));
};

/** Two-operand operations without rounding: `op fd, fs1, fs2`. */
const binaryF = (fw: Fw, f: (a: BV, b: BV) => BV): InstructionSemantics => (i, ctx) =>
  writeF(fw, i, 0, ctx, f(readF(fw, i, 1, ctx), readF(fw, i, 2, ctx)));

/** One-operand pseudo-instructions `fmv/fneg/fabs fd, fs` (fsgnj* fd, fs, fs). */
const unaryF = (fw: Fw, f: (a: BV) => BV): InstructionSemantics => (i, ctx) => writeF(fw, i, 0, ctx, f(readF(fw, i, 1, ctx)));

const magnitude = (x: BV) => extract(x.w - 2, 0, x);
const sign = (x: BV) => bit(x, x.w - 1);
const fsgnj = (a: BV, b: BV) => concat(sign(b), magnitude(a));
const fsgnjn = (a: BV, b: BV) => concat(not(sign(b)), magnitude(a));
const fsgnjx = (a: BV, b: BV) => concat(xor(sign(a), sign(b)), magnitude(a));

/** Comparisons write 0/1 to an integer register; NaN operands compare false. */
const compare = (fop: 'feq' | 'flt' | 'fle', fw: Fw, swapped: boolean): InstructionSemantics => (i, ctx) => {
  const a = readF(fw, i, 1, ctx);
  const b = readF(fw, i, 2, ctx);
  const [x, y] = swapped ? [b, a] : [a, b];
  const r = fp(fop, 1, fw, 'rne', 'default', [x, y]);
  writeX(i, 0, ctx, flag64(r));
};

/**
 * fclass: a one-hot 10-bit mask, bit by bit from the encoding:
 * 0 -inf, 1 negative normal, 2 negative subnormal, 3 -0, 4 +0,
 * 5 positive subnormal, 6 positive normal, 7 +inf, 8 signalling NaN, 9 quiet NaN.
 */
export function fclassBits(x: BV): BV {
  const fw = x.w;
  const mant = fw === 32 ? 23 : 52;
  const exp = extract(fw - 2, mant, x);
  const frac = extract(mant - 1, 0, x);
  const expOnes = eq(exp, c(exp.w, -1));
  const expZero = eq(exp, c(exp.w, 0));
  const fracZero = eq(frac, c(frac.w, 0));
  const neg = sign(x);
  const pos = not(neg);
  const inf = and(expOnes, fracZero);
  const nan = and(expOnes, not(fracZero));
  const quiet = bit(x, mant - 1);
  const zero = and(expZero, fracZero);
  const sub = and(expZero, not(fracZero));
  const normal = and(not(expOnes), not(expZero));
  return bits(
    and(nan, quiet),
    and(nan, not(quiet)),
    and(pos, inf),
    and(pos, normal),
    and(pos, sub),
    and(pos, zero),
    and(neg, zero),
    and(neg, sub),
    and(neg, normal),
    and(neg, inf),
  );
}

const fclass = (fw: Fw): InstructionSemantics => (i: Ins, ctx) => writeX(i, 0, ctx, zext(64, fclassBits(readF(fw, i, 1, ctx))));

function build(): Record<string, InstructionSemantics> {
  const out: Record<string, InstructionSemantics> = {};
  for (const [s, fw] of [['s', 32], ['d', 64]] as const) {
    out[`fadd.${s}`] = arith('fadd', fw, 2);
    out[`fsub.${s}`] = arith('fsub', fw, 2);
    out[`fmul.${s}`] = arith('fmul', fw, 2);
    out[`fdiv.${s}`] = arith('fdiv', fw, 2);
    out[`fsqrt.${s}`] = arith('fsqrt', fw, 1);
    for (const kind of Object.keys(FUSED)) out[`${kind}.${s}`] = fused(kind, fw);
    out[`fsgnj.${s}`] = binaryF(fw, fsgnj);
    out[`fsgnjn.${s}`] = binaryF(fw, fsgnjn);
    out[`fsgnjx.${s}`] = binaryF(fw, fsgnjx);
    out[`fmv.${s}`] = unaryF(fw, (a) => a);
    out[`fneg.${s}`] = unaryF(fw, (a) => fsgnjn(a, a));
    out[`fabs.${s}`] = unaryF(fw, (a) => fsgnjx(a, a));
    // minNum/maxNum with -0 < +0; one NaN operand gives the other, two give the canonical NaN.
    out[`fmin.${s}`] = binaryF(fw, (a, b) => fp('fminnum', fw, fw, 'rne', 'default', [a, b]));
    out[`fmax.${s}`] = binaryF(fw, (a, b) => fp('fmaxnum', fw, fw, 'rne', 'default', [a, b]));
    out[`feq.${s}`] = compare('feq', fw, false);
    out[`flt.${s}`] = compare('flt', fw, false);
    out[`fle.${s}`] = compare('fle', fw, false);
    out[`fgt.${s}`] = compare('flt', fw, true);
    out[`fge.${s}`] = compare('fle', fw, true);
    out[`fclass.${s}`] = fclass(fw);
  }
  return out;
}

export const FLOAT_SEMANTICS: Record<string, InstructionSemantics> = build();
