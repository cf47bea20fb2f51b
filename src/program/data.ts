// Sizes of the data directives, which differ between targets (`.word` is two
// bytes on x86-64 and four on AArch64 and RISC-V).
import type { Isa } from '../asm/ast.js';

const FIXED: Record<string, number> = {
  '.byte': 1,
  '.2byte': 2, '.hword': 2, '.half': 2, '.short': 2, '.value': 2,
  '.4byte': 4, '.long': 4, '.int': 4,
  '.8byte': 8, '.quad': 8, '.dword': 8, '.xword': 8,
  '.octa': 16,
};

/** Bytes per value of an integer data directive, or undefined when it is not one. */
export function dataDirectiveSize(name: string, isa: Isa): number | undefined {
  if (name === '.word') return isa === 'x86_64' ? 2 : 4;
  return FIXED[name];
}
