// Lane-wise integer NEON operations lowered to scalar RV64GC over the
// vector slots: each lane is loaded (sign- or zero-extended to 64 bits as
// the operation needs), computed in an integer register and stored back,
// lane by lane. In-place operation is safe because lane i of the result
// depends only on lane i of the sources, read before the store; the
// widening forms order their lanes so that no source lane is overwritten
// before it is read (descending for the low-half forms, ascending for the
// `2` forms). The core context has three integer scratch registers per
// instruction: one is the slot base, so every body works with two, and
// reloads a source lane from its slot when it needs a third value.
import type { InstructionStatement } from '../../asm/ast.js';
import { elemOf, laneBytes, Slots, vecOf, vecOperand, type ElemRef, type LaneBytes, type VecRef } from './neon-slots.js';
import { fpOperandOf, type FpOperand } from './fp-operands.js';
import type { LowerContext, LowerRule } from './types.js';

/** A second operand: a vector lane i, one fixed element (parked in an FP scratch), a constant, or none. */
type Second =
  | { kind: 'vec'; v: VecRef }
  | { kind: 'elem'; e: ElemRef; parked: string }
  | { kind: 'const'; value: bigint }
  | { kind: 'none' };

interface LaneEnv {
  ctx: LowerContext;
  slots: Slots;
  t: string;
  u: string;
  /** Loads source operand 1 (k = 1) or the second operand (k = 2) of lane i into reg. */
  load(k: 1 | 2, i: number, reg: string): void;
  /** Loads the destination's lane i (accumulating forms). */
  loadDest(i: number, reg: string): void;
}

/** How one lane is computed: which extension the loads use, and the code (result in t). */
interface LaneOp {
  signed: boolean;
  body(env: LaneEnv, i: number): void;
  /** Operates on 64-bit words whatever the arrangement (bitwise operations). */
  wholeWords?: boolean;
  /** Reads the destination lane as a third source. */
  accumulates?: boolean;
}

const simple = (signed: boolean, ...lines: string[]): LaneOp => ({
  signed,
  body: (env) => {
    for (const l of lines) env.ctx.emit(l.replaceAll('T', env.t).replaceAll('U', env.u));
  },
});

/** t := op(t, u) with both loaded. */
const binary = (signed: boolean, ...lines: string[]): LaneOp => ({
  signed,
  body: (env, i) => {
    env.load(1, i, env.t);
    env.load(2, i, env.u);
    simple(signed, ...lines).body(env, i);
  },
});

/** min/max of lanes up to 32 bits: d = a - b is exact in 64 bits, mask = d < 0, min = b + (d & mask), max = b + (d & ~mask). */
const minMax = (signed: boolean, max: boolean): LaneOp => ({
  signed,
  body: (env, i) => {
    const { ctx, t, u } = env;
    env.load(1, i, t);
    env.load(2, i, u);
    ctx.emit(`sub ${t}, ${t}, ${u}`);
    ctx.emit(`srai ${u}, ${t}, 63`);
    if (max) ctx.emit(`not ${u}, ${u}`);
    ctx.emit(`and ${t}, ${t}, ${u}`);
    env.load(2, i, u);
    ctx.emit(`add ${t}, ${t}, ${u}`);
  },
});

/** d := d ± (n op m). */
const accumulate = (signed: boolean, combine: 'add' | 'sub', op: string): LaneOp => ({
  signed,
  accumulates: true,
  body: (env, i) => {
    const { ctx, t, u } = env;
    env.load(1, i, t);
    env.load(2, i, u);
    ctx.emit(`${op} ${t}, ${t}, ${u}`);
    env.loadDest(i, u);
    ctx.emit(`${combine} ${t}, ${u}, ${t}`);
  },
});

