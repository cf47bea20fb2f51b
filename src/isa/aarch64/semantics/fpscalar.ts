// Scalar floating point: arithmetic, fused multiply-add, min/max, compares,
// conditional select and compare, conversions, rounding to integral, and
// every fmov form (register, general <-> FP, the upper half of a vector,
// immediates). Single (s) and double (d) precision; half precision has no
// IR format and is refused.
import type { Expr } from '../../../asm/ast.js';
import { c, concat, extract, ite, trunc, zext } from '../../../ir/build.js';
import type { BV, FpOp, RoundingMode } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { bitsValue, compareFlags, fabs, floatBits, fmulAdd, fneg, fpOp, isFpImm8, RNE } from './fpcore.js';
import {
  condition, flagsFromNzcv, fpr, fprOf, gpr, gprOf, immExpr, immSmall, isImmOperand, literalSpelling, operand, readFpr, readGpr,
  selectFlags, setFlags, vregNumber, writeFpr, writeGpr, type Ctx, type Fpr, type Ins,
} from './operands.js';

/** A single or double precision register operand. */
function fpReg(i: Ins, k: number, ctx: Ctx): Fpr {
  const f = fpr(i, k, ctx);
  if (f.w !== 32 && f.w !== 64) ctx.unsupported(`'${i.mnemonic}' on ${f.w}-bit registers is not modelled (single and double only)`);
  return f;
}

/** Operands 1.. of the same precision as operand 0. */
function sources(i: Ins, ctx: Ctx, count: number): { d: Fpr; args: BV[] } {
  const d = fpReg(i, 0, ctx);
  if (i.operands.length !== count + 1) ctx.unsupported(`'${i.mnemonic}' takes ${count + 1} operands`);
  const args: BV[] = [];
  for (let k = 1; k <= count; k++) {
    const f = fpReg(i, k, ctx);
    if (f.w !== d.w) ctx.unsupported(`'${i.mnemonic}' mixes precisions`);
    args.push(readFpr(ctx, f));
  }
  return { d, args };
}

function unary(op: (x: BV) => BV): InstructionSemantics {
  return (i, ctx) => {
    const { d, args } = sources(i, ctx, 1);
    writeFpr(ctx, d, op(args[0]!));
  };
}

function binary(op: (a: BV, b: BV) => BV): InstructionSemantics {
  return (i, ctx) => {
    const { d, args } = sources(i, ctx, 2);
    writeFpr(ctx, d, op(args[0]!, args[1]!));
  };
}

const arith = (fop: FpOp) => (a: BV, b: BV) => fpOp(fop, a.w, [a, b]);

/** fmadd/fmsub/fnmadd/fnmsub d, n, m, a: FPMulAdd with the Arm negations applied to the operands (NaN signs included). */
function fused(negAddend: boolean, negProduct: boolean): InstructionSemantics {
  return (i, ctx) => {
    const { d, args } = sources(i, ctx, 3);
    const [n, m, a] = args as [BV, BV, BV];
    writeFpr(ctx, d, fmulAdd(negAddend ? fneg(a) : a, negProduct ? fneg(n) : n, m));
  };
}

// ---------------------------------------------------------------- immediates

/**
 * The bit pattern of an FP immediate (`#1.5`, `-3.0e+0`, `#2`, `#0x40000000`):
 * gas reads a decimal integer as that value and a hex integer as the bit
 * pattern. Only values the 8-bit encoding holds (and +0.0, which gas
 * accepts for fmov and the compares) are taken.
 */
