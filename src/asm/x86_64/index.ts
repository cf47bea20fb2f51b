// The x86-64 AT&T-syntax dialect (GNU as, as gcc emits it).
import type { InstructionStatement, Operand } from '../ast.js';
import type { Dialect } from '../dialect.js';
import { takesCodeTarget, takesIndirectOperand, X86_64 } from '../../isa/x86_64/instructions.js';
import { checkOperandCount } from '../../isa/types.js';
import { x86Lexer, x86Parser } from './parser.js';
import { printX86Operand } from './printer.js';

/** Words gas reads as instruction prefixes when another mnemonic follows on the line. */
export const X86_PREFIXES: ReadonlySet<string> = new Set([
  'rep', 'repe', 'repz', 'repne', 'repnz', 'lock', 'notrack', 'bnd', 'xacquire', 'xrelease',
  'data16', 'addr32', 'rex', 'rex64', 'rex.w',
  'cs', 'ds', 'fs', 'gs',
]);

/**
 * The known-instruction check, plus one normalisation: in AT&T syntax an
 * operand written as a bare expression (`movl foo, %eax`, `incl counter+4`) is
 * an absolute memory reference, except where it names a code address (jmp,
 * call, jcc, loop). Those become `x86mem` with `parens: false`, so later stages
 * see every memory access as `x86mem`; printing is unchanged.
 */
function checkX86Instruction(ins: InstructionStatement): string | undefined {
  const problem = checkOperandCount(X86_64, ins, 'x86-64');
  if (problem !== undefined) return problem;
  if (!takesIndirectOperand(ins.mnemonic) && ins.operands.some((o) => o.kind === 'indirect')) {
    return `'${ins.mnemonic}' does not take an indirect '*' operand (only jmp and call do)`;
  }
  if (!takesCodeTarget(ins.mnemonic)) ins.operands = ins.operands.map(absoluteMemory);
  return undefined;
}

function absoluteMemory(op: Operand): Operand {
  return op.kind === 'expr' ? { kind: 'x86mem', disp: op.expr, parens: false } : op;
}

export const x86_64Dialect: Dialect = {
  isa: 'x86_64',
  title: 'x86-64',
  lexer: x86Lexer,
  parser: x86Parser,
  prefixes: X86_PREFIXES,
  checkInstruction: checkX86Instruction,
  printOperand: printX86Operand,
  operandSeparator: ', ',
};
