// AArch64 GNU syntax: lexer and operand grammar.
// Operands: registers (`x0`, `wzr`, `d1`), vector registers with an
// arrangement or lane (`v0.4s`, `v1.s[1]`), register lists (`{v0.16b, v1.16b}`,
// `{v0.4s - v3.4s}`, `{v0.s}[1]`), immediates with or without `#` (`#16`, `0`,
// `#1.5`, `1.0e+0`, `#:lo12:sym`), literal-pool values (`ldr x0, =sym`),
// shifts and extends as operands of their own (`lsl #3`, `sxtw`, `msl #8`),
// memory `[base{, offset{, extend}}]{!}` (a post-index offset is the next
// operand), and bare expressions: labels, relocations (`:got:sym`) and keywords
// such as condition codes (`eq`), barrier options (`ish`) and system registers.
//
// The lexer reads `v0.4s` and `v1.s` as single identifiers (identifiers may
// contain dots); the actions split them into register and arrangement.
import { EOF, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { Expr, Operand, ShiftOperand, VectorRegOperand } from '../ast.js';
import { evalConst, exprSymbols, parseIntegerLiteral } from '../expr.js';
import { AsmParserBase } from '../parser-base.js';
import * as T from '../tokens.js';
import { AARCH64_X_REGISTERS, parseVectorRegister, registerName } from '../../isa/aarch64/registers.js';

const AARCH64_TOKENS: TokenType[] = [
  T.WhiteSpace, T.BlockComment, T.SlashComment, T.LineStartHashComment, T.Newline, T.Semicolon,
  T.StringLit, T.FloatLit, T.LocalRef, T.NumberLit, T.CharLit,
  T.ColonReloc, T.AtWord, T.PercentWord, T.Identifier,
  T.Comma, T.Colon, T.LParen, T.RParen, T.LBracket, T.RBracket, T.LBrace, T.RBrace, T.Hash,
  T.Percent, ...T.OPERATOR_TOKENS,
];

// Validations are off because chevrotain tests each pattern against the text of
// the later ones: it feeds `#` to LineStartHashComment, which (at the start of
// that test string) is a comment, and so it would wrongly report Hash as
// unreachable. The token set is fixed; the tests cover every token.
export const aarch64Lexer = new Lexer(AARCH64_TOKENS, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: false,
  skipValidations: true,
});

/** Shifts take an amount; extends may stand alone (`sxtw`) or take one (`uxtw #2`). */
export const SHIFT_OPS: ReadonlySet<string> = new Set(['lsl', 'lsr', 'asr', 'ror', 'msl']);
export const EXTEND_OPS: ReadonlySet<string> = new Set(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);

/** True for an expression with no symbols: a number, a float, or arithmetic on them. */
function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'float':
      return true;
    case 'unary':
      return isConstant(e.arg);
    case 'binary':
      return evalConst(e) !== undefined;
    default:
      return false;
  }
}

/** How registers and extends were written, for operands that turn out to be symbols (see writtenSpelling). */
const spellings = new WeakMap<Operand, string>();

function remember<O extends Operand>(op: O, tok: IToken): O {
  spellings.set(op, tok.image);
  return op;
}

/**
 * The text a register or shift operand was written as: `X1` in `adrp x0, X1`
 * is the symbol X1, not the register, so the case matters.
 */
export function writtenSpelling(op: Operand): string | undefined {
  const text = spellings.get(op);
  if (text !== undefined) return text;
  if (op.kind === 'reg') return op.name;
  if (op.kind === 'shift') return op.op;
  if (op.kind === 'vreg') return op.arrangement !== undefined ? `${op.name}.${op.arrangement}` : op.name;
  return undefined;
}

/** How integer literals standing alone as immediates were written (see numberSpelling). */
const numberSpellings = new WeakMap<Expr, string>();

/**
 * The text of an integer literal that is a whole immediate (`#0x3ff0000000000000`,
 * `#017`, or under a sign). gas reads these as floating-point constants in
 * `fmov` and the FP compares: hex as the IEEE bit pattern, the rest as decimal
 * (017 is 17.0 there, 15 elsewhere), so the spelling decides the value.
 */
export function numberSpelling(e: Expr): string | undefined {
  return numberSpellings.get(e);
}

/** Records the literal's text when the immediate is `N`, `-N` or `+N` (tokens read before the expression). */
function rememberNumber(expr: Expr, first: IToken, second: IToken): void {
  if (expr.kind === 'num' && first.tokenType === T.NumberLit) numberSpellings.set(expr, first.image);
  else if (expr.kind === 'unary' && expr.arg.kind === 'num' && second.tokenType === T.NumberLit) {
    numberSpellings.set(expr.arg, second.image);
  }
}

function operandFromExpr(expr: Expr): Operand {
  return isConstant(expr) ? { kind: 'imm', expr, prefix: '' } : { kind: 'expr', expr };
}

