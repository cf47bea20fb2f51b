// Lane-wise NEON floating point (2s, 4s, 2d) lowered lane by lane through FP
// scratch registers: flw/fld from the slot (flw NaN-boxes), the scalar
// RISC-V operation with a static rounding mode, the same NaN fix-ups as the
// scalar rules (fp-nan.ts), fsw/fsd back. Lane i of the result depends only
// on lane i of the sources (or on one element, loaded before any store), so
// the destination may be a source.
import { ROUNDING } from '../../isa/aarch64/semantics/fpscalar.js';
import { emitBothOrdered, emitPropagateSlowPath, fmt, type NanOperand } from './fp-nan.js';
import { elemOf, laneBytes, Slots, vecOf, vecOperand, type VecRef } from './neon-slots.js';
import type { FpView, LowerContext, LowerRule } from './types.js';
import type { InstructionStatement } from '../../asm/ast.js';

function viewOf(v: VecRef, ins: InstructionStatement, ctx: LowerContext): FpView {
  if (v.arr.esize === 64) return 'd';
  if (v.arr.esize === 32) return 's';
  return ctx.refuse(`'${ins.mnemonic}' on ${v.arr.esize}-bit lanes is not lowered (single and double only)`);
}

function sameShape(ins: InstructionStatement, ctx: LowerContext, ...vs: VecRef[]): void {
  if (vs.some((v) => v.arr.esize !== vs[0]!.arr.esize || v.arr.count !== vs[0]!.arr.count)) ctx.refuse(`'${ins.mnemonic}' operands must have one arrangement`);
}

interface FpLaneOp {
  riscv: string;
  /** fmla: the destination lane is the addend (operand order a, n, m for NaN priority). */
  fused?: boolean;
  /** fmin/fmax: any NaN operand gives a NaN, so the fast path tests the operands. */
  anyNanIsNan?: boolean;
  rounding?: boolean;
}

/** Binary and fused lane-wise FP: fadd, fsub, fmul, fdiv, fmin, fmax, fmla (vector or by element). */
function fpLanes(op: FpLaneOp): LowerRule {
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    if (!d) return false;
    const n = vecOperand(ins, 1, ctx);
    const mv = vecOf(ins.operands[2]);
    const me = elemOf(ins.operands[2]);
    if (mv) sameShape(ins, ctx, d, n, mv);
    else if (!me || me.bytes !== laneBytes(d.arr)) return ctx.refuse(`operand 3 of '${ins.mnemonic}' must be a vector or an element of the lane size`);
    else sameShape(ins, ctx, d, n);
    if (me && !op.fused && op.riscv !== 'fmul') ctx.refuse(`'${ins.mnemonic}' by element is not an AArch64 form`);
    const view = viewOf(d, ins, ctx);
    const bytes = laneBytes(d.arr) as 4 | 8;
    const slots = new Slots(ctx);
    const [fa, fb, fr] = [ctx.fscratch(), ctx.fscratch(), ctx.fscratch()];
    const fc = op.fused ? ctx.fscratch() : '';
    const t: [string, string] = [ctx.scratch(), ctx.scratch()];
    ctx.rule(`neon-${ins.mnemonic}`);
    if (me) slots.loadF(fb, me.reg, me.index * me.bytes, bytes);
    for (let i = 0; i < d.arr.count; i++) {
      const off = i * bytes;
      slots.loadF(fa, n.reg, off, bytes);
      if (mv) slots.loadF(fb, mv.reg, off, bytes);
      const rm = op.rounding === false ? '' : ', rne';
      let operands: NanOperand[];
      if (op.fused) {
        slots.loadF(fc, d.reg, off, bytes);
        ctx.emit(`fmadd${fmt(view)} ${fr}, ${fa}, ${fb}, ${fc}${rm}`);
        operands = [{ reg: fc }, { reg: fa }, { reg: fb }];
      } else {
        ctx.emit(`${op.riscv}${fmt(view)} ${fr}, ${fa}, ${fb}${rm}`);
        operands = [{ reg: fa }, { reg: fb }];
      }
      const done = ctx.freshLabel('lane_done');
      if (op.anyNanIsNan) emitBothOrdered(ctx, t[0], t[1], fa, fb, view);
      else ctx.emit(`feq${fmt(view)} ${t[0]}, ${fr}, ${fr}`);
      ctx.emit(`bnez ${t[0]}, ${done}`);
      emitPropagateSlowPath(ctx, { result: fr, operands, view, mulAddInfZero: op.fused, t, done });
      ctx.emit(`${done}:`);
      slots.storeF(fr, d.reg, off, bytes);
    }
    if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
    return true;
  };
}

/** fneg/fabs vector: sign-bit operations, exact on any bits. */
function signLanes(riscv: 'fsgnjn' | 'fsgnjx'): LowerRule {
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    if (!d) return false;
    const n = vecOperand(ins, 1, ctx);
    sameShape(ins, ctx, d, n);
    const view = viewOf(d, ins, ctx);
    const bytes = laneBytes(d.arr) as 4 | 8;
    const slots = new Slots(ctx);
    const f = ctx.fscratch();
    ctx.rule(`neon-${ins.mnemonic}`);
    for (let i = 0; i < d.arr.count; i++) {
      slots.loadF(f, n.reg, i * bytes, bytes);
      ctx.emit(`${riscv}${fmt(view)} ${f}, ${f}, ${f}`);
      slots.storeF(f, d.reg, i * bytes, bytes);
    }
    if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
    return true;
  };
}

