// The IR builders plus the few helpers RV64 semantics use everywhere.
import { c, concat, extract, sext, trunc, zext } from '../../../ir/build.js';
import { toSigned, type BV } from '../../../ir/expr.js';

export * from '../../../ir/build.js';

/** The value of a constant read as a signed 64-bit number, or undefined when not constant. */
export function toSignedConst(e: BV): bigint | undefined {
  return e.op === 'const' ? toSigned(e.value, e.w) : undefined;
}

/** A `*w` result: the low 32 bits, sign-extended to 64 as RV64 defines for every W instruction. */
export function w32(x: BV): BV {
  return sext(64, trunc(32, x));
}

/** A 1-bit condition as the 64-bit 0/1 that slt and the FP compares write. */
export function flag64(cond: BV): BV {
  return zext(64, cond);
}

/** Bit i of x as a 1-bit value. */
export function bit(x: BV, i: number): BV {
  return extract(i, i, x);
}

/** Concatenates 1-bit values, the first in the highest position. */
export function bits(...xs: BV[]): BV {
  return xs.reduce((acc, x) => concat(acc, x));
}

export const ZERO64 = c(64, 0);
export const ONES64 = c(64, -1);