/** A register a lone identifier names, or undefined: `x0`, `WZR`, `v0.4s` (with its arrangement). */
function registerToken(tok: IToken): { reg: string } | { vreg: VectorRegOperand } | undefined {
  if (tok.tokenType !== T.Identifier) return undefined;
  const plain = registerName(tok.image);
  if (plain !== undefined) return { reg: plain };
  const v = parseVectorRegister(tok.image);
  return v ? { vreg: { kind: 'vreg', name: v.name, arrangement: v.arrangement } } : undefined;
}

class Aarch64Parser extends AsmParserBase {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  operands = this.RULE('operands', (): Operand[] => {
    const ops: Operand[] = [];
    this.MANY_SEP({ SEP: T.Comma, DEF: () => ops.push(this.SUBRULE(this.operand)) });
    return ops;
  });

  private is(k: number, type: TokenType): boolean {
    return this.LA(k).tokenType === type;
  }

  /** The end of an operand: a comma or the end of the statement. */
  private endsOperand(k: number): boolean {
    return this.is(k, T.Comma) || this.is(k, EOF);
  }

  /** A register standing alone as an operand (`x0`, `v0.4s`), or a vector lane (`v1.s[1]`). */
  private atRegister(): boolean {
    const r = registerToken(this.LA(1));
    if (!r) return false;
    if (this.endsOperand(2)) return true;
    return 'vreg' in r && this.is(2, T.LBracket);
  }

  /** `lsl #3`, `lsl 3`, `sxtw`, `uxtw #2`: a shift name followed by an amount, or an extend. */
  private atShift(k = 1): boolean {
    const tok = this.LA(k);
    if (tok.tokenType !== T.Identifier) return false;
    const name = tok.image.toLowerCase();
    if (tok.image !== name && tok.image !== tok.image.toUpperCase()) return false;
    const next = this.LA(k + 1).tokenType;
    const hasAmount = next === T.Hash || next === T.NumberLit || next === T.LParen || next === T.Identifier;
    if (SHIFT_OPS.has(name)) return hasAmount;
    if (EXTEND_OPS.has(name)) return hasAmount || next === T.Comma || next === EOF || next === T.RBracket;
    return false;
  }

