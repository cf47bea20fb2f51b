// x86-64 AT&T syntax (GNU as, as gcc emits it): lexer and operand grammar.
//
// Operands:
//   %reg  %st(1)                    registers (`reg`; `st(1)` keeps its parenthesis)
//   $expr                           immediates (`imm` with prefix `$`)
//   expr                            direct branch targets and absolute memory (`expr`;
//                                   the dialect turns it into `x86mem` outside branches)
//   seg:disp(base,index,scale)      memory (`x86mem`), every part optional
//   *operand                        indirect jump/call targets (`indirect`)
// `%` between numbers is the modulus operator; `%name` is always a register.
import { createToken, Lexer, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Operand } from '../ast.js';
import { AsmParserBase } from '../parser-base.js';
import * as T from '../tokens.js';
import { isAddressBase, isAddressIndex, isSegmentRegister, X86_REGISTERS } from '../../isa/x86_64/registers.js';

/**
 * gas reads register names in any case (`%RAX`); the shared X86Register token is
 * lower case only, so this token extends it and the parser lower-cases the name.
 */
export const X86RegisterAnyCase = createToken({
  name: 'X86RegisterAnyCase',
  pattern: /%[A-Za-z][A-Za-z0-9]*/,
  categories: [T.X86Register],
});

/**
 * gas on x86 Linux also reads `/` as a comment when it is the first character
 * on a line other than blanks (but `/*` opens a block comment).
 */
const LineStartSlashComment = T.lineStartComment('LineStartSlashComment', '/', '*');

const X86_TOKENS: TokenType[] = [
  T.WhiteSpace, T.BlockComment, LineStartSlashComment, T.HashComment, T.Newline, T.Semicolon,
  T.StringLit, T.FloatLit, T.LocalRef, T.NumberLit, T.CharLit,
  X86RegisterAnyCase, T.AtWord, T.IdentifierNoDollar,
  T.Comma, T.Colon, T.LParen, T.RParen, T.LBrace, T.RBrace, T.Dollar, T.Percent, ...T.OPERATOR_TOKENS,
];

export const x86Lexer = new Lexer(X86_TOKENS, { positionTracking: 'onlyOffset', ensureOptimizations: false });

/** Legal scale factors of an index register. */
const SCALES = new Set([1, 2, 4, 8]);

interface MemParts {
  base?: string;
  index?: string;
  scale?: number;
}

class X86Parser extends AsmParserBase {
  constructor() {
    super([...T.ALL_TOKENS, X86RegisterAnyCase]);
    this.performSelfAnalysis();
  }

