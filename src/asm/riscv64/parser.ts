// RISC-V GNU syntax: lexer and operand grammar.
// Operands: registers (`a0`, `x5`, `fa0`), bare immediates and expressions
// (`-16`, `%hi(sym)`, `printf@plt`), memory `offset(base)`, and keywords
// such as rounding modes (`rtz`) and fence sets (`iorw`), read as expressions.
import { Lexer, type TokenType } from 'chevrotain';
import type { Expr, Operand } from '../ast.js';
import { evalConst } from '../expr.js';
import { AsmParserBase } from '../parser-base.js';
import * as T from '../tokens.js';
import { RISCV_REGISTERS } from '../../isa/riscv64/registers.js';

const RISCV_TOKENS: TokenType[] = [
  T.WhiteSpace, T.BlockComment, T.HashComment, T.Newline, T.Semicolon,
  T.StringLit, T.FloatLit, T.LocalRef, T.NumberLit,
  T.PercentReloc, T.AtWord, T.PercentWord, T.Identifier,
  T.Comma, T.Colon, T.LParen, T.RParen, T.Percent, ...T.OPERATOR_TOKENS,
];

export const riscvLexer = new Lexer(RISCV_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: false });

function operandFromExpr(expr: Expr): Operand {
  if (expr.kind === 'sym' && RISCV_REGISTERS.has(expr.name)) return { kind: 'reg', name: expr.name };
  return evalConst(expr) !== undefined ? { kind: 'imm', expr, prefix: '' } : { kind: 'expr', expr };
}

class RiscvParser extends AsmParserBase {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  operands = this.RULE('operands', (): Operand[] => {
    const ops: Operand[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => ops.push(this.SUBRULE(this.operand)) });
    return ops;
  });

  private isRegisterToken(k: number): boolean {
    const t = this.LA(k);
    return t.tokenType === T.Identifier && RISCV_REGISTERS.has(t.image);
  }

  /** `(reg)` with no offset. */
  private baseRegister = this.RULE('baseRegister', (): string => {
    this.CONSUME(T.LParen);
    const reg = this.CONSUME(T.Identifier);
    this.CONSUME(T.RParen);
    this.ACTION(() => {
      if (!RISCV_REGISTERS.has(reg.image)) this.reportAt(reg, `'${reg.image}' is not a RISC-V register`);
    });
    return reg.image;
  });

  operand = this.RULE('operand', (): Operand => {
    return this.OR([
      {
        GATE: () => this.LA(1).tokenType === T.LParen && this.isRegisterToken(2) && this.LA(3).tokenType === T.RParen,
        ALT: () => ({ kind: 'rvmem', base: this.SUBRULE(this.baseRegister) }) as Operand,
      },
      {
        ALT: () => {
          const expr = this.SUBRULE(this.expression);
          let base: string | undefined;
          this.OPTION({
            GATE: () => this.LA(1).tokenType === T.LParen,
            DEF: () => {
              base = this.SUBRULE2(this.baseRegister);
            },
          });
          return this.ACTION(() =>
            base !== undefined ? ({ kind: 'rvmem', offset: expr, base } as Operand) : operandFromExpr(expr),
          );
        },
      },
    ]);
  });
}

export const riscvParser = new RiscvParser();
