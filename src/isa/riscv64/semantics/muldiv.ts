// The M extension. Division is written out with the RISC-V rules rather
// than left to the IR's SMT-LIB operators, so the meaning does not depend on
// SMT-LIB's own division-by-zero convention:
//   x / 0 = all ones (unsigned) or -1 (signed); x % 0 = x;
//   INT_MIN / -1 = INT_MIN; INT_MIN % -1 = 0.
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { and, c, eq, extract, ite, mul, sdiv, sext, srem, trunc, udiv, urem, w32, zext } from './bv.js';
import { readX, writeX } from './operands.js';

type Binary = (a: BV, b: BV) => BV;

const rrr = (f: Binary): InstructionSemantics => (i, ctx) => writeX(i, 0, ctx, f(readX(i, 1, ctx), readX(i, 2, ctx)));

/** A `*w` operation: computed on the low 32 bits, the 32-bit result sign-extended. */
const word = (f: Binary): Binary => (a, b) => sext(64, f(trunc(32, a), trunc(32, b)));

const zero = (w: number) => c(w, 0);
const allOnes = (w: number) => c(w, -1);
const intMin = (w: number) => c(w, 1n << BigInt(w - 1));
const overflow = (a: BV, b: BV) => and(eq(a, intMin(a.w)), eq(b, allOnes(b.w)));

const div: Binary = (a, b) => ite(eq(b, zero(b.w)), allOnes(a.w), ite(overflow(a, b), intMin(a.w), sdiv(a, b)));
const divu: Binary = (a, b) => ite(eq(b, zero(b.w)), allOnes(a.w), udiv(a, b));
const rem: Binary = (a, b) => ite(eq(b, zero(b.w)), a, ite(overflow(a, b), zero(a.w), srem(a, b)));
const remu: Binary = (a, b) => ite(eq(b, zero(b.w)), a, urem(a, b));

/** The high 64 bits of the 128-bit product, each operand extended as the instruction says. */
const mulHigh = (ea: typeof sext, eb: typeof sext): Binary => (a, b) => extract(127, 64, mul(ea(128, a), eb(128, b)));

export const MULDIV_SEMANTICS: Record<string, InstructionSemantics> = {
  mul: rrr(mul),
  mulh: rrr(mulHigh(sext, sext)),
  mulhsu: rrr(mulHigh(sext, zext)),
  mulhu: rrr(mulHigh(zext, zext)),
  div: rrr(div),
  divu: rrr(divu),
  rem: rrr(rem),
  remu: rrr(remu),
  mulw: rrr((a, b) => w32(mul(a, b))),
  divw: rrr(word(div)),
  divuw: rrr(word(divu)),
  remw: rrr(word(rem)),
  remuw: rrr(word(remu)),
};
