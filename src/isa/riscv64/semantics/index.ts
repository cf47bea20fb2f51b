// RISC-V64 instruction semantics, by mnemonic: RV64GC and the assembler's
// pseudo-instructions, one file per instruction group. Assumptions and
// what is not modelled: docs/semantics-riscv64.md.
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { ATOMIC_SEMANTICS } from './atomic.js';
import { BASE_SEMANTICS } from './base.js';
import { CONTROL_SEMANTICS } from './control.js';
import { FCONVERT_SEMANTICS } from './fconvert.js';
import { FLOAT_SEMANTICS } from './float.js';
import { MEMORY_SEMANTICS } from './memory.js';
import { MULDIV_SEMANTICS } from './muldiv.js';
import { SYSTEM_SEMANTICS } from './system.js';

const GROUPS: Record<string, Record<string, InstructionSemantics>> = {
  base: BASE_SEMANTICS,
  memory: MEMORY_SEMANTICS,
  control: CONTROL_SEMANTICS,
  muldiv: MULDIV_SEMANTICS,
  atomic: ATOMIC_SEMANTICS,
  system: SYSTEM_SEMANTICS,
  float: FLOAT_SEMANTICS,
  fconvert: FCONVERT_SEMANTICS,
};

const ALL = new Map<string, InstructionSemantics>();
for (const [group, table] of Object.entries(GROUPS))
  for (const [mnemonic, sem] of Object.entries(table)) {
    if (ALL.has(mnemonic)) throw new Error(`RISC-V semantics for '${mnemonic}' defined twice (group ${group})`);
    ALL.set(mnemonic, sem);
  }

export function riscvSemantics(mnemonic: string): InstructionSemantics | undefined {
  return ALL.get(mnemonic);
}

/** Every mnemonic with semantics (for coverage tests and docs). */
export function riscvSemanticMnemonics(): string[] {
  return [...ALL.keys()].sort();
}