/** Bitwise selects: result = base ^ ((x ^ y) & mask), the three values loaded with reloads (bsl, bit, bif). */
const select = (kind: 'bsl' | 'bit' | 'bif'): LaneOp => ({
  signed: false,
  wholeWords: true,
  accumulates: true,
  body: (env, i) => {
    const { ctx, t, u } = env;
    if (kind === 'bsl') {
      // d = m ^ ((n ^ m) & d)
      env.load(1, i, t);
      env.load(2, i, u);
      ctx.emit(`xor ${t}, ${t}, ${u}`);
      env.loadDest(i, u);
      ctx.emit(`and ${t}, ${t}, ${u}`);
      env.load(2, i, u);
      ctx.emit(`xor ${t}, ${t}, ${u}`);
      return;
    }
    // bit: d = d ^ ((d ^ n) & m); bif: d = d ^ ((d ^ n) & ~m)
    env.loadDest(i, t);
    env.load(1, i, u);
    ctx.emit(`xor ${t}, ${t}, ${u}`);
    env.load(2, i, u);
    if (kind === 'bif') ctx.emit(`not ${u}, ${u}`);
    ctx.emit(`and ${t}, ${t}, ${u}`);
    env.loadDest(i, u);
    ctx.emit(`xor ${t}, ${t}, ${u}`);
  },
});

/** Population count of one byte, with one extra register. */
const popcount: LaneOp = {
  signed: false,
  body: (env, i) => {
    const { ctx, t, u } = env;
    env.load(1, i, t);
    for (const l of [
      `srli ${u}, ${t}, 1`, `andi ${u}, ${u}, 0x55`, `sub ${t}, ${t}, ${u}`,
      `srli ${u}, ${t}, 2`, `andi ${u}, ${u}, 0x33`, `andi ${t}, ${t}, 0x33`, `add ${t}, ${t}, ${u}`,
      `srli ${u}, ${t}, 4`, `add ${t}, ${t}, ${u}`, `andi ${t}, ${t}, 0x0f`,
    ]) ctx.emit(l);
  },
};

const unary = (signed: boolean, ...lines: string[]): LaneOp => ({
  signed,
  body: (env, i) => {
    env.load(1, i, env.t);
    simple(signed, ...lines).body(env, i);
  },
});

/** The lane-wise operations by mnemonic; compares give all ones or zero. */
export const LANE_OPS: Record<string, LaneOp> = {
  add: binary(false, 'add T, T, U'),
  sub: binary(false, 'sub T, T, U'),
  mul: binary(false, 'mul T, T, U'),
  and: { ...binary(false, 'and T, T, U'), wholeWords: true },
  orr: { ...binary(false, 'or T, T, U'), wholeWords: true },
  eor: { ...binary(false, 'xor T, T, U'), wholeWords: true },
  bic: { ...binary(false, 'not U, U', 'and T, T, U'), wholeWords: true },
  orn: { ...binary(false, 'not U, U', 'or T, T, U'), wholeWords: true },
  not: { ...unary(false, 'not T, T'), wholeWords: true },
  mvn: { ...unary(false, 'not T, T'), wholeWords: true },
  neg: unary(true, 'neg T, T'),
  abs: unary(true, 'srai U, T, 63', 'xor T, T, U', 'sub T, T, U'),
  cmeq: binary(false, 'sub T, T, U', 'seqz T, T', 'neg T, T'),
  cmtst: binary(false, 'and T, T, U', 'snez T, T', 'neg T, T'),
  cmgt: binary(true, 'slt T, U, T', 'neg T, T'),
  cmge: binary(true, 'slt T, T, U', 'xori T, T, 1', 'neg T, T'),
  cmhi: binary(false, 'sltu T, U, T', 'neg T, T'),
  cmhs: binary(false, 'sltu T, T, U', 'xori T, T, 1', 'neg T, T'),
  // Compares with #0 only: cmlt a, #0 is 0 > a; cmle a, #0 is !(a > 0).
  cmlt: binary(true, 'slt T, T, U', 'neg T, T'),
  cmle: binary(true, 'slt T, U, T', 'xori T, T, 1', 'neg T, T'),
  smax: minMax(true, true),
  smin: minMax(true, false),
  umax: minMax(false, true),
  umin: minMax(false, false),
  urhadd: binary(false, 'add T, T, U', 'addi T, T, 1', 'srli T, T, 1'),
  srhadd: binary(true, 'add T, T, U', 'addi T, T, 1', 'srai T, T, 1'),
  uhadd: binary(false, 'add T, T, U', 'srli T, T, 1'),
  shadd: binary(true, 'add T, T, U', 'srai T, T, 1'),
  sabd: binary(true, 'sub T, T, U', 'srai U, T, 63', 'xor T, T, U', 'sub T, T, U'),
  uabd: binary(false, 'sub T, T, U', 'srai U, T, 63', 'xor T, T, U', 'sub T, T, U'),
  mla: accumulate(false, 'add', 'mul'),
  mls: accumulate(false, 'sub', 'mul'),
  bsl: select('bsl'),
  bit: select('bit'),
  bif: select('bif'),
  cnt: popcount,
};

