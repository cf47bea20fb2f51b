// The chevrotain grammar every dialect shares: GNU as expressions and directive
// arguments. Dialect parsers subclass this and add an `operands` rule.
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { BinaryOp, DirectiveArg, Expr, Operand, UnaryOp } from './ast.js';
import { parseIntegerLiteral } from './expr.js';
import { decodeStringLiteral } from './strings.js';
import * as T from './tokens.js';

export interface SemanticError {
  token: IToken;
  message: string;
}

export abstract class AsmParserBase extends EmbeddedActionsParser {
  /** Errors found by actions (bad escapes, unknown registers), reported with the parser's own. */
  semanticErrors: SemanticError[] = [];

  constructor(vocabulary: TokenType[] = T.ALL_TOKENS) {
    super(vocabulary, { maxLookahead: 4, recoveryEnabled: false });
  }

  /** Dialect rule: the operand list of one instruction (possibly empty). */
  abstract operands: () => Operand[];

  protected reportAt(token: IToken, message: string): void {
    this.semanticErrors.push({ token, message });
  }

  // ------------------------------------------------------------ expressions

  expression = this.RULE('expression', (): Expr => {
    let left = this.SUBRULE(this.addExpr);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.OrOr) }, { ALT: () => this.CONSUME(T.AndAnd) }]);
      const right = this.SUBRULE2(this.addExpr);
      left = { kind: 'binary', op: op.image as BinaryOp, left, right };
    });
    return left;
  });

  addExpr = this.RULE('addExpr', (): Expr => {
    let left = this.SUBRULE(this.bitExpr);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Plus) },
        { ALT: () => this.CONSUME(T.Minus) },
        { ALT: () => this.CONSUME(T.EqEq) },
        { ALT: () => this.CONSUME(T.NotEq) },
        { ALT: () => this.CONSUME(T.LessEq) },
        { ALT: () => this.CONSUME(T.GreaterEq) },
        { ALT: () => this.CONSUME(T.Less) },
        { ALT: () => this.CONSUME(T.Greater) },
      ]);
      const right = this.SUBRULE2(this.bitExpr);
      left = { kind: 'binary', op: op.image as BinaryOp, left, right };
    });
    return left;
  });

  bitExpr = this.RULE('bitExpr', (): Expr => {
    let left = this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Pipe) },
        { ALT: () => this.CONSUME(T.Amp) },
        { ALT: () => this.CONSUME(T.Caret) },
      ]);
      const right = this.SUBRULE2(this.mulExpr);
      left = { kind: 'binary', op: op.image as BinaryOp, left, right };
    });
    return left;
  });

  mulExpr = this.RULE('mulExpr', (): Expr => {
    let left = this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      const op = this.OR([
        { ALT: () => this.CONSUME(T.Star) },
        { ALT: () => this.CONSUME(T.Slash) },
        { ALT: () => this.CONSUME(T.Percent) },
        { ALT: () => this.CONSUME(T.ShiftLeft) },
        { ALT: () => this.CONSUME(T.ShiftRight) },
      ]);
      const right = this.SUBRULE2(this.unaryExpr);
      left = { kind: 'binary', op: op.image as BinaryOp, left, right };
    });
    return left;
  });

  unaryExpr = this.RULE('unaryExpr', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const op = this.OR2([
            { ALT: () => this.CONSUME(T.Minus) },
            { ALT: () => this.CONSUME(T.Tilde) },
            { ALT: () => this.CONSUME(T.Bang) },
            { ALT: () => this.CONSUME(T.Plus) },
          ]);
          const arg = this.SUBRULE(this.unaryExpr);
          return { kind: 'unary', op: op.image as UnaryOp, arg } as Expr;
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]);
  });

  /** A primary with an optional ELF relocation suffix: `printf@PLT`. */
  postfixExpr = this.RULE('postfixExpr', (): Expr => {
    const base = this.SUBRULE(this.primaryExpr);
    let result = base;
    this.OPTION(() => {
      const at = this.CONSUME(T.AtWord);
      result = { kind: 'reloc', style: 'at', op: at.image.slice(1), arg: base };
    });
    return result;
  });

  primaryExpr = this.RULE('primaryExpr', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const tok = this.CONSUME(T.NumberLit);
          return this.ACTION(() => ({ kind: 'num', value: parseIntegerLiteral(tok.image) ?? 0n }) as Expr);
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(T.CharLit);
          return this.ACTION(() => {
            const body = tok.image.endsWith("'") && tok.image.length > 2 ? tok.image.slice(1, -1) : tok.image.slice(1);
            const decoded = decodeStringLiteral(`"${body === '"' ? '\\"' : body}"`);
            if ('error' in decoded || decoded.bytes.length === 0) this.reportAt(tok, `bad character constant ${tok.image}`);
            return { kind: 'num', value: BigInt('bytes' in decoded ? decoded.bytes[0] ?? 0 : 0) } as Expr;
          });
        },
      },
      { ALT: () => ({ kind: 'float', text: this.CONSUME(T.FloatLit).image }) as Expr },
      { ALT: () => ({ kind: 'sym', name: this.CONSUME(T.LocalRef).image }) as Expr },
      {
        ALT: () => {
          const tok = this.CONSUME(T.Identifier);
          return (tok.image === '.' ? { kind: 'dot' } : { kind: 'sym', name: tok.image }) as Expr;
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return e;
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.PercentReloc);
          this.CONSUME2(T.LParen);
          const arg = this.SUBRULE2(this.expression);
          this.CONSUME2(T.RParen);
          return { kind: 'reloc', style: 'percent', op: op.image.slice(1), arg } as Expr;
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.ColonReloc);
          const arg = this.SUBRULE3(this.expression);
          return { kind: 'reloc', style: 'colon', op: op.image.slice(1, -1), arg } as Expr;
        },
      },
    ]);
  });

  // ------------------------------------------------------------ directives

  directiveArg = this.RULE('directiveArg', (): DirectiveArg => {
    return this.OR([
      {
        ALT: () => {
          const tok = this.CONSUME(T.StringLit);
          return this.ACTION(() => {
            const decoded = decodeStringLiteral(tok.image);
            if ('error' in decoded) {
              this.reportAt(tok, decoded.error);
              return { kind: 'string', bytes: new Uint8Array() } as DirectiveArg;
            }
            return { kind: 'string', bytes: decoded.bytes } as DirectiveArg;
          });
        },
      },
      { ALT: () => ({ kind: 'tag', prefix: '@', name: this.CONSUME(T.AtWord).image.slice(1) }) as DirectiveArg },
      { ALT: () => ({ kind: 'tag', prefix: '%', name: this.CONSUME(T.PercentWord).image.slice(1) }) as DirectiveArg },
      { ALT: () => ({ kind: 'expr', expr: this.SUBRULE(this.expression) }) as DirectiveArg },
    ]);
  });

  /** Comma-separated arguments where any may be omitted (`.p2align 4,,10`). */
  directiveArgs = this.RULE('directiveArgs', (): DirectiveArg[] => {
    const args: DirectiveArg[] = [];
    let first: DirectiveArg | undefined;
    this.OPTION(() => {
      first = this.SUBRULE(this.directiveArg);
    });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      let next: DirectiveArg = { kind: 'empty' };
      this.OPTION2(() => {
        next = this.SUBRULE2(this.directiveArg);
      });
      args.push(next);
    });
    return this.ACTION(() => (first !== undefined ? [first, ...args] : args.length ? [{ kind: 'empty' }, ...args] : []) as DirectiveArg[]);
  });
}