export function fpImmediate(i: Ins, k: number, ctx: Ctx, fw: number): bigint {
  const e: Expr = immExpr(i, k, ctx);
  const sign = e.kind === 'unary' && (e.op === '-' || e.op === '+') ? e.op : '';
  const inner = e.kind === 'unary' && sign ? e.arg : e;
  let value: number | undefined;
  if (inner.kind === 'float') value = Number(inner.text);
  else if (inner.kind === 'num') {
    const spelling = literalSpelling(inner) ?? inner.value.toString();
    if (/^0x/i.test(spelling)) {
      if (sign !== '' || inner.value >= 1n << BigInt(fw)) ctx.unsupported(`'${i.mnemonic}' hex immediate is not a ${fw}-bit pattern`);
      value = bitsValue(inner.value, fw);
    } else value = Number(spelling);
  }
  if (value === undefined || Number.isNaN(value)) return ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a floating-point constant`);
  if (sign === '-') value = -value;
  if (!isFpImm8(value)) ctx.unsupported(`'${i.mnemonic}' immediate ${value} is not encodable`);
  return floatBits(value, fw);
}

// ---------------------------------------------------------------- fmov

const fmov: InstructionSemantics = (i, ctx) => {
  if (i.operands.length !== 2) ctx.unsupported(`'fmov' takes two operands`);
  const [a, b] = [operand(i, 0, ctx), operand(i, 1, ctx)];
  // fmov v0.d[1], x0: writes the upper half only, the lower half is kept.
  if (a.kind === 'vreg' && a.index !== undefined) {
    const g = gpr(i, 1, ctx);
    if (a.arrangement !== 'd' || a.index !== 1 || g.w !== 64) ctx.unsupported(`'fmov' lane form must be v.d[1], xN`);
    const reg = `v${vregNumber(a)}`;
    ctx.set(reg, concat(readGpr(ctx, g), extract(63, 0, ctx.get(reg))));
    return;
  }
  if (b.kind === 'vreg' && b.index !== undefined) {
    const g = gpr(i, 0, ctx);
    if (b.arrangement !== 'd' || b.index !== 1 || g.w !== 64) ctx.unsupported(`'fmov' lane form must be xN, v.d[1]`);
    writeGpr(ctx, g, extract(127, 64, ctx.get(`v${vregNumber(b)}`)));
    return;
  }
  // fmov v0.4s, #imm: the immediate in every lane.
  if (a.kind === 'vreg') {
    const lane = a.arrangement === '2d' ? 64 : a.arrangement === '4s' || a.arrangement === '2s' ? 32 : 0;
    if (!lane || !isImmOperand(b)) ctx.unsupported(`'fmov' vector form ${a.arrangement}`);
    const bits = c(lane, fpImmediate(i, 1, ctx, lane));
    const total = a.arrangement === '2s' ? 64 : 128;
    let v = bits;
    for (let n = lane; n < total; n += lane) v = concat(bits, v);
    ctx.set(`v${vregNumber(a)}`, zext(128, v));
    return;
  }
  const da = a.kind === 'reg' ? fprOf(a.name) : undefined;
  if (da) {
    if (isImmOperand(b)) {
      if (da.w !== 32 && da.w !== 64) ctx.unsupported(`'fmov' immediate to a ${da.w}-bit register`);
      writeFpr(ctx, da, c(da.w, fpImmediate(i, 1, ctx, da.w)));
      return;
    }
    const sf = b.kind === 'reg' ? fprOf(b.name) : undefined;
    const sg = b.kind === 'reg' ? gprOf(b.name) : undefined;
    if (sf) {
      if (sf.w !== da.w || da.w === 8 || da.w === 128) ctx.unsupported(`'fmov' register sizes`);
      writeFpr(ctx, da, readFpr(ctx, sf));
      return;
    }
    if (sg && sg.root !== 'sp') {
      // General to FP: same size, or h from a W/X register (the low 16 bits).
      if (da.w === 16) writeFpr(ctx, da, trunc(16, readGpr(ctx, sg)));
      else if (da.w === sg.w) writeFpr(ctx, da, readGpr(ctx, sg));
      else ctx.unsupported(`'fmov' sizes differ`);
      return;
    }
  }
  const dg = a.kind === 'reg' ? gprOf(a.name) : undefined;
  const sf = b.kind === 'reg' ? fprOf(b.name) : undefined;
  if (dg && dg.root !== 'sp' && sf) {
    if (sf.w === 16) writeGpr(ctx, dg, zext(dg.w, readFpr(ctx, sf)));
    else if (sf.w === dg.w) writeGpr(ctx, dg, readFpr(ctx, sf));
    else ctx.unsupported(`'fmov' sizes differ`);
    return;
  }
  ctx.unsupported(`'fmov' operand form`);
};

// ---------------------------------------------------------------- compares and selects

/** The second operand of fcmp/fcmpe: a register, or `#0.0` (compare with +0). */
function compareOperand(i: Ins, k: number, ctx: Ctx, fw: number): BV {
  if (isImmOperand(i.operands[k])) {
    if (fpImmediate(i, k, ctx, fw) !== 0n) ctx.unsupported(`'${i.mnemonic}' compares with #0.0 only`);
    return c(fw, 0);
  }
  const f = fpReg(i, k, ctx);
  if (f.w !== fw) ctx.unsupported(`'${i.mnemonic}' mixes precisions`);
  return readFpr(ctx, f);
}

/** fcmp and fcmpe differ only in the exception raised for quiet NaNs, which is not modelled. */
const fcmp: InstructionSemantics = (i, ctx) => {
  const n = fpReg(i, 0, ctx);
  setFlags(ctx, compareFlags(readFpr(ctx, n), compareOperand(i, 1, ctx, n.w)));
};

const fccmp: InstructionSemantics = (i, ctx) => {
  const n = fpReg(i, 0, ctx);
  const m = compareOperand(i, 1, ctx, n.w);
  const nzcv = immSmall(i, 2, ctx, 15);
  const holds = condition(i, 3, ctx);
  setFlags(ctx, selectFlags(holds, compareFlags(readFpr(ctx, n), m), flagsFromNzcv(nzcv)));
};

const fcsel: InstructionSemantics = (i, ctx) => {
  const d = fpr(i, 0, ctx);
  const n = fpr(i, 1, ctx);
  const m = fpr(i, 2, ctx);
  if (n.w !== d.w || m.w !== d.w || d.w < 16 || d.w > 64) ctx.unsupported(`'fcsel' register sizes`);
  writeFpr(ctx, d, ite(condition(i, 3, ctx), readFpr(ctx, n), readFpr(ctx, m)));
};

// ---------------------------------------------------------------- conversions

/** fcvt between single and double precision. */
const fcvt: InstructionSemantics = (i, ctx) => {
  const d = fpReg(i, 0, ctx);
  const n = fpReg(i, 1, ctx);
  if (d.w === n.w) ctx.unsupported(`'fcvt' converts between precisions`);
  writeFpr(ctx, d, fpOp('fcvt_f', n.w, [readFpr(ctx, n)], RNE, d.w));
};

/** Fixed-point fraction bits `#fbits` (operand 2), or 0. */
function fractionBits(i: Ins, ctx: Ctx, max: number): number {
  if (i.operands.length < 3) return 0;
  const f = immSmall(i, 2, ctx, max);
  if (f < 1) ctx.unsupported(`'${i.mnemonic}' fraction bits must be 1..${max}`);
  return f;
}

/** 2^e as a float of width fw (|e| <= 64 is always normal in both formats). */
function powerOfTwo(e: number, fw: number): BV {
  return c(fw, floatBits(2 ** e, fw));
}

/**
 * fcvt{z,a,m,n,p}{s,u} d, n{, #fbits}: float to integer with the
 * instruction's rounding, saturating, NaN to 0. The destination is a W/X
 * register or a scalar register of the source's size. With #fbits the
 * value is first scaled by 2^fbits: exact unless it overflows, and then the
 * conversion saturates as the exact value would.
 */
function toInteger(rm: RoundingMode, signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const n = fpReg(i, 1, ctx);
    let x = readFpr(ctx, n);
    const dst = operand(i, 0, ctx);
    const dg = dst.kind === 'reg' ? gprOf(dst.name) : undefined;
    const w = dg ? dg.w : fpReg(i, 0, ctx).w;
    if (!dg && w !== n.w) ctx.unsupported(`'${i.mnemonic}' scalar form keeps the size`);
    const fbits = fractionBits(i, ctx, w);
    if (fbits) {
      if (rm !== 'rtz') ctx.unsupported(`'${i.mnemonic}' has no fixed-point form`);
      x = fpOp('fmul', n.w, [x, powerOfTwo(fbits, n.w)]);
    }
    const r = fpOp(signed ? 'fcvt_si' : 'fcvt_ui', n.w, [x], rm, w);
    if (dg) {
      if (dg.root === 'sp') ctx.unsupported(`'${i.mnemonic}' cannot write sp`);
      writeGpr(ctx, dg, r);
    } else writeFpr(ctx, fpReg(i, 0, ctx), r);
  };
}