/** Shifts by an immediate: the shift is part of the operation, checked against the lane size. */
function shiftOp(kind: 'shl' | 'sshr' | 'ushr' | 'ssra' | 'usra', amount: number, laneBits: number): LaneOp {
  const signed = kind === 'sshr' || kind === 'ssra';
  if (kind === 'shl') return unary(false, `slli T, T, ${amount}`);
  // A right shift by the lane size gives the sign (sshr) or 0 (ushr); srai by 63 is the sign of a sign-extended lane.
  const right = signed ? `srai T, T, ${Math.min(amount, 63)}` : amount >= 64 ? 'li T, 0' : `srli T, T, ${amount}`;
  if (kind === 'sshr' || kind === 'ushr') return unary(signed, right);
  return {
    signed,
    accumulates: true,
    body: (env, i) => {
      env.load(1, i, env.t);
      env.ctx.emit(right.replaceAll('T', env.t));
      env.loadDest(i, env.u);
      env.ctx.emit(`add ${env.t}, ${env.t}, ${env.u}`);
    },
  };
}

function immediateOf(ins: InstructionStatement, k: number): bigint | undefined {
  const op = ins.operands[k];
  const e = op?.kind === 'imm' || op?.kind === 'expr' ? op.expr : undefined;
  return e?.kind === 'num' ? e.value : undefined;
}

/** Runs a lane operation over a destination arrangement, storing each lane; a 64-bit arrangement zeroes the upper half. */
function runLanes(ins: InstructionStatement, ctx: LowerContext, op: LaneOp, d: VecRef, second: Second): void {
  const n = ins.operands.length > 1 ? vecOperand(ins, 1, ctx) : d;
  if (n.arr.esize !== d.arr.esize || n.arr.count !== d.arr.count) ctx.refuse(`'${ins.mnemonic}' operands must have one arrangement`);
  if (second.kind === 'vec' && (second.v.arr.esize !== d.arr.esize || second.v.arr.count !== d.arr.count)) {
    ctx.refuse(`'${ins.mnemonic}' operands must have one arrangement`);
  }
  const bytes: LaneBytes = op.wholeWords ? 8 : laneBytes(d.arr);
  const count = (d.arr.bits / 8) / bytes;
  const slots = new Slots(ctx);
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  const env: LaneEnv = {
    ctx, slots, t, u,
    load: (k, i, reg) => {
      if (k === 1) return slots.load(reg, n.reg, i * bytes, bytes, op.signed);
      switch (second.kind) {
        case 'vec': return slots.load(reg, second.v.reg, i * bytes, bytes, op.signed);
        case 'elem': return ctx.emit(`fmv.x.d ${reg}, ${second.parked}`);
        case 'const': return ctx.emit(`li ${reg}, ${second.value}`);
        case 'none': return ctx.refuse(`'${ins.mnemonic}' needs a second operand`);
      }
    },
    loadDest: (i, reg) => slots.load(reg, d.reg, i * bytes, bytes, op.signed),
  };
  if (second.kind === 'elem') {
    // The element is read once, before any lane of the destination (which may be its register) is written.
    slots.load(t, second.e.reg, second.e.index * second.e.bytes, second.e.bytes, op.signed);
    ctx.emit(`fmv.d.x ${second.parked}, ${t}`);
  }
  for (let i = 0; i < count; i++) {
    op.body(env, i);
    slots.store(t, d.reg, i * bytes, bytes);
  }
  if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
}

