// Bit-vector expressions: the one language in which instruction semantics are
// written. The interpreter evaluates them on concrete values; the Z3 layer
// encodes them as SMT-LIB bit-vectors and arrays. Operators follow SMT-LIB
// exactly (division by zero included), so both agree by construction; each
// ISA's semantics wraps them where the hardware differs.
//
// Expressions are immutable DAGs: share subterms freely. Build them with the
// functions in build.ts, which fold constants and simplify.

export type BinOp =
  | 'add' | 'sub' | 'mul'
  /** SMT-LIB: x udiv 0 = all ones; x urem 0 = x; sdiv/srem follow bvsdiv/bvsrem. */
  | 'udiv' | 'sdiv' | 'urem' | 'srem'
  | 'and' | 'or' | 'xor'
  /** SMT-LIB: shifting by the width or more gives 0 (shl, lshr) or the sign (ashr). */
  | 'shl' | 'lshr' | 'ashr';

export type CmpOp = 'eq' | 'ult' | 'ule' | 'slt' | 'sle';

/**
 * IEEE 754 operations on bit patterns. Formats are binary32 (fw 32) and
 * binary64 (fw 64). The concrete meaning (src/ir/fp.ts) and the Z3 encoding
 * (src/smt/) must agree on every rule below; tests compare them.
 *
 * Arithmetic, result width w = fw, rounding `rm`:
 * - fadd, fsub, fmul, fdiv (args a, b), fsqrt (a);
 * - fma (args addend, x, y): addend + x*y with a single rounding.
 * NaN results follow the node's NanPolicy, with operands considered in
 * argument order (so AArch64 passes fmadd as [Da, Dn, Dm]); one exception,
 * from AArch64 FPMulAdd: a quiet NaN addend with x*y = inf * 0 gives the
 * default NaN under either policy.
 *
 * fmin, fmax: any NaN operand gives a NaN by the policy; -0 < +0.
 * fminnum, fmaxnum (IEEE 754-2008 minNum/maxNum; -0 < +0): both NaN gives a
 * NaN by the policy; exactly one NaN: with `default` the other operand
 * (RISC-V fmin/fmax), with `propagate` the other operand if the NaN is quiet
 * and the quieted NaN if it is signalling (AArch64 fminnm/fmaxnm).
 *
 * feq, flt, fle, funord: w = 1; false when an operand is NaN (funord: true).
 *
 * fcvt_f: float of width fw to float of width w (rounding rm when narrowing);
 * a NaN gives the canonical NaN under `default`, and under `propagate` the
 * quieted input NaN with its payload's top bits kept (AArch64 FPConvert).
 *
 * fcvt_si, fcvt_ui: float of width fw to a w-bit signed/unsigned integer with
 * rounding rm; out-of-range values saturate to the nearest bound; a NaN gives
 * the largest value under `default` (RISC-V) and 0 under `propagate` (AArch64).
 *
 * fcvt_from_si, fcvt_from_ui: a fw-bit signed/unsigned integer to a float of
 * width w, rounding rm.
 *
 * fround: round to an integral value in the same format (w = fw) with rm;
 * NaN by the policy; the sign of zero kept.
 *
 * Exception flags are not produced: instructions that read the accrued
 * flags (RISC-V frflags, AArch64 mrs fpsr) have no semantics, so code that
 * depends on them is reported, never mistranslated.
 */
export type FpOp =
  | 'fadd' | 'fsub' | 'fmul' | 'fdiv' | 'fsqrt' | 'fma'
  | 'fmin' | 'fmax' | 'fminnum' | 'fmaxnum'
  | 'feq' | 'flt' | 'fle' | 'funord'
  | 'fcvt_f' | 'fcvt_si' | 'fcvt_ui' | 'fcvt_from_si' | 'fcvt_from_ui'
  | 'fround';

export type RoundingMode = 'rne' | 'rtz' | 'rdn' | 'rup' | 'rmm';

/**
 * What a NaN result is: `default` gives the canonical quiet NaN (binary32
 * 0x7fc00000, binary64 0x7ff8000000000000: RISC-V always, AArch64 with
 * FPCR.DN); `propagate` gives the first signalling NaN operand made quiet,
 * else the first quiet NaN operand, else (an invalid operation on numbers,
 * such as inf - inf) the default NaN (AArch64 default).
 */
export type NanPolicy = 'default' | 'propagate';

export type BV =
  | { readonly op: 'const'; readonly w: number; readonly value: bigint }
  /** A free input: an initial register or flag, a symbol's address, an unknown. */
  | { readonly op: 'var'; readonly w: number; readonly name: string }
  | { readonly op: 'not' | 'neg'; readonly w: number; readonly a: BV }
  | { readonly op: BinOp; readonly w: number; readonly a: BV; readonly b: BV }
  | { readonly op: CmpOp; readonly w: 1; readonly a: BV; readonly b: BV }
  | { readonly op: 'ite'; readonly w: number; readonly c: BV; readonly t: BV; readonly e: BV }
  | { readonly op: 'extract'; readonly w: number; readonly hi: number; readonly lo: number; readonly a: BV }
  /** `a` in the high bits, `b` in the low bits. */
  | { readonly op: 'concat'; readonly w: number; readonly a: BV; readonly b: BV }
  | { readonly op: 'zext' | 'sext'; readonly w: number; readonly a: BV }
  /** Little-endian load of w/8 bytes. */
  | { readonly op: 'load'; readonly w: number; readonly mem: Mem; readonly addr: BV }
  | {
      readonly op: 'fp';
      readonly w: number;
      readonly fop: FpOp;
      /** Format width of the operands (32 or 64); for conversions from integers, the integer width. */
      readonly fw: number;
      readonly rm: RoundingMode;
      readonly nan: NanPolicy;
      readonly args: readonly BV[];
    }
  /**
   * An uninterpreted function: the result of something outside the program
   * (an external call's return value), equal whenever its arguments are.
   */
  | { readonly op: 'uf'; readonly w: number; readonly name: string; readonly args: readonly BV[] };

/** Memory: an initial byte array, updated by little-endian stores. */
export type Mem =
  | { readonly op: 'mem0'; readonly name: string }
  | { readonly op: 'store'; readonly mem: Mem; readonly addr: BV; readonly value: BV };

export const MASKS: bigint[] = Array.from({ length: 257 }, (_, w) => (1n << BigInt(w)) - 1n);

export function mask(w: number): bigint {
  return MASKS[w] ?? (1n << BigInt(w)) - 1n;
}

/** The value of a w-bit pattern read as two's complement. */
export function toSigned(v: bigint, w: number): bigint {
  return v >> BigInt(w - 1) ? v - (1n << BigInt(w)) : v;
}
