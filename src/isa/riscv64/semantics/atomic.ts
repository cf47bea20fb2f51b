// The A extension, for a single hart.
//
// Assumptions (also in docs/semantics-riscv64.md):
// - One hart: no other agent writes memory between instructions, so the
//   .aq/.rl orderings have no observable effect and every AMO is a plain
//   load, operation, store.
// - sc always succeeds (writes 0 to rd and stores). On a single hart the
//   reservation of the preceding lr is only lost by an interrupt or a
//   context switch; code that uses lr/sc correctly retries then, so the
//   succeeding path is the one whose result matters.
// - Addresses are naturally aligned: a misaligned atomic traps on hardware,
//   which is not modelled.
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { add, and, c, ite, or, sext, slt, trunc, ult, xor } from './bv.js';
import { atomicAddress, readX, writeX } from './operands.js';

type Binary = (old: BV, src: BV) => BV;

const AMO_OPS: Record<string, Binary> = {
  swap: (_old, src) => src,
  add,
  xor,
  and,
  or,
  min: (a, b) => ite(slt(a, b), a, b),
  max: (a, b) => ite(slt(b, a), a, b),
  minu: (a, b) => ite(ult(a, b), a, b),
  maxu: (a, b) => ite(ult(b, a), a, b),
};

/** A 32-bit memory value as RV64 writes it to rd: sign-extended. */
const toReg = (v: BV): BV => (v.w === 64 ? v : sext(64, v));

const lr = (bytes: number): InstructionSemantics => (i, ctx) => {
  writeX(i, 0, ctx, toReg(ctx.load(atomicAddress(i, 1, ctx), bytes)));
};

const sc = (bytes: number): InstructionSemantics => (i, ctx) => {
  // Sources are read before rd is written (rd may equal rs2 or rs1).
  const value = trunc(bytes * 8, readX(i, 1, ctx));
  const addr = atomicAddress(i, 2, ctx);
  ctx.store(addr, value);
  writeX(i, 0, ctx, c(64, 0));
};

const amo = (bytes: number, f: Binary): InstructionSemantics => (i, ctx) => {
  const src = trunc(bytes * 8, readX(i, 1, ctx));
  const addr = atomicAddress(i, 2, ctx);
  const old = ctx.load(addr, bytes);
  ctx.store(addr, f(old, src));
  writeX(i, 0, ctx, toReg(old));
};

function build(): Record<string, InstructionSemantics> {
  const out: Record<string, InstructionSemantics> = {};
  for (const [suffix, bytes] of [['w', 4], ['d', 8]] as const)
    for (const order of ['', '.aq', '.rl', '.aqrl']) {
      out[`lr.${suffix}${order}`] = lr(bytes);
      out[`sc.${suffix}${order}`] = sc(bytes);
      for (const [name, f] of Object.entries(AMO_OPS)) out[`amo${name}.${suffix}${order}`] = amo(bytes, f);
    }
  return out;
}

export const ATOMIC_SEMANTICS: Record<string, InstructionSemantics> = build();
