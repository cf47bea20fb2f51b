// The RISC-V64 GNU-syntax dialect.
import type { Dialect } from '../dialect.js';
import { RISCV64 } from '../../isa/riscv64/instructions.js';
import { checkOperandCount } from '../../isa/types.js';
import { riscvLexer, riscvParser } from './parser.js';
import { printRiscvOperand } from './printer.js';

export const riscv64Dialect: Dialect = {
  isa: 'riscv64',
  title: 'RISC-V64',
  lexer: riscvLexer,
  parser: riscvParser,
  prefixes: new Set(),
  checkInstruction: (ins) => checkOperandCount(RISCV64, ins, 'RISC-V64'),
  printOperand: printRiscvOperand,
  operandSeparator: ',',
};
