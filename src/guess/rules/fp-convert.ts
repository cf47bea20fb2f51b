// Lowering rules for AArch64 FP conversions to RV64GC: between precisions
// (fcvt), integer to float (scvtf, ucvtf, with fixed-point fraction bits),
// float to integer (fcvt[zamnp][su]) and rounding to an integral value
// (frint*), which RV64GC has no instruction for.
//
// Differences handled here:
// - fcvt of a NaN: AArch64 keeps the sign and the top payload bits (quiet),
//   RISC-V gives the canonical NaN: rebuilt on a slow path.
// - float to integer of a NaN: AArch64 gives 0, RISC-V the largest value:
//   masked with the operand's self-equality, branch-free. Out-of-range values
//   saturate identically on both.
// - 32-bit integer results: RISC-V sign-extends them, an AArch64 W write
//   zero-extends, so the mask also clears the upper half.
import { floatBits } from '../../isa/aarch64/semantics/fpcore.js';
import { ROUNDING } from '../../isa/aarch64/semantics/fpscalar.js';
import { CLASS_SNAN, fmt, fmvToF, fmvToX } from './fp-nan.js';
import { fpOperand, gprOperandOf, sameViewOperands, smallImmediate } from './fp-operands.js';
import type { FpView, LowerContext, LowerRule } from './types.js';

/** Result register: the destination, unless it is also the source a slow path reads later. */
function resultFor(ctx: LowerContext, dst: string, src: string): string {
  return dst === src ? ctx.fscratch() : dst;
}

/** fcvt d, s (exact widening) and fcvt s, d (rounding to nearest even). */
const fcvt: LowerRule = (ins, ctx) => {
  if (ins.operands.length !== 2) ctx.refuse(`'fcvt' takes two operands`);
  const [d, n] = [fpOperand(ins, 0, ctx), fpOperand(ins, 1, ctx)];
  if (d.view === n.view) ctx.refuse(`'fcvt' converts between precisions`);
  const a = ctx.readFpr(n.name, n.view);
  const w = ctx.writeFpr(d.name, d.view);
  const r = resultFor(ctx, w.reg, a);
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  const done = ctx.freshLabel('fcvt_done');
  if (d.view === 'd') {
    ctx.rule('fp-fcvt-d-s');
    ctx.emit(`fcvt.d.s ${r}, ${a}`);
    ctx.emit(`feq.d ${t}, ${r}, ${r}`);
    ctx.emit(`bnez ${t}, ${done}`);
    // NaN: sign, all-ones exponent, the 23 fraction bits on top of the 52, quiet.
    ctx.emit(`fmv.x.w ${t}, ${a}`);
    ctx.emit(`slli ${u}, ${t}, 41`);
    ctx.emit(`srli ${u}, ${u}, 12`);
    ctx.emit(`srli ${t}, ${t}, 63`);
    ctx.emit(`slli ${t}, ${t}, 63`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`li ${u}, 0x7ff8000000000000`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`fmv.d.x ${r}, ${t}`);
  } else {
    ctx.rule('fp-fcvt-s-d');
    ctx.emit(`fcvt.s.d ${r}, ${a}, rne`);
    ctx.emit(`feq.s ${t}, ${r}, ${r}`);
    ctx.emit(`bnez ${t}, ${done}`);
    // NaN: sign, all-ones exponent, the top 23 of the 52 fraction bits, quiet.
    ctx.emit(`fmv.x.d ${t}, ${a}`);
    ctx.emit(`slli ${u}, ${t}, 12`);
    ctx.emit(`srli ${u}, ${u}, 41`);
    ctx.emit(`srli ${t}, ${t}, 63`);
    ctx.emit(`slli ${t}, ${t}, 31`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`lui ${u}, 0x7fc00`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`fmv.w.x ${r}, ${t}`);
  }
  ctx.emit(`${done}:`);
  if (r !== w.reg) ctx.emit(`fmv.${d.view} ${w.reg}, ${r}`);
  w.commit();
  return true;
};

