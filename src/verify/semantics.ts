// The semantics registry: instruction meanings by ISA.
import type { Isa } from '../asm/ast.js';
import type { InstructionSemantics } from '../ir/semantics.js';
import { aarch64Semantics } from '../isa/aarch64/semantics/index.js';
import { riscvSemantics } from '../isa/riscv64/semantics/index.js';

export function semanticsFor(isa: Isa): (mnemonic: string) => InstructionSemantics | undefined {
  switch (isa) {
    case 'riscv64':
      return riscvSemantics;
    case 'aarch64':
      return aarch64Semantics;
    default:
      return () => undefined;
  }
}
