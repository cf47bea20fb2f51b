// AArch64 GNU directives as RISC-V gas reads them. Data keeps its bytes and
// alignment; only spellings differ (`.xword` is `.dword`, `.hword` is
// `.half`, `%function` is `@function`); call-frame directives are dropped
// because the frame they describe is AArch64's (the output has no unwind
// tables; nothing in the corpus unwinds).
import type { DirectiveArg, DirectiveStatement } from '../asm/ast.js';
import { printDirectiveArg } from '../asm/printer.js';

const RENAME: Record<string, string> = {
  '.xword': '.dword',
  '.dword': '.dword',
  '.hword': '.half',
  '.short': '.half',
  '.2byte': '.2byte',
  '.4byte': '.4byte',
  '.8byte': '.8byte',
  // AArch64 `.align n` is a power of two, as RISC-V's; spell it unambiguously.
  '.align': '.p2align',
};

const DROP = new Set(['.arch', '.arch_extension', '.cpu', '.fpu', '.variant_pcs', '.inst', '.tlsdesccall']);

/** The RISC-V text of a directive, or undefined when it has no place in the output. */
export function translateDirective(d: DirectiveStatement): string | undefined {
  if (d.name.startsWith('.cfi_') || DROP.has(d.name)) return undefined;
  const name = RENAME[d.name] ?? d.name;
  const args = d.args.map((a): DirectiveArg => (a.kind === 'tag' && a.prefix === '%' ? { ...a, prefix: '@' } : a));
  return args.length ? `\t${name}\t${args.map(printDirectiveArg).join(',')}` : `\t${name}`;
}