/** The RISC-V integer suffix of a conversion: w, wu, l, lu. */
const intSuffix = (bits: 32 | 64, signed: boolean) => `${bits === 32 ? 'w' : 'l'}${signed ? '' : 'u'}`;

/** `#fbits` (operand 2) or 0. */
function fractionBits(ins: Parameters<LowerRule>[0], max: number, ctx: LowerContext): number {
  if (ins.operands.length < 3) return 0;
  const f = smallImmediate(ins, 2, max, ctx);
  if (f < 1) ctx.refuse(`'${ins.mnemonic}' fraction bits must be 1..${max}`);
  return f;
}

/** scvtf/ucvtf d, n{, #fbits}: from a W/X register, or from an FP register of the destination's size. */
function fromInteger(signed: boolean): LowerRule {
  return (ins, ctx) => {
    const d = fpOperand(ins, 0, ctx);
    const sg = gprOperandOf(ins, 1);
    let x: string;
    let bits: 32 | 64;
    if (sg) {
      x = sg.zero ? 'zero' : ctx.readGpr(sg.name);
      bits = sg.w;
    } else {
      const n = fpOperand(ins, 1, ctx);
      if (n.view !== d.view) ctx.refuse(`'${ins.mnemonic}' scalar form keeps the size`);
      const a = ctx.readFpr(n.name, n.view);
      x = ctx.scratch();
      ctx.emit(`${fmvToX(n.view)} ${x}, ${a}`);
      bits = n.view === 'd' ? 64 : 32;
    }
    const fbits = fractionBits(ins, bits, ctx);
    const w = ctx.writeFpr(d.name, d.view);
    ctx.rule(`fp-${ins.mnemonic}`);
    // Every 32-bit integer is exact in binary64: no rounding-mode operand (gas encodes rne).
    const rm = d.view === 'd' && bits === 32 ? '' : ', rne';
    const conv = `fcvt.${d.view}.${intSuffix(bits, signed)}`;
    if (!fbits) {
      ctx.emit(`${conv} ${w.reg}, ${x}${rm}`);
    } else {
      // Fixed point: convert, then scale by 2^-fbits (exact: the result stays normal).
      const f = ctx.fscratch();
      const t = ctx.scratch();
      ctx.emit(`${conv} ${f}, ${x}${rm}`);
      const scale = ctx.fscratch();
      ctx.emit(`li ${t}, ${floatBits(2 ** -fbits, d.view === 'd' ? 64 : 32)}`);
      ctx.emit(`${fmvToF(d.view)} ${scale}, ${t}`);
      ctx.emit(`fmul${fmt(d.view)} ${w.reg}, ${f}, ${scale}, rne`);
    }
    w.commit();
    return true;
  };
}

/**
 * fcvt{z,a,m,n,p}{s,u}: float to a W/X register (or an FP register of the
 * same size) with the instruction's rounding; saturating; a NaN gives 0.
 */
function toInteger(letter: string, signed: boolean): LowerRule {
  const rm = ROUNDING[letter]!;
  return (ins, ctx) => {
    if (ins.operands.length !== 2) ctx.refuse(`'${ins.mnemonic}' fixed-point form is not lowered`);
    const n = fpOperand(ins, 1, ctx);
    const a = ctx.readFpr(n.name, n.view);
    const dg = gprOperandOf(ins, 0);
    const df = dg ? undefined : fpOperand(ins, 0, ctx);
    if (df && df.view !== n.view) ctx.refuse(`'${ins.mnemonic}' scalar form keeps the size`);
    const bits: 32 | 64 = dg ? dg.w : df!.view === 'd' ? 64 : 32;
    if (dg?.zero) return true;
    const wg = dg ? ctx.writeGpr(dg.name) : undefined;
    const r = wg ? wg.reg : ctx.scratch();
    const t = ctx.scratch();
    ctx.rule(`fp-fcvt${letter}${signed ? 's' : 'u'}`);
    ctx.emit(`fcvt.${intSuffix(bits, signed)}${fmt(n.view)} ${r}, ${a}, ${rm}`);
    ctx.emit(`feq${fmt(n.view)} ${t}, ${a}, ${a}`);
    ctx.emit(`neg ${t}, ${t}`);
    if (bits === 32) ctx.emit(`srli ${t}, ${t}, 32`);
    ctx.emit(`and ${r}, ${r}, ${t}`);
    if (wg) wg.commit();
    else {
      const wf = ctx.writeFpr(df!.name, df!.view);
      ctx.emit(`${fmvToF(df!.view)} ${wf.reg}, ${r}`);
      wf.commit();
    }
    return true;
  };
}

