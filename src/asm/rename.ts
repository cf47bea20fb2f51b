// Renames symbols throughout a parsed file: labels, expressions in operands
// and directive arguments. Used to make copies of a file that can be
// assembled together (benchmarks), and by later stages to avoid clashes.
import type { AsmFile, DirectiveArg, Expr, Operand, Statement } from './ast.js';

export type Renamer = (name: string) => string;

export function renameExpr(e: Expr, rename: Renamer): Expr {
  switch (e.kind) {
    case 'sym':
      return { kind: 'sym', name: rename(e.name) };
    case 'unary':
      return { ...e, arg: renameExpr(e.arg, rename) };
    case 'binary':
      return { ...e, left: renameExpr(e.left, rename), right: renameExpr(e.right, rename) };
    case 'reloc':
      return { ...e, arg: renameExpr(e.arg, rename) };
    default:
      return e;
  }
}

function renameOperand(op: Operand, rename: Renamer): Operand {
  switch (op.kind) {
    case 'imm':
    case 'expr':
      return { ...op, expr: renameExpr(op.expr, rename) };
    case 'rvmem':
      return op.offset ? { ...op, offset: renameExpr(op.offset, rename) } : op;
    case 'x86mem':
      return op.disp ? { ...op, disp: renameExpr(op.disp, rename) } : op;
    case 'a64mem':
      return op.offset ? { ...op, offset: renameOperand(op.offset, rename) } : op;
    case 'indirect':
      return { ...op, target: renameOperand(op.target, rename) };
    default:
      return op;
  }
}

function renameArg(a: DirectiveArg, rename: Renamer): DirectiveArg {
  return a.kind === 'expr' ? { kind: 'expr', expr: renameExpr(a.expr, rename) } : a;
}

export function renameStatement(st: Statement, rename: Renamer): Statement {
  switch (st.kind) {
    case 'label':
      return { ...st, name: rename(st.name) };
    case 'directive':
      return { ...st, args: st.args.map((a) => renameArg(a, rename)) };
    case 'instruction':
      return { ...st, operands: st.operands.map((o) => renameOperand(o, rename)) };
  }
}

/** Every symbol the file defines: labels (numeric locals excepted), `.set`, `.comm` and `.lcomm` names. */
export function definedSymbols(file: AsmFile): Set<string> {
  const out = new Set<string>();
  for (const st of file.statements) {
    if (st.kind === 'label' && !/^[0-9]+$/.test(st.name)) out.add(st.name);
    if (st.kind === 'directive' && ['.set', '.equ', '.comm', '.lcomm'].includes(st.name)) {
      const a = st.args[0];
      if (a?.kind === 'expr' && a.expr.kind === 'sym') out.add(a.expr.name);
    }
  }
  return out;
}

export function renameFile(file: AsmFile, rename: Renamer): AsmFile {
  return { ...file, statements: file.statements.map((st) => renameStatement(st, rename)) };
}
