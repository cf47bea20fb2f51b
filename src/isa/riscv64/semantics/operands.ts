// Operand access for RISC-V semantics: registers by canonical name (x0 reads
// as zero and ignores writes), immediates, memory addresses.
import type { InstructionStatement, Operand } from '../../../asm/ast.js';
import { add, c } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { SemContext } from '../../../ir/semantics.js';
import { RISCV_REGISTER_NUMBERS } from '../registers.js';

export function operand(ins: InstructionStatement, k: number, ctx: SemContext): Operand {
  const op = ins.operands[k];
  if (!op) ctx.unsupported(`'${ins.mnemonic}' is missing operand ${k + 1}`);
  return op;
}

/** Canonical name (`x10`, `f3`) of a register operand. */
export function regName(ins: InstructionStatement, k: number, ctx: SemContext): string {
  const op = operand(ins, k, ctx);
  const n = op.kind === 'reg' ? RISCV_REGISTER_NUMBERS.get(op.name) : undefined;
  if (n === undefined) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a register`);
  return n < 32 ? `x${n}` : `f${n - 32}`;
}

export function readX(ins: InstructionStatement, k: number, ctx: SemContext): BV {
  const name = regName(ins, k, ctx);
  if (!name.startsWith('x')) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an integer register`);
  return name === 'x0' ? c(64, 0) : ctx.get(name);
}

export function writeX(ins: InstructionStatement, k: number, ctx: SemContext, value: BV): void {
  const name = regName(ins, k, ctx);
  if (!name.startsWith('x')) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an integer register`);
  if (name !== 'x0') ctx.set(name, value);
}

/** An immediate or relocation operand as a 64-bit value. */
export function imm(ins: InstructionStatement, k: number, ctx: SemContext): BV {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'imm' && op.kind !== 'expr') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an immediate`);
  return ctx.value(op.expr);
}

/** The address of a memory operand `off(base)`. */
export function address(ins: InstructionStatement, k: number, ctx: SemContext): BV {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'rvmem') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a memory operand off(reg)`);
  const n = RISCV_REGISTER_NUMBERS.get(op.base);
  if (n === undefined || n >= 32) ctx.unsupported(`'${op.base}' is not an integer base register`);
  const base = n === 0 ? c(64, 0) : ctx.get(`x${n}`);
  return op.offset ? add(base, ctx.value(op.offset)) : base;
}
