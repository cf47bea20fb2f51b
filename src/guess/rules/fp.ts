// Lowering rules for AArch64 scalar floating point (single and double) to
// RV64GC. Every RISC-V arithmetic instruction carries a static rounding mode
// (`rne`, AArch64's mode under the Linux FPCR), so the result never depends
// on frm. NaN results are rebuilt as AArch64 makes them (fp-nan.ts); the
// docs (docs/translate-fp-neon.md) list every rule with its proof.
//
// Register views: a `d` view is a whole RISC-V f register; an `s` view is
// the low 32 bits of a NaN-boxed f register (RISC-V F instructions read a
// non-boxed value as the canonical NaN). The context states both facts in
// the block's state mappings; the rules keep them (every single-precision
// write here is a NaN-boxing instruction).
import type { InstructionStatement } from '../../asm/ast.js';
import { FP_CONVERT_RULES } from './fp-convert.js';
import { NEON_FP_RULES } from './neon-fp.js';
import { dataMovement } from './neon-move.js';
import { fcmpCondition, fcmpPackedNzcv } from './fp-flags.js';
import { emitBothOrdered, emitPropagateSlowPath, emitQuietCopy, CLASS_QNAN, CLASS_SNAN, fmt, fmvToF, type NanOperand } from './fp-nan.js';
import {
  conditionOperand, fpImmediateBits, fpOperand, fpOperandOf, gprOperandOf, isImmediate, sameViewOperands, smallImmediate,
} from './fp-operands.js';
import type { FpView, LowerContext, LowerRule } from './types.js';

/** Where a rule computes its result: the destination, or a scratch when the destination is also a source the slow path still reads. */
function resultRegister(ctx: LowerContext, dst: string, sources: string[]): string {
  return sources.includes(dst) ? ctx.fscratch() : dst;
}

/** Moves the result into the destination when it was computed elsewhere, and commits. */
function finish(ctx: LowerContext, w: { reg: string; commit(): void }, result: string, view: FpView): void {
  if (result !== w.reg) ctx.emit(`fmv${fmt(view)} ${w.reg}, ${result}`);
  w.commit();
}

/**
 * An operation whose NaN result AArch64 propagates: RISC-V computes it, a
 * NaN result (detected with one feq) takes the slow path.
 * `post` negates the result afterwards (fnmul), a NaN included.
 */
function propagating(
  name: string,
  emitOp: (result: string, srcs: string[], view: FpView) => string,
  nanOperands: (srcs: string[]) => NanOperand[],
  options: { count: number; mulAdd?: boolean; negateResult?: boolean; anyNanIsNan?: boolean },
): LowerRule {
  return (ins, ctx) => {
    const ops = sameViewOperands(ins, options.count + 1, ctx);
    const view = ops[0]!.view;
    const srcs = ops.slice(1).map((o) => ctx.readFpr(o.name, view));
    const w = ctx.writeFpr(ops[0]!.name, view);
    const result = resultRegister(ctx, w.reg, srcs);
    ctx.rule(name);
    ctx.emit(emitOp(result, srcs, view));
    const done = ctx.freshLabel('fp_done');
    const t: [string, string] = [ctx.scratch(), ctx.scratch()];
    if (options.anyNanIsNan) emitBothOrdered(ctx, t[0], t[1], srcs[0]!, srcs[1]!, view);
    else ctx.emit(`feq${fmt(view)} ${t[0]}, ${result}, ${result}`);
    ctx.emit(`bnez ${t[0]}, ${done}`);
    emitPropagateSlowPath(ctx, { result, operands: nanOperands(srcs), view, mulAddInfZero: options.mulAdd, t, done });
    ctx.emit(`${done}:`);
    if (options.negateResult) {
      ctx.emit(`fsgnjn${fmt(view)} ${w.reg}, ${result}, ${result}`);
      w.commit();
    } else finish(ctx, w, result, view);
    return true;
  };
}

