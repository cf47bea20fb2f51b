// Entry points of the assembly front ends: pick a dialect, parse, print.
import type { AsmFile, Isa } from './ast.js';
import type { Dialect } from './dialect.js';
import { parseWithDialect, type ParseOptions, type ParseResult } from './frontend.js';
import { printAsmFile } from './printer.js';
import { aarch64Dialect } from './aarch64/index.js';
import { riscv64Dialect } from './riscv64/index.js';
import { x86_64Dialect } from './x86_64/index.js';

const DIALECTS: Record<Isa, Dialect> = {
  aarch64: aarch64Dialect,
  riscv64: riscv64Dialect,
  x86_64: x86_64Dialect,
};

export function dialectFor(isa: Isa): Dialect {
  return DIALECTS[isa];
}

export function parseAsm(text: string, fileName: string, isa: Isa, options?: ParseOptions): ParseResult {
  return parseWithDialect(dialectFor(isa), text, fileName, options);
}

export function printAsm(file: AsmFile): string {
  return printAsmFile(file, dialectFor(file.isa));
}

export type { AsmFile, Isa } from './ast.js';
export type { ParseResult } from './frontend.js';