  operands = this.RULE('operands', (): Operand[] => {
    const ops: Operand[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => ops.push(this.SUBRULE(this.operand)) });
    return ops;
  });

  /** Reads a register token, checking the name; returns it lower case without `%`. */
  private registerName(tok: IToken): string {
    const name = tok.image.slice(1).toLowerCase();
    this.ACTION(() => {
      if (!X86_REGISTERS.has(name)) this.reportAt(tok, `'${tok.image}' is not an x86-64 register`);
    });
    return name;
  }

  operand = this.RULE('operand', (): Operand => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Star);
          const target = this.SUBRULE(this.plainOperand);
          // `*foo` jumps through the memory at foo: an absolute memory operand.
          return this.ACTION(() =>
            target.kind === 'expr'
              ? ({ kind: 'indirect', target: { kind: 'x86mem', disp: target.expr, parens: false } } as Operand)
              : ({ kind: 'indirect', target } as Operand),
          );
        },
      },
      { ALT: () => this.SUBRULE2(this.plainOperand) },
    ]);
  });

  plainOperand = this.RULE('plainOperand', (): Operand => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dollar);
          const expr = this.SUBRULE(this.expression);
          return { kind: 'imm', expr, prefix: '$' } as Operand;
        },
      },
      { ALT: () => this.SUBRULE(this.registerOperand) },
      { ALT: () => this.SUBRULE(this.memoryOperand) },
    ]);
  });

  /** `%reg`, `%st(n)`, or a segment override `%fs:` starting a memory operand. */
  registerOperand = this.RULE('registerOperand', (): Operand => {
    const tok = this.CONSUME(T.X86Register);
    const name = this.registerName(tok);
    let result: Operand = { kind: 'reg', name };
    this.OPTION({
      GATE: () => name === 'st',
      DEF: () => {
        this.CONSUME(T.LParen);
        const n = this.CONSUME(T.NumberLit);
        this.CONSUME(T.RParen);
        this.ACTION(() => {
          const v = Number(n.image);
          if (!/^[0-7]$/.test(n.image)) this.reportAt(n, `x87 stack register number must be 0 to 7, found '${n.image}'`);
          result = { kind: 'reg', name: `st(${v})` };
        });
      },
    });
    this.OPTION3(() => {
      const decorations = this.SUBRULE(this.decorations);
      this.ACTION(() => {
        if (result.kind === 'reg') result = { ...result, decorations };
      });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      const mem = this.SUBRULE(this.memoryOperand);
      this.ACTION(() => {
        if (!isSegmentRegister(name)) this.reportAt(tok, `'${tok.image}' is not a segment register`);
        if (mem.kind === 'x86mem') result = { ...mem, segment: name };
        else if (mem.kind === 'expr') result = { kind: 'x86mem', segment: name, disp: mem.expr, parens: false };
      });
    });
    return result;
  });

  /** AVX-512 suffixes: `{%k1}`, `{z}`, `{1to8}`, any number of them. */
  decorations = this.RULE('decorations', (): string[] => {
    const out: string[] = [];
    this.AT_LEAST_ONE(() => {
      const open = this.CONSUME(T.LBrace);
      const text = this.OR([
        {
          ALT: () => {
            const tok = this.CONSUME(T.X86Register);
            const name = this.registerName(tok);
            this.ACTION(() => {
              if (!/^k[0-7]$/.test(name)) this.reportAt(tok, `'${tok.image}' is not an opmask register (%k0 to %k7)`);
            });
            return name;
          },
        },
        { ALT: () => this.CONSUME(T.Identifier).image.toLowerCase() },
        { ALT: () => this.CONSUME(T.NumberLit).image + this.CONSUME2(T.Identifier).image.toLowerCase() },
      ]);
      this.CONSUME(T.RBrace);
      this.ACTION(() => {
        if (!/^(k[0-7]|z|1to(2|4|8|16|32))$/.test(text)) this.reportAt(open, `unknown operand decoration '{${text}}'`);
      });
      out.push(text);
    });
    return out;
  });

  /** `disp`, `disp(base,index,scale)` or `(base,index,scale)`, possibly decorated (`{1to8}`). */
  memoryOperand = this.RULE('memoryOperand', (): Operand => {
    let op = this.SUBRULE(this.undecoratedMemory);
    this.OPTION(() => {
      const decorations = this.SUBRULE(this.decorations);
      this.ACTION(() => {
        if (op.kind === 'expr') op = { kind: 'x86mem', disp: op.expr, parens: false };
        if (op.kind === 'x86mem') op = { ...op, decorations };
      });
    });
    return op;
  });

  undecoratedMemory = this.RULE('undecoratedMemory', (): Operand => {
    return this.OR([
      {
        // `(` followed by a register or a comma opens the address; any other `(` is an expression.
        GATE: () => this.LA(1).tokenType === T.LParen && this.opensAddress(this.LA(2)),
        ALT: () => {
          const parts = this.SUBRULE(this.addressParens);
          return { kind: 'x86mem', ...parts, parens: true } as Operand;
        },
      },
      {
        ALT: () => {
          const disp = this.SUBRULE(this.expression);
          let parts: MemParts | undefined;
          this.OPTION(() => {
            parts = this.SUBRULE2(this.addressParens);
          });
          return this.ACTION(() =>
            parts !== undefined
              ? ({ kind: 'x86mem', disp, ...parts, parens: true } as Operand)
              : ({ kind: 'expr', expr: disp } as Operand),
          );
        },
      },
    ]);
  });

  private opensAddress(tok: IToken): boolean {
    return tokenMatcher(tok, T.X86Register) || tok.tokenType === T.Comma || tok.tokenType === T.RParen;
  }

  /** `(base)`, `(base,index)`, `(base,index,scale)`, `(,index,scale)`. */
  addressParens = this.RULE('addressParens', (): MemParts => {
    const open = this.CONSUME(T.LParen);
    const parts: MemParts = {};
    let comma = false;
    this.OPTION(() => {
      const tok = this.CONSUME(T.X86Register);
      const name = this.registerName(tok);
      this.ACTION(() => {
        if (X86_REGISTERS.has(name) && !isAddressBase(name)) this.reportAt(tok, `'${tok.image}' cannot be a base register`);
      });
      parts.base = name;
    });
    this.OPTION2(() => {
      this.CONSUME(T.Comma);
      comma = true;
      this.OPTION3(() => {
        const tok = this.CONSUME2(T.X86Register);
        const name = this.registerName(tok);
        this.ACTION(() => {
          if (X86_REGISTERS.has(name) && (!isAddressIndex(name) || name === 'rsp' || name === 'esp')) {
            this.reportAt(tok, `'${tok.image}' cannot be an index register`);
          }
        });
        parts.index = name;
      });
      this.OPTION4(() => {
        this.CONSUME2(T.Comma);
        this.OPTION5(() => {
          const s = this.CONSUME(T.NumberLit);
          this.ACTION(() => {
            const v = Number(s.image);
            if (!SCALES.has(v) || !/^[0-9]+$/.test(s.image)) {
              this.reportAt(s, `scale factor must be 1, 2, 4 or 8, found '${s.image}'`);
            }
            parts.scale = v;
          });
        });
      });
    });
    this.CONSUME(T.RParen);
    this.ACTION(() => {
      if (parts.base === undefined && parts.index === undefined && !comma) this.reportAt(open, 'empty memory reference');
    });
    return parts;
  });
}

export const x86Parser = new X86Parser();

