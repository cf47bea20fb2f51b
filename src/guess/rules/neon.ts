// Lowering rules for the NEON subset gcc emits, to scalar RV64GC code over
// each vector register's 16-byte private slot (ctx.vectorSlot). Families:
// - data movement (mov, dup, ins, movi, mvni, zip/uzp/trn, ext, rev*, xtn,
//   vector fmov immediates): derived from the instruction's semantics
//   (neon-move.ts);
// - lane-wise integer arithmetic, compares, shifts, bitwise selects, cnt,
//   and the widening forms (neon-lanes.ts);
// - lane-wise floating point (neon-fp.ts);
// - here: moves to general registers (umov, smov), reductions across lanes
//   (addv, [su]{min,max}v, scalar addp) and ld1/st1 of whole registers.
// Loads and stores of q registers (ldr/str/ldp/stp) belong to the core.
import type { InstructionStatement } from '../../asm/ast.js';
import { gprOperandOf } from './fp-operands.js';
import { NEON_FP_RULES } from './neon-fp.js';
import { LANE_OPS, laneRule, WIDENING_RULES } from './neon-lanes.js';
import { dataMovement } from './neon-move.js';
import { elemOf, laneBytes, Slots, vecOf, vecOperand, type LaneBytes } from './neon-slots.js';
import type { LowerContext, LowerRule } from './types.js';

/** umov/smov/mov wN|xN, vM.T[i]: a lane to a general register (a W result zero-extended to 64 bits). */
function toGeneral(signed: boolean): LowerRule {
  return (ins, ctx) => {
    const g = gprOperandOf(ins, 0);
    const e = elemOf(ins.operands[1]);
    if (!g || !e) return false;
    const fits = signed ? e.bytes * 8 < g.w && e.bytes <= 4 : g.w === 64 ? e.bytes === 8 : e.bytes <= 4;
    if (!fits) ctx.refuse(`'${ins.mnemonic}' sizes`);
    if (g.zero) return true;
    const w = ctx.writeGpr(g.name);
    const slots = new Slots(ctx);
    ctx.rule(`neon-${signed ? 'smov' : 'umov'}`);
    slots.load(w.reg, e.reg, e.index * e.bytes, e.bytes, signed);
    if (signed && g.w === 32) {
      ctx.emit(`slli ${w.reg}, ${w.reg}, 32`);
      ctx.emit(`srli ${w.reg}, ${w.reg}, 32`);
    }
    w.commit();
    return true;
  };
}

/** `mov`: to a general register (umov), otherwise a data movement. */
const mov: LowerRule = (ins, ctx) => {
  if (gprOperandOf(ins, 0)) return toGeneral(false)(ins, ctx);
  return dataMovement(ins, ctx);
};

/** The scalar destination of a reduction: b/h/s/d register number and size. */
function scalarDest(ins: InstructionStatement, ctx: LowerContext): { name: string; bytes: LaneBytes } {
  const op = ins.operands[0];
  const m = op?.kind === 'reg' ? /^([bhsd])([0-9]+)$/.exec(op.name) : null;
  if (!m) ctx.refuse(`'${ins.mnemonic}' writes a b, h, s or d register`);
  return { name: op!.kind === 'reg' ? op.name : '', bytes: ({ b: 1, h: 2, s: 4, d: 8 } as const)[m[1] as 'b'] };
}

/**
 * Writes a reduction's value (low `bytes` of r) as a scalar register: the
 * rest of the 128-bit register is zeroed. s and d go through the context's
 * FP view; b and h have no view and go through the register's slot.
 */
function writeScalar(ctx: LowerContext, slots: Slots, dest: { name: string; bytes: LaneBytes }, r: string, sourceReg: string): void {
  // A destination that is also the vector source certainly lives in its slot: write there (no spare scratch for the context's store).
  const inSlot = `v${dest.name.slice(1)}` === sourceReg;
  if ((dest.bytes === 4 || dest.bytes === 8) && !inSlot) {
    const view = dest.bytes === 4 ? 's' : 'd';
    const w = ctx.writeFpr(dest.name, view);
    ctx.emit(`${view === 's' ? 'fmv.w.x' : 'fmv.d.x'} ${w.reg}, ${r}`);
    w.commit();
    return;
  }
  if (dest.bytes < 8) {
    ctx.emit(`slli ${r}, ${r}, ${64 - dest.bytes * 8}`);
    ctx.emit(`srli ${r}, ${r}, ${64 - dest.bytes * 8}`);
  }
  slots.store(r, `v${dest.name.slice(1)}`, 0, 8);
  slots.store('zero', `v${dest.name.slice(1)}`, 8, 8);
}

