// Concrete IEEE 754 semantics of the IR's floating-point operations (the
// rules are in the comments on FpOp, RoundingMode and NanPolicy in
// expr.ts). Values are bit patterns; every operation decodes them to exact
// bigint values, computes exactly, and rounds once (src/ir/fp/round.ts).
// Host doubles are never used, so results do not depend on the JS engine.
//
// Layout: fp/format.ts (formats, decoding), fp/round.ts (the rounding),
// fp/nan.ts (NaN policies), fp/arith.ts, fp/compare.ts, fp/convert.ts.
import { mask, type BV } from './expr.js';
import { fadd, fdiv, fma, fmul, fsqrt, fsub } from './fp/arith.js';
import { fcompare, fminmax } from './fp/compare.js';
import { fcvtFloat, fcvtFromInt, fcvtToInt, fround } from './fp/convert.js';
import { formatOf, type Format } from './fp/format.js';

export { FpNotImplemented } from './fp/format.js';

type FpNode = Extract<BV, { op: 'fp' }>;

/** A malformed node is a bug in a semantics, so it throws (as the builders do for widths). */
function malformed(e: FpNode, why: string): never {
  throw new Error(`IR fp '${e.fop}' (fw ${e.fw}, w ${e.w}): ${why}`);
}

function checkArity(e: FpNode, args: bigint[], n: number): void {
  if (e.args.length !== n || args.length !== n) malformed(e, `expects ${n} operands, got ${args.length}`);
}

function checkWidth(e: FpNode, w: number): void {
  if (e.w !== w) malformed(e, `result width must be ${w}`);
}

/** The operand format of an operation whose operands are floats of width fw; checks arity and widths. */
function operandFormat(e: FpNode, args: bigint[], arity: number, resultWidth: number): Format {
  const f = formatOf(e.fw);
  checkArity(e, args, arity);
  checkWidth(e, resultWidth);
  for (const a of e.args) if (a.w !== e.fw) malformed(e, `operand of ${a.w} bits`);
  return f;
}

function checkIntWidth(e: FpNode, w: number): void {
  if (!Number.isInteger(w) || w < 1) malformed(e, `integer width ${w}`);
}

export function evalFp(e: FpNode, args: bigint[]): bigint {
  const { rm, nan } = e;
  switch (e.fop) {
    case 'fadd': case 'fsub': case 'fmul': case 'fdiv': {
      const f = operandFormat(e, args, 2, e.fw);
      const [a, b] = args.map((x) => x & mask(e.fw)) as [bigint, bigint];
      const op = { fadd, fsub, fmul, fdiv }[e.fop];
      return op(a, b, f, rm, nan);
    }
    case 'fsqrt': {
      const f = operandFormat(e, args, 1, e.fw);
      return fsqrt(args[0]! & mask(e.fw), f, rm, nan);
    }
    case 'fma': {
      const f = operandFormat(e, args, 3, e.fw);
      const [c, a, b] = args.map((x) => x & mask(e.fw)) as [bigint, bigint, bigint];
      return fma(c, a, b, f, rm, nan);
    }
    case 'fmin': case 'fmax': case 'fminnum': case 'fmaxnum': {
      const f = operandFormat(e, args, 2, e.fw);
      return fminmax(e.fop, args[0]! & mask(e.fw), args[1]! & mask(e.fw), f, nan);
    }
    case 'feq': case 'flt': case 'fle': case 'funord': {
      const f = operandFormat(e, args, 2, 1);
      return fcompare(e.fop, args[0]! & mask(e.fw), args[1]! & mask(e.fw), f);
    }
    case 'fcvt_f': {
      const from = operandFormat(e, args, 1, e.w);
      return fcvtFloat(args[0]! & mask(e.fw), from, formatOf(e.w), rm, nan);
    }
    case 'fcvt_si': case 'fcvt_ui': {
      const f = operandFormat(e, args, 1, e.w);
      checkIntWidth(e, e.w);
      return fcvtToInt(args[0]! & mask(e.fw), f, e.w, e.fop === 'fcvt_si', rm, nan);
    }
    case 'fcvt_from_si': case 'fcvt_from_ui': {
      checkArity(e, args, 1);
      checkIntWidth(e, e.fw);
      if (e.args[0]!.w !== e.fw) malformed(e, `operand of ${e.args[0]!.w} bits`);
      return fcvtFromInt(args[0]!, e.fw, e.fop === 'fcvt_from_si', formatOf(e.w), rm);
    }
    case 'fround': {
      const f = operandFormat(e, args, 1, e.fw);
      return fround(args[0]! & mask(e.fw), f, rm, nan);
    }
  }
}
