// C types as the calling conventions see them (LP64: int 32, long 64, pointers 64).
import type { Isa } from '../asm/ast.js';

export type CType =
  | { kind: 'void' }
  /** `signed: 'char'` is plain char, whose signedness depends on the ABI. */
  | { kind: 'int'; bits: 8 | 16 | 32 | 64 | 128; signed: boolean | 'char'; name: string }
  | { kind: 'float'; bits: 32 | 64 | 128; name: string }
  | { kind: 'pointer'; name: string }
  /** Aggregates by value: not yet supported by the verifier, reported as such. */
  | { kind: 'aggregate'; name: string };

export interface Prototype {
  name: string;
  result: CType;
  params: CType[];
  variadic: boolean;
}

/** Plain `char` is unsigned on AArch64 and RISC-V, signed on x86-64. */
export function isSigned(t: Extract<CType, { kind: 'int' }>, isa: Isa): boolean {
  return t.signed === 'char' ? isa === 'x86_64' : t.signed;
}

export function typeName(t: CType): string {
  return t.kind === 'void' ? 'void' : t.name;
}

export function formatPrototype(p: Prototype): string {
  const params = p.params.map(typeName);
  if (p.variadic) params.push('...');
  return `${typeName(p.result)} ${p.name}(${params.length ? params.join(', ') : 'void'})`;
}