/**
 * addv and the min/max reductions: a running value r, one lane at a time
 * (loaded sign- or zero-extended, so 64-bit compares order them). min/max
 * select branch-free with a mask m = -(lane < r) (min) or -(r < lane) (max):
 * r ^= (r ^ lane) & m, with the slot base register as the mask (reloaded
 * with `lla` before the next lane).
 */
function across(kind: 'add' | 'min' | 'max', signed: boolean): LowerRule {
  return (ins, ctx) => {
    const dest = scalarDest(ins, ctx);
    const n = vecOperand(ins, 1, ctx);
    const e = laneBytes(n.arr);
    if (e !== dest.bytes || e === 8 || n.arr.count < 2) ctx.refuse(`'${ins.mnemonic}' arrangement`);
    const [r, t] = [ctx.scratch(), ctx.scratch()];
    const slots = new Slots(ctx);
    ctx.rule(`neon-${ins.mnemonic}`);
    slots.load(r, n.reg, 0, e, signed);
    for (let i = 1; i < n.arr.count; i++) {
      slots.load(t, n.reg, i * e, e, signed);
      if (kind === 'add') {
        ctx.emit(`add ${r}, ${r}, ${t}`);
        continue;
      }
      const m = slots.address(n.reg).base;
      const lt = signed ? 'slt' : 'sltu';
      ctx.emit(kind === 'min' ? `${lt} ${m}, ${t}, ${r}` : `${lt} ${m}, ${r}, ${t}`);
      ctx.emit(`neg ${m}, ${m}`);
      ctx.emit(`xor ${t}, ${t}, ${r}`);
      ctx.emit(`and ${t}, ${t}, ${m}`);
      ctx.emit(`xor ${r}, ${r}, ${t}`);
      slots.invalidate();
    }
    writeScalar(ctx, slots, dest, r, n.reg);
    return true;
  };
}

/** addp dN, vM.2d: the sum of the two lanes. */
const addpScalar: LowerRule = (ins, ctx) => {
  const dest = scalarDest(ins, ctx);
  const n = vecOperand(ins, 1, ctx);
  if (dest.bytes !== 8 || n.arr.esize !== 64 || n.arr.count !== 2) ctx.refuse(`'addp' scalar form is dN, vM.2d`);
  const [r, t] = [ctx.scratch(), ctx.scratch()];
  const slots = new Slots(ctx);
  ctx.rule('neon-addp');
  slots.load(r, n.reg, 0, 8, false);
  slots.load(t, n.reg, 8, 8, false);
  ctx.emit(`add ${r}, ${r}, ${t}`);
  writeScalar(ctx, slots, dest, r, n.reg);
  return true;
};

/**
 * addp vD, vN, vM (vector): lane j is the sum of lanes 2j and 2j+1 of the
 * concatenation n:m. Any of the three may be the same register, so each
 * 64-bit word of the result is gathered in an FP scratch and stored last.
 */
const addpVector: LowerRule = (ins, ctx) => {
  const d = vecOperand(ins, 0, ctx);
  const n = vecOperand(ins, 1, ctx);
  const m = vecOperand(ins, 2, ctx);
  if ([n, m].some((v) => v.arr.esize !== d.arr.esize || v.arr.count !== d.arr.count)) ctx.refuse(`'addp' operands must have one arrangement`);
  const E = laneBytes(d.arr);
  const half = d.arr.count / 2;
  const perWord = 8 / E;
  const slots = new Slots(ctx);
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  const parks = Array.from({ length: d.arr.bits / 64 }, () => ctx.fscratch());
  ctx.rule('neon-addp-vector');
  for (let j = 0; j < d.arr.count; j++) {
    const [src, k] = j < half ? [n, 2 * j] : [m, 2 * (j - half)];
    slots.load(t, src.reg, k * E, E, false);
    slots.load(u, src.reg, (k + 1) * E, E, false);
    ctx.emit(`add ${t}, ${t}, ${u}`);
    const pos = 8 * E * (j % perWord);
    if (E < 8) {
      ctx.emit(`slli ${t}, ${t}, ${64 - 8 * E}`);
      ctx.emit(`srli ${t}, ${t}, ${64 - 8 * E - pos}`);
    }
    const park = parks[Math.floor(j / perWord)]!;
    if (j % perWord) {
      ctx.emit(`fmv.x.d ${u}, ${park}`);
      ctx.emit(`or ${t}, ${t}, ${u}`);
    }
    ctx.emit(`fmv.d.x ${park}, ${t}`);
  }
  parks.forEach((p, k) => slots.storeF(p, d.reg, 8 * k, 8));
  if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
  return true;
};

const addp: LowerRule = (ins, ctx) => (vecOf(ins.operands[0]) ? addpVector(ins, ctx) : addpScalar(ins, ctx));

