// Prints RISC-V operands in GNU syntax.
import type { Operand } from '../ast.js';
import { printExpr } from '../expr.js';

export function printRiscvOperand(op: Operand): string {
  switch (op.kind) {
    case 'reg':
      return op.name;
    case 'imm':
    case 'expr':
      return printExpr(op.expr);
    case 'rvmem':
      return `${op.offset ? printExpr(op.offset) : ''}(${op.base})`;
    default:
      throw new Error(`operand kind '${op.kind}' does not exist in RISC-V syntax`);
  }
}