/** The lane-wise rule for a mnemonic of LANE_OPS or the immediate shifts. */
export function laneRule(mnemonic: string): LowerRule {
  return (ins, ctx) => {
    const d = vecOf(ins.operands[0]);
    const scalar = d ? undefined : fpOperandOf(ins, 0);
    if (!d && scalar?.view !== 'd') return false;
    const esize = d ? d.arr.esize : 64;
    const shifts = ['shl', 'sshr', 'ushr', 'ssra', 'usra'];
    let op = LANE_OPS[mnemonic];
    let second: Second = { kind: 'none' };
    const third = ins.operands[2];
    if (shifts.includes(mnemonic)) {
      const amount = immediateOf(ins, 2);
      const limit = mnemonic === 'shl' ? esize - 1 : esize;
      if (amount === undefined || amount < (mnemonic === 'shl' ? 0n : 1n) || amount > BigInt(limit)) ctx.refuse(`'${mnemonic}' shift amount`);
      op = shiftOp(mnemonic as 'shl', Number(amount), esize);
    } else if (third !== undefined) {
      const v = vecOf(third);
      const e = elemOf(third);
      const imm = immediateOf(ins, 2);
      if (v && d) second = { kind: 'vec', v };
      else if (e && d) {
        if (e.bytes !== laneBytes(d.arr) || !['mul', 'mla', 'mls'].includes(mnemonic)) ctx.refuse(`'${mnemonic}' by element`);
        second = { kind: 'elem', e, parked: ctx.fscratch() };
      } else if (imm === 0n && ['cmeq', 'cmgt', 'cmge', 'cmlt', 'cmle'].includes(mnemonic)) second = { kind: 'const', value: 0n };
      else if (!d && fpOperandOf(ins, 2)?.view === 'd') second = { kind: 'none' };
      else ctx.refuse(`operand 3 of '${mnemonic}' is not lowered`);
    }
    if (!op) return false;
    if ((mnemonic === 'cmlt' || mnemonic === 'cmle') && second.kind !== 'const') ctx.refuse(`'${mnemonic}' register form is not an AArch64 instruction`);
    if (['smax', 'smin', 'umax', 'umin', 'mul', 'mla', 'mls', 'urhadd', 'srhadd', 'uhadd', 'shadd', 'sabd', 'uabd', 'cnt'].includes(mnemonic) && esize === 64) {
      ctx.refuse(`'${mnemonic}' has no 64-bit lanes`);
    }
    ctx.rule(`neon-${mnemonic}${d ? '' : '-scalar'}`);
    if (d) runLanes(ins, ctx, op, d, second);
    else runScalar(ins, ctx, op, scalar!, second);
    return true;
  };
}

/**
 * The scalar forms on d registers (`add d0, d1, d2`, `sshr d0, d1, #32`):
 * one 64-bit lane, read and written through the context's FP view.
 */
