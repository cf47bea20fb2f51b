// Small helpers the front-end tests share: parse, reprint, pick the
// instruction, list errors as `line:col: message`.
import { expect } from 'vitest';
import type { InstructionStatement } from '../../src/asm/ast.js';
import type { Dialect } from '../../src/asm/dialect.js';
import { parseWithDialect } from '../../src/asm/frontend.js';
import { printAsmFile } from '../../src/asm/printer.js';
import { formatDiagnostic } from '../../src/asm/source.js';

export function dialectHelpers(dialect: Dialect) {
  const parse = (text: string) => parseWithDialect(dialect, text, 'test.s');
  const clean = (text: string) => {
    const r = parse(text);
    expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    return r;
  };
  return {
    parse,
    reprint: (text: string): string => printAsmFile(clean(text).file, dialect),
    instruction: (text: string): InstructionStatement => {
      const st = clean(text).file.statements.find((s) => s.kind === 'instruction');
      if (st?.kind !== 'instruction') throw new Error(`no instruction in ${text}`);
      return st;
    },
    errors: (text: string): string[] => parse(text).diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`),
  };
}