const inOrder = (srcs: string[]): NanOperand[] => srcs.map((reg) => ({ reg }));

function binaryArith(riscv: string): LowerRule {
  return propagating(`fp-${riscv}`, (r, [a, b], v) => `${riscv}${fmt(v)} ${r}, ${a}, ${b}, rne`, inOrder, { count: 2 });
}

/** fmin/fmax: any NaN operand gives a NaN (RISC-V would return the other operand). */
function minMax(riscv: 'fmin' | 'fmax'): LowerRule {
  return propagating(`fp-${riscv}`, (r, [a, b], v) => `${riscv}${fmt(v)} ${r}, ${a}, ${b}`, inOrder, { count: 2, anyNanIsNan: true });
}

/**
 * fminnm/fmaxnm: like RISC-V fmin/fmax (one quiet NaN gives the other
 * operand, -0 < +0), except that a signalling NaN operand gives that NaN
 * quieted, and two NaNs give the first one.
 */
function minMaxNumber(riscv: 'fmin' | 'fmax'): LowerRule {
  return (ins, ctx) => {
    const ops = sameViewOperands(ins, 3, ctx);
    const view = ops[0]!.view;
    const [a, b] = [ctx.readFpr(ops[1]!.name, view), ctx.readFpr(ops[2]!.name, view)];
    const w = ctx.writeFpr(ops[0]!.name, view);
    const result = resultRegister(ctx, w.reg, [a, b]);
    ctx.rule(`fp-${riscv}nm`);
    ctx.emit(`${riscv}${fmt(view)} ${result}, ${a}, ${b}`);
    const [t, u] = [ctx.scratch(), ctx.scratch()];
    const [done, pickA, pickB] = [ctx.freshLabel('fp_done'), ctx.freshLabel('nan_pick'), ctx.freshLabel('nan_pick')];
    emitBothOrdered(ctx, t, u, a, b, view);
    ctx.emit(`bnez ${t}, ${done}`);
    ctx.emit(`fclass${fmt(view)} ${t}, ${a}`);
    ctx.emit(`andi ${t}, ${t}, ${CLASS_SNAN}`);
    ctx.emit(`bnez ${t}, ${pickA}`);
    ctx.emit(`fclass${fmt(view)} ${t}, ${b}`);
    ctx.emit(`andi ${t}, ${t}, ${CLASS_SNAN}`);
    ctx.emit(`bnez ${t}, ${pickB}`);
    ctx.emit(`fclass${fmt(view)} ${t}, ${a}`);
    ctx.emit(`fclass${fmt(view)} ${u}, ${b}`);
    ctx.emit(`and ${t}, ${t}, ${u}`);
    ctx.emit(`andi ${t}, ${t}, ${CLASS_QNAN}`);
    ctx.emit(`bnez ${t}, ${pickA}`);
    ctx.emit(`j ${done}`); // one quiet NaN: RISC-V already returned the other operand
    ctx.emit(`${pickA}:`);
    emitQuietCopy(ctx, result, { reg: a }, view, [t, u], '');
    ctx.emit(`j ${done}`);
    ctx.emit(`${pickB}:`);
    emitQuietCopy(ctx, result, { reg: b }, view, [t, u], '');
    ctx.emit(`${done}:`);
    finish(ctx, w, result, view);
    return true;
  };
}

/**
 * The fused multiply-adds: AArch64 `op d, n, m, a` is FPMulAdd(±a, ±n, m)
 * with NaN priority a, n, m (negated operands' NaNs keep the flipped sign).
 * RISC-V's four forms are the same operations with the same single rounding.
 */
function fused(riscv: string, negAddend: boolean, negProduct: boolean): LowerRule {
  return propagating(
    `fp-${riscv}`,
    (r, [n, m, a], v) => `${riscv}${fmt(v)} ${r}, ${n}, ${m}, ${a}, rne`,
    ([n, m, a]) => [{ reg: a!, negated: negAddend }, { reg: n!, negated: negProduct }, { reg: m! }],
    { count: 3, mulAdd: true },
  );
}

