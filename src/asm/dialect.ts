// What a front end for one assembly dialect provides to the shared driver.
import type { Lexer } from 'chevrotain';
import type { InstructionStatement, Isa, Operand } from './ast.js';
import type { AsmParserBase } from './parser-base.js';

export interface Dialect {
  isa: Isa;
  /** Human name for messages: "AArch64 (GNU syntax)". */
  title: string;
  lexer: Lexer;
  parser: AsmParserBase;
  /** Words that may precede a mnemonic (x86 `rep`, `lock`, `notrack`). */
  prefixes: ReadonlySet<string>;
  /**
   * Checks an instruction against the ISA's instruction descriptions and
   * settles what only the mnemonic can tell: it may rewrite operand kinds in
   * place (x86 `movl foo, %eax` reads memory, so its bare `foo` becomes an
   * `x86mem`; AArch64 `adrp x0, s1` names a symbol `s1`, not a register).
   * Returns a message naming what is wrong, or undefined when all is well.
   */
  checkInstruction(ins: InstructionStatement): string | undefined;
  printOperand(op: Operand): string;
  /** How operands are joined when printing: gcc writes `, ` for AArch64 and x86, `,` for RISC-V. */
  operandSeparator: string;
}
