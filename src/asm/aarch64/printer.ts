// Prints AArch64 operands in GNU syntax. Shift amounts always get a `#`
// (gas reads `lsl 3` and `lsl #3` alike); immediates keep the `#` or its
// absence as written, floats keep their spelling.
import type { Operand, ShiftOperand, VectorRegOperand } from '../ast.js';
import { printExpr } from '../expr.js';

function printShift(op: ShiftOperand): string {
  return op.amount === undefined ? op.op : `${op.op} #${printExpr(op.amount)}`;
}

function printVectorRegister(op: VectorRegOperand): string {
  const arrangement = op.arrangement !== undefined ? `.${op.arrangement}` : '';
  return `${op.name}${arrangement}${op.index !== undefined ? `[${op.index}]` : ''}`;
}

export function printAarch64Operand(op: Operand): string {
  switch (op.kind) {
    case 'reg':
      return op.name;
    case 'imm':
      return op.prefix + printExpr(op.expr);
    case 'expr':
      return printExpr(op.expr);
    case 'shift':
      return printShift(op);
    case 'vreg':
      return printVectorRegister(op);
    case 'vlist': {
      const regs = op.regs.map(printVectorRegister).join(op.range ? ' - ' : ', ');
      return `{${regs}}${op.index !== undefined ? `[${op.index}]` : ''}`;
    }
    case 'a64mem': {
      let text = `[${op.base}`;
      if (op.offset) text += `, ${printAarch64Operand(op.offset)}`;
      if (op.extend) text += `, ${printShift(op.extend)}`;
      return `${text}]${op.writeback ? '!' : ''}`;
    }
    default:
      throw new Error(`operand kind '${op.kind}' does not exist in AArch64 syntax`);
  }
}