/** Unary operations that only change the sign bit: exact on any bits, NaNs included. */
function signOp(riscv: 'fsgnjn' | 'fsgnjx'): LowerRule {
  return (ins, ctx) => {
    const [d, n] = sameViewOperands(ins, 2, ctx);
    const a = ctx.readFpr(n!.name, n!.view);
    const w = ctx.writeFpr(d!.name, d!.view);
    ctx.rule(`fp-${riscv}`);
    ctx.emit(`${riscv}${fmt(d!.view)} ${w.reg}, ${a}, ${a}`);
    w.commit();
    return true;
  };
}

const fsqrt = propagating('fp-fsqrt', (r, [a], v) => `fsqrt${fmt(v)} ${r}, ${a}, rne`, inOrder, { count: 1 });

// ---------------------------------------------------------------- fmov

function fmovVectorLane(ins: InstructionStatement, ctx: LowerContext): boolean {
  const [a, b] = ins.operands;
  const lane = a?.kind === 'vreg' ? a : b?.kind === 'vreg' ? b : undefined;
  if (!lane || lane.index === undefined) return false;
  if (lane.arrangement !== 'd' || lane.index !== 1) ctx.refuse(`'fmov' lane form must be v.d[1]`);
  const g = gprOperandOf(ins, lane === a ? 1 : 0);
  if (!g || g.w !== 64) ctx.refuse(`'fmov' lane form moves a 64-bit general register`);
  const slot = ctx.vectorSlot(lane.name);
  const base = ctx.scratch();
  ctx.rule('fp-fmov-lane');
  ctx.emit(`lla ${base}, ${slot.symbol}`);
  if (lane === a) {
    const x = g.zero ? 'zero' : ctx.readGpr(g.name);
    ctx.emit(`sd ${x}, ${slot.offset + 8}(${base})`);
  } else {
    if (g.zero) return true;
    const w = ctx.writeGpr(g.name);
    ctx.emit(`ld ${w.reg}, ${slot.offset + 8}(${base})`);
    w.commit();
  }
  return true;
}

const fmov: LowerRule = (ins, ctx) => {
  if (ins.operands.length !== 2) ctx.refuse(`'fmov' takes two operands`);
  if (ins.operands.some((o) => o.kind === 'vreg')) return fmovVectorLane(ins, ctx);
  const df = fpOperandOf(ins, 0);
  const dg = gprOperandOf(ins, 0);
  const sf = fpOperandOf(ins, 1);
  const sg = gprOperandOf(ins, 1);
  if (df && sf) {
    if (df.view !== sf.view) ctx.refuse(`'fmov' register sizes differ`);
    const a = ctx.readFpr(sf.name, sf.view);
    const w = ctx.writeFpr(df.name, df.view);
    ctx.rule('fp-fmov-reg');
    if (a !== w.reg) ctx.emit(`fmv${fmt(df.view)} ${w.reg}, ${a}`);
    w.commit();
    return true;
  }
  if (df && isImmediate(ins.operands[1])) {
    const bits = fpImmediateBits(ins, 1, df.view, ctx);
    const w = ctx.writeFpr(df.name, df.view);
    ctx.rule('fp-fmov-imm');
    if (bits === 0n) ctx.emit(`${fmvToF(df.view)} ${w.reg}, zero`);
    else {
      const t = ctx.scratch();
      ctx.emit(`li ${t}, ${bits}`);
      ctx.emit(`${fmvToF(df.view)} ${w.reg}, ${t}`);
    }
    w.commit();
    return true;
  }
  if (df && sg) {
    if ((df.view === 'd') !== (sg.w === 64)) ctx.refuse(`'fmov' sizes differ`);
    const x = sg.zero ? 'zero' : ctx.readGpr(sg.name);
    const w = ctx.writeFpr(df.name, df.view);
    ctx.rule('fp-fmov-from-gpr');
    ctx.emit(`${fmvToF(df.view)} ${w.reg}, ${x}`); // fmv.w.x takes the low 32 bits and NaN-boxes them
    w.commit();
    return true;
  }
  if (dg && sf) {
    if ((sf.view === 'd') !== (dg.w === 64)) ctx.refuse(`'fmov' sizes differ`);
    const a = ctx.readFpr(sf.name, sf.view);
    if (dg.zero) return true;
    const w = ctx.writeGpr(dg.name);
    ctx.rule('fp-fmov-to-gpr');
    if (sf.view === 'd') ctx.emit(`fmv.x.d ${w.reg}, ${a}`);
    else {
      // fmv.x.w sign-extends; a W write zero-extends.
      ctx.emit(`fmv.x.w ${w.reg}, ${a}`);
      ctx.emit(`slli ${w.reg}, ${w.reg}, 32`);
      ctx.emit(`srli ${w.reg}, ${w.reg}, 32`);
    }
    w.commit();
    return true;
  }
  return ctx.refuse(`'fmov' operand form is not lowered (half precision and vector forms are refused)`);
};