/** scvtf/ucvtf vector: integer lanes to floats of the same size, rounding to nearest even. */
function intToFloatLanes(signed: boolean): LowerRule {
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    if (!d) return false;
    if (ins.operands.length !== 2) ctx.refuse(`'${ins.mnemonic}' fixed-point vector form is not lowered`);
    const n = vecOperand(ins, 1, ctx);
    sameShape(ins, ctx, d, n);
    const view = viewOf(d, ins, ctx);
    const bytes = laneBytes(d.arr) as 4 | 8;
    const slots = new Slots(ctx);
    const f = ctx.fscratch();
    const t = ctx.scratch();
    const int = `${view === 'd' ? 'l' : 'w'}${signed ? '' : 'u'}`;
    ctx.rule(`neon-${ins.mnemonic}`);
    for (let i = 0; i < d.arr.count; i++) {
      slots.load(t, n.reg, i * bytes, bytes, signed);
      ctx.emit(`fcvt${fmt(view)}.${int} ${f}, ${t}, rne`);
      slots.storeF(f, d.reg, i * bytes, bytes);
    }
    if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
    return true;
  };
}

/** fcvtzs/fcvtzu (and the other roundings) vector: saturating, NaN to 0. */
function floatToIntLanes(letter: string, signed: boolean): LowerRule {
  const rm = ROUNDING[letter]!;
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    if (!d) return false;
    if (ins.operands.length !== 2) ctx.refuse(`'${ins.mnemonic}' fixed-point vector form is not lowered`);
    const n = vecOperand(ins, 1, ctx);
    sameShape(ins, ctx, d, n);
    const view = viewOf(d, ins, ctx);
    const bytes = laneBytes(d.arr) as 4 | 8;
    const slots = new Slots(ctx);
    const f = ctx.fscratch();
    const [r, t] = [ctx.scratch(), ctx.scratch()];
    const int = `${view === 'd' ? 'l' : 'w'}${signed ? '' : 'u'}`;
    ctx.rule(`neon-${ins.mnemonic}`);
    for (let i = 0; i < d.arr.count; i++) {
      slots.loadF(f, n.reg, i * bytes, bytes);
      ctx.emit(`fcvt.${int}${fmt(view)} ${r}, ${f}, ${rm}`);
      ctx.emit(`feq${fmt(view)} ${t}, ${f}, ${f}`);
      ctx.emit(`neg ${t}, ${t}`);
      ctx.emit(`and ${r}, ${r}, ${t}`);
      slots.store(r, d.reg, i * bytes, bytes);
    }
    if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
    return true;
  };
}

/**
 * FP compares to lane masks: fcmeq (a == b), fcmge (a >= b, as b <= a),
 * fcmgt (a > b, as b < a), fcmle/fcmlt with #0.0 only; false on NaN.
 */
function compareLanes(kind: 'eq' | 'ge' | 'gt' | 'le' | 'lt'): LowerRule {
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    if (!d) return false;
    const n = vecOperand(ins, 1, ctx);
    const m = vecOf(ins.operands[2]);
    const zero = !m && ins.operands[2]?.kind === 'imm';
    if (!m && !zero) ctx.refuse(`operand 3 of '${ins.mnemonic}' must be a vector or #0.0`);
    if ((kind === 'le' || kind === 'lt') && !zero) ctx.refuse(`'${ins.mnemonic}' register form is not an AArch64 instruction`);
    sameShape(ins, ctx, d, n, ...(m ? [m] : []));
    const view = viewOf(d, ins, ctx);
    const bytes = laneBytes(d.arr) as 4 | 8;
    const slots = new Slots(ctx);
    const [fa, fb] = [ctx.fscratch(), ctx.fscratch()];
    const t = ctx.scratch();
    ctx.rule(`neon-${ins.mnemonic}`);
    if (zero) ctx.emit(`${view === 'd' ? 'fmv.d.x' : 'fmv.w.x'} ${fb}, zero`);
    const [op, x, y] = {
      eq: ['feq', fa, fb], ge: ['fle', fb, fa], gt: ['flt', fb, fa], le: ['fle', fa, fb], lt: ['flt', fa, fb],
    }[kind] as [string, string, string];
    for (let i = 0; i < d.arr.count; i++) {
      slots.loadF(fa, n.reg, i * bytes, bytes);
      if (m) slots.loadF(fb, m.reg, i * bytes, bytes);
      ctx.emit(`${op}${fmt(view)} ${t}, ${x}, ${y}`);
      ctx.emit(`neg ${t}, ${t}`);
      slots.store(t, d.reg, i * bytes, bytes);
    }
    if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
    return true;
  };
}

export const NEON_FP_RULES: Record<string, LowerRule> = {
  fadd: fpLanes({ riscv: 'fadd' }),
  fsub: fpLanes({ riscv: 'fsub' }),
  fmul: fpLanes({ riscv: 'fmul' }),
  fdiv: fpLanes({ riscv: 'fdiv' }),
  fmax: fpLanes({ riscv: 'fmax', anyNanIsNan: true, rounding: false }),
  fmin: fpLanes({ riscv: 'fmin', anyNanIsNan: true, rounding: false }),
  fmla: fpLanes({ riscv: 'fmadd', fused: true }),
  fneg: signLanes('fsgnjn'),
  fabs: signLanes('fsgnjx'),
  scvtf: intToFloatLanes(true),
  ucvtf: intToFloatLanes(false),
  fcmeq: compareLanes('eq'),
  fcmge: compareLanes('ge'),
  fcmgt: compareLanes('gt'),
  fcmle: compareLanes('le'),
  fcmlt: compareLanes('lt'),
};
for (const letter of ['z', 'a', 'm', 'n', 'p']) {
  NEON_FP_RULES[`fcvt${letter}s`] = floatToIntLanes(letter, true);
  NEON_FP_RULES[`fcvt${letter}u`] = floatToIntLanes(letter, false);
}