/** scvtf/ucvtf d, n{, #fbits}: integer (W/X register or same-size scalar register) to float, RNE; fixed point divides by 2^fbits exactly. */
function fromInteger(signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = fpReg(i, 0, ctx);
    const src = operand(i, 1, ctx);
    const sg = src.kind === 'reg' ? gprOf(src.name) : undefined;
    let x: BV;
    if (sg) {
      if (sg.root === 'sp') ctx.unsupported(`'${i.mnemonic}' cannot read sp`);
      x = readGpr(ctx, sg);
    } else {
      const f = fpReg(i, 1, ctx);
      if (f.w !== d.w) ctx.unsupported(`'${i.mnemonic}' scalar form keeps the size`);
      x = readFpr(ctx, f);
    }
    const fbits = fractionBits(i, ctx, x.w);
    let r = fpOp(signed ? 'fcvt_from_si' : 'fcvt_from_ui', x.w, [x], RNE, d.w);
    if (fbits) r = fpOp('fmul', d.w, [r, powerOfTwo(-fbits, d.w)]);
    writeFpr(ctx, d, r);
  };
}

/** frint*: round to an integral value; frintx and frinti use the current mode (RNE under the assumed FPCR). */
function roundIntegral(rm: RoundingMode): InstructionSemantics {
  return unary((x) => fpOp('fround', x.w, [x], rm));
}