  operand = this.RULE('operand', (): Operand => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.memory) },
        { ALT: () => this.SUBRULE(this.vectorList) },
        { ALT: () => this.SUBRULE(this.hashImmediate) },
        { ALT: () => this.SUBRULE(this.literalPoolValue) },
        { GATE: () => this.atShift(), ALT: () => this.SUBRULE(this.shift) as Operand },
        { GATE: () => this.atRegister(), ALT: () => this.SUBRULE(this.register) },
        {
          ALT: () => {
            const first = this.LA(1);
            const second = this.LA(2);
            const expr = this.SUBRULE(this.expression);
            return this.ACTION(() => {
              rememberNumber(expr, first, second);
              return operandFromExpr(expr);
            });
          },
        },
      ],
    });
  });

  /** `#expr`: an integer, a float (`#-1.5`) or a relocation (`#:lo12:sym`). */
  private hashImmediate = this.RULE('hashImmediate', (): Operand => {
    this.CONSUME(T.Hash);
    const first = this.LA(1);
    const second = this.LA(2);
    const expr = this.SUBRULE(this.expression);
    this.ACTION(() => rememberNumber(expr, first, second));
    return { kind: 'imm', expr, prefix: '#' };
  });

  /** `=value` in `ldr x0, =value`: gas puts the value in a literal pool and loads it from there. */
  private literalPoolValue = this.RULE('literalPoolValue', (): Operand => {
    this.CONSUME(T.Equals);
    const expr = this.SUBRULE(this.expression);
    return { kind: 'imm', expr, prefix: '=' };
  });

  /** A lone register, or a vector register with an optional lane index. */
  private register = this.RULE('register', (): Operand => {
    const tok = this.CONSUME(T.Identifier);
    let index: number | undefined;
    this.OPTION(() => {
      index = this.SUBRULE(this.laneIndex);
    });
    return this.ACTION(() => {
      const r = registerToken(tok)!;
      if ('reg' in r) return remember({ kind: 'reg', name: r.reg } as Operand, tok);
      return remember(index === undefined ? r.vreg : { ...r.vreg, index }, tok);
    });
  });

  /** `[1]` after a vector element (`v1.s[1]`) or a list (`{v0.s}[1]`). */
  private laneIndex = this.RULE('laneIndex', (): number => {
    this.CONSUME(T.LBracket);
    const tok = this.CONSUME(T.NumberLit);
    this.CONSUME(T.RBracket);
    return this.ACTION(() => Number(parseIntegerLiteral(tok.image) ?? 0n));
  });

  /** A shift or extend; the printer writes the amount with `#`, which gas reads the same as without. */
  shift = this.RULE('shift', (): ShiftOperand => {
    const tok = this.CONSUME(T.Identifier);
    let amount: Expr | undefined;
    this.OPTION(() => {
      this.OPTION2(() => this.CONSUME(T.Hash));
      amount = this.SUBRULE(this.expression);
    });
    return this.ACTION(() => {
      const op = tok.image.toLowerCase();
      if (amount === undefined && SHIFT_OPS.has(op)) this.reportAt(tok, `'${op}' needs a shift amount`);
      const reg = amount && exprSymbols(amount).find((s) => registerName(s) !== undefined || parseVectorRegister(s));
      if (reg !== undefined) this.reportAt(tok, `the amount of '${op}' must be a constant, found register '${reg}'`);
      return remember(amount === undefined ? { kind: 'shift', op } : { kind: 'shift', op, amount }, tok) as ShiftOperand;
    });
  });

  /** `[base]`, `[base, offset]`, `[base, offset, extend]`, each optionally followed by `!`. */
  private memory = this.RULE('memory', (): Operand => {
    this.CONSUME(T.LBracket);
    const baseTok = this.CONSUME(T.Identifier);
    let offset: Operand | undefined;
    let extend: ShiftOperand | undefined;
    let writeback = false;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      offset = this.SUBRULE(this.memoryOffset);
      this.OPTION2(() => {
        this.CONSUME2(T.Comma);
        const tok = this.LA(1);
        extend = this.SUBRULE(this.shift);
        this.ACTION(() => {
          if (!SHIFT_OPS.has(extend!.op) && !EXTEND_OPS.has(extend!.op)) {
            this.reportAt(tok, `expected an index extend such as 'lsl #3' or 'sxtw', found '${tok.image}'`);
          } else if (offset!.kind !== 'reg') {
            this.reportAt(tok, `'${extend!.op}' applies to an index register, not to an immediate offset`);
          }
        });
      });
    });
    this.CONSUME(T.RBracket);
    this.OPTION3(() => {
      this.CONSUME(T.Bang);
      writeback = true;
    });
    return this.ACTION(() => {
      const base = registerName(baseTok.image);
      if (base === undefined || !AARCH64_X_REGISTERS.has(base) || base === 'xzr') {
        this.reportAt(baseTok, `expected a 64-bit base register (x0-x30 or sp), found '${baseTok.image}'`);
      }
      const mem: Operand = { kind: 'a64mem', base: base ?? baseTok.image, writeback };
      if (offset !== undefined) mem.offset = offset;
      if (extend !== undefined) mem.extend = extend;
      return mem;
    });
  });

  /** The offset of a memory operand: an index register, `#imm`, a bare immediate or `:lo12:sym`. */
  private memoryOffset = this.RULE('memoryOffset', (): Operand => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.hashImmediate) },
        {
          // An index register must be followed by `,` or `]`: `[x1, x2+1]` is an error, as in gas.
          GATE: () => this.is(1, T.Identifier) && registerName(this.LA(1).image) !== undefined,
          ALT: () => {
            const tok = this.CONSUME(T.Identifier);
            return { kind: 'reg', name: registerName(tok.image)! } as Operand;
          },
        },
        {
          ALT: () => {
            const expr = this.SUBRULE(this.expression);
            return this.ACTION(() => operandFromExpr(expr));
          },
        },
      ],
    });
  });

  /** `{v0.16b, v1.16b}`, `{v0.4s - v3.4s}`, `{v0.s}[1]`. */
  private vectorList = this.RULE('vectorList', (): Operand => {
    this.CONSUME(T.LBrace);
    const regs: VectorRegOperand[] = [];
    let range = false;
    regs.push(this.SUBRULE(this.listRegister));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          regs.push(this.SUBRULE2(this.listRegister));
          range = true;
        },
      },
      {
        ALT: () => {
          this.MANY(() => {
            this.CONSUME(T.Comma);
            regs.push(this.SUBRULE3(this.listRegister));
          });
        },
      },
    ]);
    this.CONSUME(T.RBrace);
    let index: number | undefined;
    this.OPTION(() => {
      index = this.SUBRULE(this.laneIndex);
    });
    return this.ACTION(() => {
      const list: Operand = { kind: 'vlist', regs, range };
      if (index !== undefined) list.index = index;
      return list;
    });
  });

  private listRegister = this.RULE('listRegister', (): VectorRegOperand => {
    const tok = this.CONSUME(T.Identifier);
    return this.ACTION(() => {
      const v = parseVectorRegister(tok.image);
      if (!v) {
        this.reportAt(tok, `expected a vector register with an arrangement (such as v0.16b) in a register list, found '${tok.image}'`);
        return { kind: 'vreg', name: tok.image } as VectorRegOperand;
      }
      return { kind: 'vreg', name: v.name, arrangement: v.arrangement } as VectorRegOperand;
    });
  });
}

export const aarch64Parser = new Aarch64Parser();
