// Prints statements back as assembly text that GNU as reads to the same object.
import type { AsmFile, DirectiveArg, Statement } from './ast.js';
import type { Dialect } from './dialect.js';
import { printExpr } from './expr.js';
import { encodeStringLiteral } from './strings.js';

export function printDirectiveArg(arg: DirectiveArg): string {
  switch (arg.kind) {
    case 'expr':
      return printExpr(arg.expr);
    case 'string':
      return encodeStringLiteral(arg.bytes);
    case 'tag':
      return arg.prefix + arg.name;
    case 'empty':
      return '';
    case 'raw':
      return arg.text;
  }
}

export function printStatement(st: Statement, dialect: Dialect): string {
  switch (st.kind) {
    case 'label':
      return `${st.name}:`;
    case 'directive':
      return st.args.length ? `\t${st.name}\t${st.args.map(printDirectiveArg).join(',')}` : `\t${st.name}`;
    case 'instruction': {
      const head = [...st.prefixes, st.mnemonic].join(' ');
      if (st.operands.length === 0) return `\t${head}`;
      return `\t${head}\t${st.operands.map((o) => dialect.printOperand(o)).join(dialect.operandSeparator)}`;
    }
  }
}

export function printAsmFile(file: AsmFile, dialect: Dialect): string {
  const lines: string[] = [];
  for (const st of file.statements) lines.push(printStatement(st, dialect));
  return lines.join('\n') + '\n';
}