// ---------------------------------------------------------------- compares and selects

/** The second operand of fcmp/fccmp: a register, or #0.0 materialised in an FP scratch. */
function compareOperand(ins: InstructionStatement, k: number, view: FpView, ctx: LowerContext): string {
  if (isImmediate(ins.operands[k])) {
    if (fpImmediateBits(ins, k, view, ctx) !== 0n) ctx.refuse(`'${ins.mnemonic}' compares with #0.0 only`);
    const z = ctx.fscratch();
    ctx.emit(`${fmvToF(view)} ${z}, zero`);
    return z;
  }
  const m = fpOperand(ins, k, ctx);
  if (m.view !== view) ctx.refuse(`'${ins.mnemonic}' mixes precisions`);
  return ctx.readFpr(m.name, view);
}

/** fcmp/fcmpe emit nothing: the flags stay lazy, and fp-flags.ts computes a condition where one is read. */
const fcmp: LowerRule = (ins, ctx) => {
  const n = fpOperand(ins, 0, ctx);
  const a = ctx.readFpr(n.name, n.view);
  const b = compareOperand(ins, 1, n.view, ctx);
  ctx.rule('fp-fcmp');
  ctx.setFlags({ kind: 'fcmp', a, b, view: n.view });
  return true;
};

/** The condition operand k as a 0/1 GPR; only after fcmp flags (other flags need the core's condition code). */
function conditionAfterFcmp(ins: InstructionStatement, k: number, ctx: LowerContext): string {
  const cond = conditionOperand(ins, k, ctx);
  const flags = ctx.flags();
  if (!flags) ctx.refuse(`'${ins.mnemonic}' reads flags that are not known here`);
  if (flags.kind !== 'fcmp') ctx.refuse(`'${ins.mnemonic}' after integer flags is not lowered yet`);
  return fcmpCondition(cond, flags, ctx);
}

/** fcsel: a branch around one of two register moves (the destination may be either source). */
const fcsel: LowerRule = (ins, ctx) => {
  if (ins.operands.length !== 4) ctx.refuse(`'fcsel' takes four operands`);
  const ops = [0, 1, 2].map((k) => fpOperand(ins, k, ctx));
  if (ops.some((o) => o.view !== ops[0]!.view)) ctx.refuse(`'fcsel' mixes precisions`);
  const view = ops[0]!.view;
  const t = conditionAfterFcmp(ins, 3, ctx);
  const [n, m] = [ctx.readFpr(ops[1]!.name, view), ctx.readFpr(ops[2]!.name, view)];
  const w = ctx.writeFpr(ops[0]!.name, view);
  const [other, done] = [ctx.freshLabel('fcsel_m'), ctx.freshLabel('fcsel_done')];
  ctx.rule('fp-fcsel');
  ctx.emit(`beqz ${t}, ${other}`);
  ctx.emit(`fmv${fmt(view)} ${w.reg}, ${n}`);
  ctx.emit(`j ${done}`);
  ctx.emit(`${other}:`);
  ctx.emit(`fmv${fmt(view)} ${w.reg}, ${m}`);
  ctx.emit(`${done}:`);
  w.commit();
  return true;
};