/**
 * ld1..ld4 / st1..st4 {vA.T - vB.T}, [xN]: whole registers (no lane, no
 * post-index). Element j of structure i is at byte (i*N + j)*E of memory
 * and in lane i of register j (ld1/st1: N = 1 per register, consecutive).
 * Memory and the private slots are apart, so the order does not matter.
 */
function structures(store: boolean, interleave: number): LowerRule {
  return (ins, ctx) => {
    const list = ins.operands[0];
    const mem = ins.operands[1];
    if (list?.kind !== 'vlist' || list.index !== undefined || mem?.kind !== 'a64mem' || ins.operands.length !== 2) {
      return ctx.refuse(`'${ins.mnemonic}' form is not lowered (lane and post-index forms)`);
    }
    if (mem.offset || mem.writeback || mem.extend) ctx.refuse(`'${ins.mnemonic}' takes a plain [xN] address here`);
    const first = vecOf(list.regs[0]);
    const last = vecOf(list.regs[list.regs.length - 1]);
    if (!first || !last) return ctx.refuse(`'${ins.mnemonic}' register list`);
    const a = Number(first.reg.slice(1));
    const count = list.range ? ((Number(last.reg.slice(1)) - a + 32) % 32) + 1 : list.regs.length;
    const regs = Array.from({ length: count }, (_, k) => `v${(a + k) % 32}`);
    if (!list.range && list.regs.some((r, k) => vecOf(r)?.reg !== regs[k])) ctx.refuse(`'${ins.mnemonic}' registers must be consecutive`);
    if (count > 4 || (interleave > 1 && count !== interleave)) ctx.refuse(`'${ins.mnemonic}' takes ${interleave > 1 ? interleave : 'one to four'} registers`);
    const bytes = first.arr.bits / 8;
    // ld1/st1 move whole registers in order: 8-byte pieces; ldN/stN move elements.
    const E: LaneBytes = interleave === 1 ? 8 : laneBytes(first.arr);
    const lanes = bytes / E;
    const addr = ctx.readGpr(mem.base);
    const t = ctx.scratch();
    const slots = new Slots(ctx);
    ctx.rule(`neon-${ins.mnemonic}`);
    regs.forEach((reg, j) => {
      for (let i = 0; i < lanes; i++) {
        const at = interleave === 1 ? j * bytes + i * E : (i * interleave + j) * E;
        const op = { 1: ['lbu', 'sb'], 2: ['lhu', 'sh'], 4: ['lwu', 'sw'], 8: ['ld', 'sd'] }[E];
        if (store) {
          slots.load(t, reg, i * E, E, false);
          ctx.emit(`${op[1]} ${t}, ${at}(${addr})`);
        } else {
          ctx.emit(`${op[0]} ${t}, ${at}(${addr})`);
          slots.store(t, reg, i * E, E);
        }
      }
      if (!store && bytes === 8) slots.store('zero', reg, 8, 8);
    });
    return true;
  };
}

/**
 * ushl vD, vN, vM: lane i of n shifted by the signed low byte of lane i of
 * m, left when positive, logically right when negative; a shift of the
 * lane size or more gives 0. One short branch per lane; the slot base
 * register holds the in-range mask (and is reloaded after).
 */
const ushl: LowerRule = (ins, ctx) => {
  const d = vecOperand(ins, 0, ctx);
  const n = vecOperand(ins, 1, ctx);
  const m = vecOperand(ins, 2, ctx);
  if ([n, m].some((v) => v.arr.esize !== d.arr.esize || v.arr.count !== d.arr.count)) ctx.refuse(`'ushl' operands must have one arrangement`);
  const E = laneBytes(d.arr);
  const slots = new Slots(ctx);
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  ctx.rule('neon-ushl');
  for (let i = 0; i < d.arr.count; i++) {
    const [right, done] = [ctx.freshLabel('ushl_right'), ctx.freshLabel('ushl_done')];
    slots.load(u, m.reg, i * E, 1, true);
    slots.load(t, n.reg, i * E, E, false);
    const mask = slots.address(n.reg).base;
    ctx.emit(`bltz ${u}, ${right}`);
    ctx.emit(`sltiu ${mask}, ${u}, ${8 * E}`);
    ctx.emit(`sll ${t}, ${t}, ${u}`);
    ctx.emit(`j ${done}`);
    ctx.emit(`${right}:`);
    ctx.emit(`neg ${u}, ${u}`);
    ctx.emit(`sltiu ${mask}, ${u}, ${8 * E}`);
    ctx.emit(`srl ${t}, ${t}, ${u}`);
    ctx.emit(`${done}:`);
    ctx.emit(`neg ${mask}, ${mask}`);
    ctx.emit(`and ${t}, ${t}, ${mask}`);
    slots.invalidate();
    slots.store(t, d.reg, i * E, E);
  }
  if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
  return true;
};