/**
 * frint*: values of magnitude 2^52 (2^23 for singles) and more are already
 * integral, as are infinities; smaller ones go through an integer register
 * with the instruction's rounding and take the operand's sign back (so
 * -0.25 rounds to -0). A NaN is quieted.
 */
function roundIntegral(letter: string): LowerRule {
  const rm = ROUNDING[letter]!;
  return (ins, ctx) => {
    const [d, n] = sameViewOperands(ins, 2, ctx);
    const view: FpView = d!.view;
    const f = fmt(view);
    const a = ctx.readFpr(n!.name, view);
    const w = ctx.writeFpr(d!.name, view);
    const r = resultFor(ctx, w.reg, a);
    const [t, u] = [ctx.scratch(), ctx.scratch()];
    const [big, done] = [ctx.freshLabel('frint_big'), ctx.freshLabel('frint_done')];
    const intW = view === 'd' ? 'l' : 'w';
    // |x| < 2^52 (2^23) compared as bit patterns without the sign: NaNs and infinities are above.
    const shift = view === 'd' ? 1n : 33n;
    const limit = (floatBits(view === 'd' ? 2 ** 52 : 2 ** 23, view === 'd' ? 64 : 32) << shift) & ((1n << 64n) - 1n);
    ctx.rule(`fp-frint${letter}`);
    ctx.emit(`${fmvToX(view)} ${t}, ${a}`);
    ctx.emit(`slli ${t}, ${t}, ${shift}`);
    ctx.emit(`li ${u}, ${BigInt.asIntN(64, limit)}`);
    ctx.emit(`bgeu ${t}, ${u}, ${big}`);
    ctx.emit(`fcvt.${intW}${f} ${t}, ${a}, ${rm}`);
    ctx.emit(`fcvt${f}.${intW} ${r}, ${t}, rne`);
    ctx.emit(`fsgnj${f} ${r}, ${r}, ${a}`);
    ctx.emit(`j ${done}`);
    ctx.emit(`${big}:`);
    ctx.emit(`fclass${f} ${u}, ${a}`);
    ctx.emit(`andi ${u}, ${u}, ${CLASS_SNAN}`);
    ctx.emit(`slli ${u}, ${u}, ${view === 'd' ? 43 : 14}`); // bit 8 to the quiet bit
    ctx.emit(`${fmvToX(view)} ${t}, ${a}`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`${fmvToF(view)} ${r}, ${t}`);
    ctx.emit(`${done}:`);
    if (r !== w.reg) ctx.emit(`fmv${f} ${w.reg}, ${r}`);
    w.commit();
    return true;
  };
}

export const FP_CONVERT_RULES: Record<string, LowerRule> = {
  fcvt,
  scvtf: fromInteger(true),
  ucvtf: fromInteger(false),
};
for (const letter of Object.keys(ROUNDING)) {
  if (letter !== 'x' && letter !== 'i') {
    FP_CONVERT_RULES[`fcvt${letter}s`] = toInteger(letter, true);
    FP_CONVERT_RULES[`fcvt${letter}u`] = toInteger(letter, false);
  }
  FP_CONVERT_RULES[`frint${letter}`] = roundIntegral(letter);
}
