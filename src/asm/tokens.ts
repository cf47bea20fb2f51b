// Token types shared by the dialect lexers. Every dialect lexer uses a subset,
// in its own order; the parsers share one vocabulary (ALL_TOKENS) so the
// expression and directive rules can live in one base class.
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\f\v\r]+/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `#` comments (RISC-V, x86-64). */
export const HashComment = createToken({ name: 'HashComment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
/** `//` comments (AArch64). */
export const SlashComment = createToken({ name: 'SlashComment', pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });

/**
 * AArch64 treats `#` as a comment only when it starts a line (cpp line
 * markers); elsewhere `#` introduces an immediate.
 */
/**
 * A comment that gas recognises only as the first non-blank character of a
 * line; `notBefore` is a character that, following it, makes it something
 * else (x86 `/*` opens a block comment).
 */
export function lineStartComment(name: string, char: string, notBefore?: string) {
  const code = char.charCodeAt(0);
  const stop = notBefore?.charCodeAt(0);
  return createToken({
    name,
    pattern: {
      exec: (text: string, offset: number) => {
        if (text.charCodeAt(offset) !== code || (stop !== undefined && text.charCodeAt(offset + 1) === stop)) return null;
        for (let i = offset - 1; i >= 0; i--) {
          const c = text.charCodeAt(i);
          if (c === 10) break;
          if (c !== 32 && c !== 9) return null;
        }
        let end = text.indexOf('\n', offset);
        if (end < 0) end = text.length;
        return [text.slice(offset, end)] as unknown as RegExpExecArray;
      },
    },
    line_breaks: false,
    start_chars_hint: [char],
    group: Lexer.SKIPPED,
  });
}

export const LineStartHashComment = lineStartComment('LineStartHashComment', '#');

export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });

export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\n]|\\[^\n])*"/ });
export const FloatLit = createToken({ name: 'FloatLit', pattern: /[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?/ });
/** Numeric local label references `1b` and `2f`. */
export const LocalRef = createToken({ name: 'LocalRef', pattern: /[0-9]+[bf](?![0-9A-Za-z_.$])/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+/ });
/** gas character constants `'a` and `'a'` (`'\n`, `'\101`): their byte value. Lexed by the x86-64 dialect. */
export const CharLit = createToken({ name: 'CharLit', pattern: /'(?:\\(?:[0-7]{1,3}|[xX][0-9a-fA-F]+|[^\n])|[^\\\n])'?/ });

/** Identifiers: symbols, mnemonics with dots (`b.eq`, `fcvt.w.d`), directives, bare registers. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_.$][0-9A-Za-z_.$]*/ });
/** x86-64 has `$` as the immediate prefix, so its identifiers cannot start with it. */
export const IdentifierNoDollar = createToken({
  name: 'IdentifierNoDollar',
  pattern: /[A-Za-z_.][0-9A-Za-z_.$]*/,
  categories: [Identifier],
});

/** x86-64 registers: `%rax`, `%xmm0`, `%st`. */
export const X86Register = createToken({ name: 'X86Register', pattern: /%[a-z][a-z0-9]*/ });
/** AArch64 relocation operators `:lo12:`, `:got_lo12:`. */
export const ColonReloc = createToken({ name: 'ColonReloc', pattern: /:[a-z_][a-z0-9_]*:/ });
/** RISC-V relocation operators `%hi(`, `%pcrel_lo(`: the parenthesis is a separate token. */
export const PercentReloc = createToken({ name: 'PercentReloc', pattern: /%[a-z_][a-z0-9_]*(?=\s*\()/ });
/** `@function`, `@progbits`, and relocation suffixes `@PLT`, `@GOTPCREL`. */
export const AtWord = createToken({ name: 'AtWord', pattern: /@[A-Za-z_][0-9A-Za-z_]*/ });
/** `%function`, `%progbits` (AArch64 type tags). */
export const PercentWord = createToken({ name: 'PercentWord', pattern: /%[A-Za-z_][0-9A-Za-z_]*/ });

export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const Hash = createToken({ name: 'Hash', pattern: /#/ });
export const Dollar = createToken({ name: 'Dollar', pattern: /\$/ });

export const OrOr = createToken({ name: 'OrOr', pattern: /\|\|/ });
export const AndAnd = createToken({ name: 'AndAnd', pattern: /&&/ });
export const ShiftLeft = createToken({ name: 'ShiftLeft', pattern: /<</ });
export const ShiftRight = createToken({ name: 'ShiftRight', pattern: />>/ });
export const EqEq = createToken({ name: 'EqEq', pattern: /==/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=|<>/ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Amp = createToken({ name: 'Amp', pattern: /&/ });
export const Caret = createToken({ name: 'Caret', pattern: /\^/ });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
export const Bang = createToken({ name: 'Bang', pattern: /!/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });

/** Operator tokens every dialect lexes, longest first. */
export const OPERATOR_TOKENS: TokenType[] = [
  OrOr, AndAnd, ShiftLeft, ShiftRight, EqEq, NotEq, LessEq, GreaterEq, Less, Greater,
  Plus, Minus, Star, Slash, Pipe, Amp, Caret, Tilde, Bang, Equals,
];

/** The whole vocabulary, for the parsers. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, BlockComment, HashComment, SlashComment, LineStartHashComment, Newline, Semicolon,
  StringLit, FloatLit, LocalRef, NumberLit, CharLit, X86Register, ColonReloc, PercentReloc, AtWord, PercentWord,
  IdentifierNoDollar, Identifier, Comma, Colon, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Hash, Dollar,
  Percent, ...OPERATOR_TOKENS,
];
