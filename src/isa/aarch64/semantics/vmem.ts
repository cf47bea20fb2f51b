// Advanced SIMD structure loads and stores: ld1-ld4 / st1-st4 (multiple
// structures, single lane), ld1r-ld4r, with post-index by an immediate
// (the transfer size) or a register.
import { add, c, concat, constOf, extract, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { memAddress } from './mem.js';
import { writeGpr, type Ctx, type Ins } from './operands.js';
import { arrangementOf, ELEMENT_SIZES, lane, readV, replicate, withLane, writeV } from './vec.js';
import { listRegisters } from './vwide.js';

interface Plan {
  regs: number[];
  esize: number;
  /** Elements per register (whole-register forms). */
  count: number;
  bits: number;
  index?: number;
  bytes: number;
}

/** The list and its shape; `structs` is N of ldN/stN. */
function plan(i: Ins, ctx: Ctx, structs: number, form: 'multiple' | 'lane' | 'replicate'): Plan {
  const list = listRegisters(i, 0, ctx);
  const regs = list.regs;
  if (structs > 1 ? regs.length !== structs : regs.length < 1) ctx.unsupported(`'${i.mnemonic}' needs ${structs} register(s)`);
  if (form === 'lane') {
    const esize = ELEMENT_SIZES[list.spec];
    if (!esize || list.index === undefined || list.index >= 128 / esize) return ctx.unsupported(`'${i.mnemonic}' lane form needs {v.T}[index]`);
    return { regs, esize, count: 1, bits: 128, index: list.index, bytes: (esize / 8) * regs.length };
  }
  if (list.index !== undefined) ctx.unsupported(`'${i.mnemonic}' takes no lane index here`);
  const arr = arrangementOf(list.spec);
  if (!arr) return ctx.unsupported(`'${i.mnemonic}' arrangement '${list.spec}'`);
  if (structs > 1 && form === 'multiple' && arr.count === 1) ctx.unsupported(`'${i.mnemonic}' has no 1d form`);
  const bytes = form === 'replicate' ? (arr.esize / 8) * regs.length : (arr.bits / 8) * regs.length;
  return { regs, esize: arr.esize, count: arr.count, bits: arr.bits, bytes };
}

/** The address, checking that an immediate post-index equals the transfer size as the encoding requires. */
function address(i: Ins, ctx: Ctx, p: Plan): { addr: BV; done: () => void } {
  const a = memAddress(i, 1, ctx, true);
  const post = i.operands[2];
  if (post && (post.kind === 'imm' || post.kind === 'expr') && constOf(ctx.value(post.expr)) !== BigInt(p.bytes)) {
    ctx.unsupported(`'${i.mnemonic}' post-index immediate must be #${p.bytes}`);
  }
  const op = i.operands[1];
  if (op?.kind === 'a64mem' && (op.offset || op.writeback)) ctx.unsupported(`'${i.mnemonic}' takes [xn] with an optional post-index`);
  return { addr: a.addr, done: () => a.writeback && writeGpr(ctx, a.writeback.base, a.writeback.value) };
}

const at = (addr: BV, offset: number) => add(addr, c(64, offset));

function loadStructs(structs: number, form: 'multiple' | 'lane' | 'replicate'): InstructionSemantics {
  return (i, ctx) => {
    const p = plan(i, ctx, structs, form);
    const { addr, done } = address(i, ctx, p);
    const eb = p.esize / 8;
    if (form === 'replicate') {
      p.regs.forEach((r, k) => writeV(ctx, r, replicate(ctx.load(at(addr, k * eb), eb), p.count)));
    } else if (form === 'lane') {
      const values = p.regs.map((_, k) => ctx.load(at(addr, k * eb), eb));
      p.regs.forEach((r, k) => writeV(ctx, r, withLane(readV(ctx, r), p.esize, p.index!, values[k]!)));
    } else if (structs === 1) {
      // ld1 with several registers: each register is a consecutive block of memory.
      p.regs.forEach((r, k) => writeV(ctx, r, ctx.load(at(addr, (k * p.bits) / 8), p.bits / 8)));
    } else {
      // ldN: element e of register r is structure e's member r (interleaved).
      const values = p.regs.map((_, r) =>
        Array.from({ length: p.count }, (_, e) => ctx.load(at(addr, (e * structs + r) * eb), eb)),
      );
      p.regs.forEach((r, k) => {
        let v = values[k]![0]!;
        for (let e = 1; e < p.count; e++) v = concat(values[k]![e]!, v);
        writeV(ctx, r, zext(128, v));
      });
    }
    done();
  };
}

function storeStructs(structs: number, form: 'multiple' | 'lane'): InstructionSemantics {
  return (i, ctx) => {
    const p = plan(i, ctx, structs, form);
    const { addr, done } = address(i, ctx, p);
    const eb = p.esize / 8;
    const values = p.regs.map((r) => readV(ctx, r));
    if (form === 'lane') {
      values.forEach((v, k) => ctx.store(at(addr, k * eb), lane(v, p.esize, p.index!)));
    } else if (structs === 1) {
      values.forEach((v, k) => ctx.store(at(addr, (k * p.bits) / 8), extract(p.bits - 1, 0, v)));
    } else {
      for (let e = 0; e < p.count; e++) {
        values.forEach((v, r) => ctx.store(at(addr, (e * structs + r) * eb), lane(v, p.esize, e)));
      }
    }
    done();
  };
}

/** ld1 {v0.s}[1] is the lane form, ld1 {v0.4s} the multiple form: the list operand decides. */
function byListForm(multiple: InstructionSemantics, laneForm: InstructionSemantics): InstructionSemantics {
  return (i, ctx) => {
    const op = i.operands[0];
    const isLane = op?.kind === 'vlist' && (op.index !== undefined || ELEMENT_SIZES[op.regs[0]?.arrangement ?? ''] !== undefined);
    return isLane ? laneForm(i, ctx) : multiple(i, ctx);
  };
}

export const VMEM_SEMANTICS: Record<string, InstructionSemantics> = {};
for (const n of [1, 2, 3, 4]) {
  VMEM_SEMANTICS[`ld${n}`] = byListForm(loadStructs(n, 'multiple'), loadStructs(n, 'lane'));
  VMEM_SEMANTICS[`st${n}`] = byListForm(storeStructs(n, 'multiple'), storeStructs(n, 'lane'));
  VMEM_SEMANTICS[`ld${n}r`] = loadStructs(n, 'replicate');
}