/** fccmp n, m, #nzcv, cond: the compare's NZCV when cond holds, else #nzcv; packed in a GPR. */
const fccmp: LowerRule = (ins, ctx) => {
  if (ins.operands.length !== 4) ctx.refuse(`'${ins.mnemonic}' takes four operands`);
  const n = fpOperand(ins, 0, ctx);
  const a = ctx.readFpr(n.name, n.view);
  const b = compareOperand(ins, 1, n.view, ctx);
  const nzcv = smallImmediate(ins, 2, 15, ctx);
  const holds = conditionAfterFcmp(ins, 3, ctx);
  ctx.rule('fp-fccmp');
  const packed = fcmpPackedNzcv({ kind: 'fcmp', a, b, view: n.view }, ctx);
  // packed := holds ? packed : nzcv, branch-free: nzcv ^ ((packed ^ nzcv) & -holds).
  ctx.emit(`xori ${packed}, ${packed}, ${nzcv}`);
  ctx.emit(`neg ${holds}, ${holds}`);
  ctx.emit(`and ${packed}, ${packed}, ${holds}`);
  ctx.emit(`xori ${packed}, ${packed}, ${nzcv}`);
  ctx.setFlags({ kind: 'packed', reg: packed });
  return true;
};

/**
 * The scalar rules, with each mnemonic's vector form (an operand with an
 * arrangement such as v0.4s) handed to the NEON rules, so one table entry per
 * mnemonic serves both.
 */
function withVectorForm(mnemonic: string, scalar: LowerRule): LowerRule {
  const vector = NEON_FP_RULES[mnemonic] ?? (mnemonic === 'fmov' ? dataMovement : undefined);
  return (ins, ctx) => {
    const isVector = ins.operands.some((o) => o.kind === 'vreg' && o.index === undefined);
    if (!isVector) return scalar(ins, ctx);
    return vector ? vector(ins, ctx) : false;
  };
}

const SCALAR_RULES: Record<string, LowerRule> = {
  fadd: binaryArith('fadd'),
  fsub: binaryArith('fsub'),
  fmul: binaryArith('fmul'),
  fdiv: binaryArith('fdiv'),
  fnmul: propagating('fp-fnmul', (r, [a, b], v) => `fmul${fmt(v)} ${r}, ${a}, ${b}, rne`, inOrder, { count: 2, negateResult: true }),
  fsqrt,
  fneg: signOp('fsgnjn'),
  fabs: signOp('fsgnjx'),
  fmin: minMax('fmin'),
  fmax: minMax('fmax'),
  fminnm: minMaxNumber('fmin'),
  fmaxnm: minMaxNumber('fmax'),
  // AArch64 fmadd = a + n*m, fmsub = a - n*m, fnmadd = -a - n*m, fnmsub = -a + n*m.
  fmadd: fused('fmadd', false, false),
  fmsub: fused('fnmsub', false, true),
  fnmadd: fused('fnmadd', true, true),
  fnmsub: fused('fmsub', true, false),
  fmov,
  fcmp,
  fcmpe: fcmp,
  fccmp,
  fccmpe: fccmp,
  fcsel,
  ...FP_CONVERT_RULES,
};

export const fpRules: Record<string, LowerRule> = Object.fromEntries(
  Object.entries(SCALAR_RULES).map(([m, rule]) => [m, withVectorForm(m, rule)]),
);
