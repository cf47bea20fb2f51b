// The instruction descriptions of every supported ISA.
import type { Isa } from '../asm/ast.js';
import { AARCH64 } from './aarch64/instructions.js';
import { RISCV64 } from './riscv64/instructions.js';
import type { IsaDescription } from './types.js';
import { X86_64 } from './x86_64/instructions.js';

const DESCRIPTIONS: Record<Isa, IsaDescription> = { aarch64: AARCH64, riscv64: RISCV64, x86_64: X86_64 };

export function isaDescription(isa: Isa): IsaDescription {
  return DESCRIPTIONS[isa];
}
