// The dialect-independent driver: lexes a file, splits it into statements,
// reads labels and directives, hands operands to the dialect's parser, and
// collects diagnostics so one bad line never hides the next.
import type { IToken } from 'chevrotain';
import type { AsmFile, DirectiveArg, Statement } from './ast.js';
import type { Dialect } from './dialect.js';
import { KNOWN_DIRECTIVES, RAW_ARGUMENT_DIRECTIVES, SECTION_NAME_DIRECTIVES, UNSUPPORTED_DIRECTIVES } from './directives.js';
import { DiagnosticBag, SourceFile, type Diagnostic, type Span } from './source.js';
import * as T from './tokens.js';

export interface ParseResult {
  file: AsmFile;
  source: SourceFile;
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Stop collecting after this many errors (a binary file would otherwise give millions). */
  maxErrors?: number;
}

const DEFAULT_MAX_ERRORS = 100;

export function parseWithDialect(dialect: Dialect, text: string, fileName: string, options: ParseOptions = {}): ParseResult {
  const source = new SourceFile(fileName, text);
  const bag = new DiagnosticBag(source);
  const statements: Statement[] = [];
  const file: AsmFile = { isa: dialect.isa, fileName, statements };
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;

  const nul = text.indexOf('\0');
  if (nul >= 0) {
    bag.error(source.spanAt(nul), 'this looks like a binary file (it contains NUL bytes), not assembly text');
    return { file, source, diagnostics: bag.items };
  }

  const reader = new StatementReader(dialect, source, bag, statements);
  // Lexing in chunks of whole lines keeps the live token count small: the
  // tokens of a chunk die young, which the garbage collector handles cheaply.
  for (let base = 0; base < text.length && bag.errorCount < maxErrors; ) {
    const end = chunkEnd(text, base);
    readChunk(dialect, source, bag, reader, text.slice(base, end), base, maxErrors);
    base = end;
  }
  return { file, source, diagnostics: bag.items };
}

const CHUNK_SIZE = 64 * 1024;

/** The end of a chunk starting at `base`: past a newline, and never inside a block comment. */
function chunkEnd(text: string, base: number): number {
  if (text.length - base <= CHUNK_SIZE) return text.length;
  let end = text.indexOf('\n', base + CHUNK_SIZE);
  if (end < 0) return text.length;
  end++;
  // An unclosed `/*` would swallow the next chunk's first lines: take them now.
  for (let open = text.indexOf('/*', base); open >= 0 && open < end; open = text.indexOf('/*', open + 2)) {
    const close = text.indexOf('*/', open + 2);
    if (close < 0) return text.length;
    if (close >= end) {
      const nl = text.indexOf('\n', close);
      end = nl < 0 ? text.length : nl + 1;
    }
    open = close;
  }
  return end;
}

function readChunk(
  dialect: Dialect,
  source: SourceFile,
  bag: DiagnosticBag,
  reader: StatementReader,
  chunk: string,
  base: number,
  maxErrors: number,
): void {
  const lexed = dialect.lexer.tokenize(chunk);
  const tokens = lexed.tokens;
  for (const tok of tokens) tok.startOffset += base;
  const badLines = new Set<number>();
  for (const e of lexed.errors) {
    const offset = e.offset + base;
    const ch = source.text[offset] ?? '';
    bag.error(source.spanAt(offset, e.length), `unexpected character '${printable(ch)}' in ${dialect.title} source`);
    badLines.add(lineOf(source, offset));
    if (bag.errorCount >= maxErrors) return;
  }

  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const tok = tokens[i];
    if (tok !== undefined && tok.tokenType !== T.Newline && tok.tokenType !== T.Semicolon) continue;
    if (i > start) {
      const first = tokens[start]!;
      // A statement on a line the lexer could not read is reported already; reading
      // the rest of it would invent a different statement.
      if (badLines.size === 0 || !badLines.has(lineOf(source, first.startOffset))) reader.read(tokens.slice(start, i));
      if (bag.errorCount >= maxErrors) {
        bag.error(source.spanAt(first.startOffset), `too many errors (${maxErrors}); stopping here`);
        return;
      }
    }
    start = i + 1;
  }
}

function lineOf(source: SourceFile, offset: number): number {
  return source.spanAt(offset).line;
}

function printable(ch: string): string {
  const c = ch.charCodeAt(0);
  return c < 32 || c > 126 ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
}

class StatementReader {
  constructor(
    private readonly dialect: Dialect,
    private readonly source: SourceFile,
    private readonly bag: DiagnosticBag,
    private readonly out: Statement[],
  ) {}

  private span(tok: IToken, last: IToken = tok): Span {
    return this.source.spanAt(tok.startOffset, tokenEnd(last) - tok.startOffset + 1);
  }

  read(tokens: IToken[]): void {
    let i = 0;
    // Labels, possibly several, possibly followed by a statement on the same line.
    while (
      i + 1 < tokens.length &&
      tokens[i + 1]!.tokenType === T.Colon &&
      (tokens[i]!.tokenType === T.NumberLit || isIdentifier(tokens[i]!))
    ) {
      this.out.push({ kind: 'label', name: tokens[i]!.image, span: this.span(tokens[i]!) });
      i += 2;
    }
    if (i >= tokens.length) return;
    const rest = i === 0 ? tokens : tokens.slice(i);
    const head = rest[0]!;
    if (!isIdentifier(head)) {
      this.bag.error(this.span(head), `expected an instruction, directive or label, found '${head.image}'`);
      return;
    }
    if (rest[1]?.tokenType === T.Equals) {
      this.readAssignment(rest);
      return;
    }
    if (head.image.startsWith('.')) this.readDirective(rest);
    else this.readInstruction(rest);
  }