export const ROUNDING: Record<string, RoundingMode> = { a: 'rmm', m: 'rdn', n: 'rne', p: 'rup', z: 'rtz', x: RNE, i: RNE };

export const FP_SCALAR_SEMANTICS: Record<string, InstructionSemantics> = {
  fmov,
  fadd: binary(arith('fadd')),
  fsub: binary(arith('fsub')),
  fmul: binary(arith('fmul')),
  fdiv: binary(arith('fdiv')),
  // FNMUL negates the rounded product, a NaN result included.
  fnmul: binary((a, b) => fneg(fpOp('fmul', a.w, [a, b]))),
  fabd: binary((a, b) => fabs(fpOp('fsub', a.w, [a, b]))),
  fmax: binary(arith('fmax')),
  fmin: binary(arith('fmin')),
  fmaxnm: binary(arith('fmaxnum')),
  fminnm: binary(arith('fminnum')),
  fsqrt: unary((x) => fpOp('fsqrt', x.w, [x])),
  fabs: unary(fabs),
  fneg: unary(fneg),
  fmadd: fused(false, false),
  fmsub: fused(false, true),
  fnmadd: fused(true, true),
  fnmsub: fused(true, false),
  fcmp,
  fcmpe: fcmp,
  fccmp,
  fccmpe: fccmp,
  fcsel,
  fcvt,
  scvtf: fromInteger(true),
  ucvtf: fromInteger(false),
};

for (const [letter, rm] of Object.entries(ROUNDING)) {
  if (letter !== 'x' && letter !== 'i') {
    FP_SCALAR_SEMANTICS[`fcvt${letter}s`] = toInteger(rm, true);
    FP_SCALAR_SEMANTICS[`fcvt${letter}u`] = toInteger(rm, false);
  }
  FP_SCALAR_SEMANTICS[`frint${letter}`] = roundIntegral(rm);
}