/**
 * tbl vD.{8b,16b}, {table of 1, 2 or 4 registers}, vM: byte i of the result
 * is table byte vM[i] when that index is inside the table, else 0. The
 * table registers' slots must be contiguous (the core lays out the slots
 * of consecutive vector registers in order); the index is masked to the
 * table so the load never leaves it, and the in-range bit masks the byte.
 * When the destination is also the index or a table register, each
 * 64-bit word of the result is gathered in an FP scratch and stored last.
 */
const tbl: LowerRule = (ins, ctx) => {
  const d = vecOperand(ins, 0, ctx);
  const list = ins.operands[1];
  const m = vecOperand(ins, 2, ctx);
  if (list?.kind !== 'vlist' || list.index !== undefined) return ctx.refuse(`'tbl' table must be a register list`);
  const first = vecOf(list.regs[0]);
  const last = vecOf(list.regs[list.regs.length - 1]);
  if (!first || !last || first.arr.esize !== 8 || first.arr.count !== 16) return ctx.refuse(`'tbl' table must be 16b registers`);
  if (d.arr.esize !== 8 || m.arr.esize !== 8 || d.arr.count !== m.arr.count) ctx.refuse(`'tbl' takes byte arrangements`);
  const a = Number(first.reg.slice(1));
  const count = list.range ? ((Number(last.reg.slice(1)) - a + 32) % 32) + 1 : list.regs.length;
  if (count !== 1 && count !== 2 && count !== 4) ctx.refuse(`'tbl' with ${count} table registers is not lowered`);
  const table = Array.from({ length: count }, (_, k) => `v${(a + k) % 32}`);
  if (!list.range && list.regs.some((r, k) => vecOf(r)?.reg !== table[k])) ctx.refuse(`'tbl' table registers must be consecutive`);
  const slots = new Slots(ctx);
  const [t, u] = [ctx.scratch(), ctx.scratch()];
  const start = slots.address(table[0]!);
  table.forEach((r, k) => {
    const s = slots.address(r);
    if (s.offset !== start.offset + 16 * k) ctx.refuse(`'tbl' table registers do not have contiguous slots`);
  });
  const aliased = d.reg === m.reg || table.includes(d.reg);
  const words = d.arr.count / 8;
  const parks = aliased ? Array.from({ length: words }, () => ctx.fscratch()) : [];
  ctx.rule('neon-tbl');
  for (let i = 0; i < d.arr.count; i++) {
    slots.load(t, m.reg, i, 1, false);
    ctx.emit(`sltiu ${u}, ${t}, ${16 * count}`);
    ctx.emit(`andi ${t}, ${t}, ${16 * count - 1}`);
    ctx.emit(`add ${t}, ${t}, ${start.base}`);
    ctx.emit(`lbu ${t}, ${start.offset}(${t})`);
    ctx.emit(`neg ${u}, ${u}`);
    ctx.emit(`and ${t}, ${t}, ${u}`);
    if (!aliased) {
      slots.store(t, d.reg, i, 1);
      continue;
    }
    const park = parks[Math.floor(i / 8)]!;
    if (i % 8) {
      ctx.emit(`slli ${t}, ${t}, ${8 * (i % 8)}`);
      ctx.emit(`fmv.x.d ${u}, ${park}`);
      ctx.emit(`or ${t}, ${t}, ${u}`);
    }
    ctx.emit(`fmv.d.x ${park}, ${t}`);
  }
  parks.forEach((p, k) => slots.storeF(p, d.reg, 8 * k, 8));
  if (d.arr.bits === 64) slots.store('zero', d.reg, 8, 8);
  return true;
};

const MOVEMENT = ['dup', 'ins', 'movi', 'mvni', 'zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2', 'ext', 'rev16', 'rev32', 'rev64', 'xtn', 'xtn2'];

export const neonRules: Record<string, LowerRule> = {
  mov,
  umov: toGeneral(false),
  smov: toGeneral(true),
  addv: across('add', false),
  uminv: across('min', false),
  umaxv: across('max', false),
  sminv: across('min', true),
  smaxv: across('max', true),
  addp,
  tbl,
  ld1: structures(false, 1),
  st1: structures(true, 1),
  ld2: structures(false, 2),
  st2: structures(true, 2),
  ld3: structures(false, 3),
  st3: structures(true, 3),
  ld4: structures(false, 4),
  st4: structures(true, 4),
  ushl,
  ...WIDENING_RULES,
  ...NEON_FP_RULES,
};
for (const m of MOVEMENT) neonRules[m] = dataMovement;
for (const m of [...Object.keys(LANE_OPS), 'shl', 'sshr', 'ushr', 'ssra', 'usra']) neonRules[m] = laneRule(m);
