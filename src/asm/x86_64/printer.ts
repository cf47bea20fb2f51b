// Prints x86-64 operands in AT&T syntax, the way gas reads them back to the
// same bytes: registers with `%`, immediates with `$`, memory as
// `seg:disp(base,index,scale)` keeping exactly the parts that were written.
import type { Operand } from '../ast.js';
import { printExpr } from '../expr.js';

export function printX86Operand(op: Operand): string {
  switch (op.kind) {
    case 'reg':
      return `%${op.name}${printDecorations(op.decorations)}`;
    case 'imm':
      return `$${printExpr(op.expr)}`;
    case 'expr':
      return printExpr(op.expr);
    case 'x86mem': {
      let s = op.segment !== undefined ? `%${op.segment}:` : '';
      if (op.disp !== undefined) s += printExpr(op.disp);
      if (op.parens) {
        s += '(';
        if (op.base !== undefined) s += `%${op.base}`;
        if (op.index !== undefined || op.scale !== undefined) {
          s += op.index !== undefined ? `,%${op.index}` : ',';
          if (op.scale !== undefined) s += `,${op.scale}`;
        }
        s += ')';
      } else if (op.disp === undefined) {
        // `%fs:` with nothing after it cannot be written; an absolute address 0 is the same.
        s += '0';
      }
      return s + printDecorations(op.decorations);
    }
    case 'indirect':
      return `*${printX86Operand(op.target)}`;
    default:
      throw new Error(`operand kind '${op.kind}' does not exist in x86-64 AT&T syntax`);
  }
}

function printDecorations(decorations: string[] | undefined): string {
  if (decorations === undefined) return '';
  return decorations.map((d) => (/^k[0-7]$/.test(d) ? `{%${d}}` : `{${d}}`)).join('');
}