  /** `sym = expr` is the same as `.set sym, expr`. */
  private readAssignment(tokens: IToken[]): void {
    const value = this.runRule(tokens.slice(2), () => this.dialect.parser.expression(), `the value of '${tokens[0]!.image}'`);
    if (value === undefined) return;
    this.out.push({
      kind: 'directive',
      name: '.set',
      args: [{ kind: 'expr', expr: { kind: 'sym', name: tokens[0]!.image } }, { kind: 'expr', expr: value }],
      span: this.span(tokens[0]!, tokens[tokens.length - 1]),
    });
  }

  private readDirective(tokens: IToken[]): void {
    const head = tokens[0]!;
    const name = head.image.toLowerCase();
    const span = this.span(head, tokens[tokens.length - 1]);
    const unsupported = UNSUPPORTED_DIRECTIVES[name];
    if (unsupported) {
      this.bag.error(this.span(head), `unsupported directive '${name}': ${unsupported}`);
      return;
    }
    if (!KNOWN_DIRECTIVES.has(name)) {
      this.bag.error(this.span(head), `unknown directive '${name}'`);
      return;
    }
    const argTokens = tokens.slice(1);
    let args: DirectiveArg[] | undefined;
    if (RAW_ARGUMENT_DIRECTIVES.has(name)) {
      args = argTokens.length ? [{ kind: 'raw', text: this.rawText(argTokens) }] : [];
    } else if (SECTION_NAME_DIRECTIVES.has(name)) {
      const comma = argTokens.findIndex((t) => t.tokenType === T.Comma);
      const nameTokens = comma < 0 ? argTokens : argTokens.slice(0, comma);
      if (nameTokens.length === 0) {
        this.bag.error(this.span(head), `'${name}' needs a section name`);
        return;
      }
      args = [{ kind: 'raw', text: this.rawText(nameTokens) }];
      if (comma >= 0) {
        const more = this.runRule(argTokens.slice(comma + 1), () => this.dialect.parser.directiveArgs(), `'${name}'`);
        if (more === undefined) return;
        args.push(...(more.length ? more : [{ kind: 'empty' } as DirectiveArg]));
      }
    } else {
      args = this.runRule(argTokens, () => this.dialect.parser.directiveArgs(), `'${name}'`);
    }
    if (args === undefined) return;
    this.out.push({ kind: 'directive', name, args, span });
  }

  private readInstruction(tokens: IToken[]): void {
    const prefixes: string[] = [];
    let i = 0;
    while (
      i + 1 < tokens.length &&
      this.dialect.prefixes.has(tokens[i]!.image.toLowerCase()) &&
      isIdentifier(tokens[i + 1]!)
    ) {
      prefixes.push(tokens[i]!.image.toLowerCase());
      i++;
    }
    const head = tokens[i]!;
    const mnemonic = head.image.toLowerCase();
    const operands = this.runRule(tokens.slice(i + 1), () => this.dialect.parser.operands(), `'${mnemonic}'`);
    if (operands === undefined) return;
    const ins = {
      kind: 'instruction' as const,
      mnemonic,
      prefixes,
      operands,
      span: this.span(tokens[0]!, tokens[tokens.length - 1]),
    };
    const problem = this.dialect.checkInstruction(ins);
    if (problem !== undefined) {
      this.bag.error(this.span(head), problem);
      return;
    }
    this.out.push(ins);
  }

  /** The source text from the first to the last token, comments between them included. */
  private rawText(tokens: IToken[]): string {
    const first = tokens[0]!;
    const last = tokens[tokens.length - 1]!;
    return this.source.text.slice(first.startOffset, tokenEnd(last) + 1);
  }

  /** Runs one parser rule over the tokens; reports and returns undefined on any error. */
  private runRule<R>(tokens: IToken[], rule: () => R, what: string): R | undefined {
    const parser = this.dialect.parser;
    parser.input = tokens;
    parser.semanticErrors = [];
    const result = rule();
    const err = parser.errors[0];
    if (err) {
      const tok = err.token;
      if (tok.tokenType === undefined || Number.isNaN(tok.startOffset) || tok.image === '') {
        const last = tokens[tokens.length - 1];
        const at = last ? this.source.spanAt(tokenEnd(last) + 1) : this.source.spanAt(0);
        this.bag.error(at, `unexpected end of line in ${what}`);
      } else {
        this.bag.error(this.span(tok), `unexpected '${tok.image}' in ${what}`);
      }
      return undefined;
    }
    const semantic = parser.semanticErrors[0];
    if (semantic) {
      this.bag.error(this.span(semantic.token), semantic.message);
      return undefined;
    }
    return result;
  }
}

/** Offset of a token's last character (the lexer tracks start offsets only, for speed). */
function tokenEnd(tok: IToken): number {
  return tok.startOffset + tok.image.length - 1;
}

function isIdentifier(tok: IToken): boolean {
  return tok.tokenType === T.Identifier || tok.tokenType === T.IdentifierNoDollar;
}
