// RISC-V64 instruction semantics, by mnemonic.
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { BASE_SEMANTICS } from './base.js';

const ALL: Record<string, InstructionSemantics> = { ...BASE_SEMANTICS };

export function riscvSemantics(mnemonic: string): InstructionSemantics | undefined {
  return ALL[mnemonic];
}
