// RV64I semantics (a first set; the rest of RV64GC follows the same pattern).
import { add, eq, ne, sext, slt, sub, trunc, ult, zext } from '../../../ir/build.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { address, imm, operand, readX, writeX } from './operands.js';

/** 32-bit result of a `*w` instruction, sign-extended to 64 bits as RV64 defines. */
const w32 = (x: Parameters<typeof trunc>[1]) => sext(64, trunc(32, x));

export const BASE_SEMANTICS: Record<string, InstructionSemantics> = {
  add: (i, ctx) => writeX(i, 0, ctx, add(readX(i, 1, ctx), readX(i, 2, ctx))),
  sub: (i, ctx) => writeX(i, 0, ctx, sub(readX(i, 1, ctx), readX(i, 2, ctx))),
  addi: (i, ctx) => writeX(i, 0, ctx, add(readX(i, 1, ctx), imm(i, 2, ctx))),
  addw: (i, ctx) => writeX(i, 0, ctx, w32(add(readX(i, 1, ctx), readX(i, 2, ctx)))),
  addiw: (i, ctx) => writeX(i, 0, ctx, w32(add(readX(i, 1, ctx), imm(i, 2, ctx)))),
  mv: (i, ctx) => writeX(i, 0, ctx, readX(i, 1, ctx)),
  li: (i, ctx) => writeX(i, 0, ctx, imm(i, 1, ctx)),
  slt: (i, ctx) => writeX(i, 0, ctx, zext(64, slt(readX(i, 1, ctx), readX(i, 2, ctx)))),
  sltu: (i, ctx) => writeX(i, 0, ctx, zext(64, ult(readX(i, 1, ctx), readX(i, 2, ctx)))),
  ld: (i, ctx) => writeX(i, 0, ctx, ctx.load(address(i, 1, ctx), 8)),
  lw: (i, ctx) => writeX(i, 0, ctx, sext(64, ctx.load(address(i, 1, ctx), 4))),
  sd: (i, ctx) => ctx.store(address(i, 1, ctx), readX(i, 0, ctx)),
  sw: (i, ctx) => ctx.store(address(i, 1, ctx), trunc(32, readX(i, 0, ctx))),
  beq: (i, ctx) => ctx.branch(eq(readX(i, 0, ctx), readX(i, 1, ctx)), targetOf(i, 2, ctx)),
  bne: (i, ctx) => ctx.branch(ne(readX(i, 0, ctx), readX(i, 1, ctx)), targetOf(i, 2, ctx)),
  j: (i, ctx) => ctx.jump(targetOf(i, 0, ctx)),
  ret: (_i, ctx) => ctx.ret(ctx.get('x1')),
  call: (i, ctx) => ctx.call(targetOf(i, i.operands.length - 1, ctx)),
};

function targetOf(i: Parameters<InstructionSemantics>[0], k: number, ctx: Parameters<InstructionSemantics>[1]) {
  const op = operand(i, k, ctx);
  if (op.kind !== 'expr' && op.kind !== 'imm') ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a label`);
  return ctx.target(op.expr);
}