function runScalar(ins: InstructionStatement, ctx: LowerContext, op: LaneOp, dest: FpOperand, second: Second): void {
  const read = (k: number) => {
    const f = fpOperandOf(ins, k);
    if (!f || f.view !== 'd') ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a d register`);
    return ctx.readFpr(f.name, 'd');
  };
  const a = ins.operands.length > 1 ? read(1) : read(0);
  const b = second.kind === 'none' && fpOperandOf(ins, 2) ? read(2) : undefined;
  const acc = op.accumulates ? ctx.readFpr(dest.name, 'd') : undefined;
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  const env: LaneEnv = {
    ctx, slots: new Slots(ctx), t, u,
    load: (k, _i, reg) => {
      if (k === 1) return ctx.emit(`fmv.x.d ${reg}, ${a}`);
      if (b) return ctx.emit(`fmv.x.d ${reg}, ${b}`);
      if (second.kind === 'const') return ctx.emit(`li ${reg}, ${second.value}`);
      return ctx.refuse(`'${ins.mnemonic}' needs a second operand`);
    },
    loadDest: (_i, reg) => ctx.emit(`fmv.x.d ${reg}, ${acc}`),
  };
  op.body(env, 0);
  const w = ctx.writeFpr(dest.name, 'd');
  ctx.emit(`fmv.d.x ${w.reg}, ${t}`);
  w.commit();
}

// ---------------------------------------------------------------- widening

/**
 * Long, wide and accumulating widening forms: destination lanes of E bits,
 * narrow sources of E/2 bits from the low half (or the high half for `2`).
 */
export function wideningRule(signed: boolean, kind: 'long' | 'wide' | 'unary', combine: 'add' | 'sub' | 'mul' | 'none', acc?: 'add' | 'sub'): LowerRule {
  return (ins, ctx) => {
    const d = vecOperand(ins, 0, ctx);
    const upper = ins.mnemonic.endsWith('2');
    const E = laneBytes(d.arr);
    if (E === 1) ctx.refuse(`'${ins.mnemonic}' destination must have 16-bit or wider lanes`);
    const e = (E / 2) as LaneBytes;
    const n = vecOperand(ins, 1, ctx);
    const narrowOk = (v: VecRef) => laneBytes(v.arr) === e && v.arr.count === (upper ? 2 * d.arr.count : d.arr.count);
    if (kind === 'wide' ? laneBytes(n.arr) !== E || n.arr.count !== d.arr.count : !narrowOk(n)) ctx.refuse(`'${ins.mnemonic}' arrangements`);
    let m: VecRef | undefined;
    const el = kind === 'long' ? elemOf(ins.operands[2]) : undefined;
    if (el) {
      if (el.bytes !== e || combine !== 'mul') ctx.refuse(`'${ins.mnemonic}' by element`);
    } else if (kind !== 'unary') {
      m = vecOperand(ins, 2, ctx);
      if (!narrowOk(m)) ctx.refuse(`'${ins.mnemonic}' arrangements`);
    } else if (ins.operands.length > 2 && immediateOf(ins, 2) !== 0n) ctx.refuse(`'${ins.mnemonic}' with a shift is not lowered`);
    const slots = new Slots(ctx);
    const [t, u] = [ctx.scratch(), ctx.scratch()];
    const offset = upper ? d.arr.count : 0;
    const lanes = Array.from({ length: d.arr.count }, (_, i) => i);
    ctx.rule(`neon-${ins.mnemonic}`);
    // By element: the element is read once, before any store, and parked in an FP scratch.
    const parked = el ? ctx.fscratch() : '';
    if (el) {
      slots.load(t, el.reg, el.index * el.bytes, el.bytes, signed);
      ctx.emit(`fmv.d.x ${parked}, ${t}`);
    }
    // Low-half forms go downwards, `2` forms upwards: no source lane is overwritten before it is read.
    for (const i of upper ? lanes : lanes.reverse()) {
      if (kind === 'wide') slots.load(t, n.reg, i * E, E, signed);
      else slots.load(t, n.reg, (i + offset) * e, e, signed);
      if (m || el) {
        if (m) slots.load(u, m.reg, (i + offset) * e, e, signed);
        else ctx.emit(`fmv.x.d ${u}, ${parked}`);
        ctx.emit(`${combine} ${t}, ${t}, ${u}`);
      }
      if (acc) {
        slots.load(u, d.reg, i * E, E, false);
        ctx.emit(`${acc} ${t}, ${u}, ${t}`);
      }
      slots.store(t, d.reg, i * E, E);
    }
    return true;
  };
}

export const WIDENING_RULES: Record<string, LowerRule> = {};
for (const [s, signed] of [['s', true], ['u', false]] as const) {
  const add = (name: string, rule: LowerRule) => {
    WIDENING_RULES[name] = rule;
    WIDENING_RULES[`${name}2`] = rule;
  };
  add(`${s}xtl`, wideningRule(signed, 'unary', 'none'));
  add(`${s}shll`, wideningRule(signed, 'unary', 'none'));
  add(`${s}addl`, wideningRule(signed, 'long', 'add'));
  add(`${s}subl`, wideningRule(signed, 'long', 'sub'));
  add(`${s}addw`, wideningRule(signed, 'wide', 'add'));
  add(`${s}subw`, wideningRule(signed, 'wide', 'sub'));
  add(`${s}mull`, wideningRule(signed, 'long', 'mul'));
  add(`${s}mlal`, wideningRule(signed, 'long', 'mul', 'add'));
  add(`${s}mlsl`, wideningRule(signed, 'long', 'mul', 'sub'));
}
