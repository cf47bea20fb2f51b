// Shared helpers of the block-verifier tests: hand-written blocks and
// state mappings in a compact spelling.
import type { InstructionStatement, Isa } from '../../src/asm/ast.js';
import { parseAsm } from '../../src/asm/index.js';
import type { MappedBits, StateMapping } from '../../src/translate/contract.js';

/** Instructions of one ISA from `;`-separated text; a parse error fails the test at once. */
export function blockCode(isa: Isa, text: string): InstructionStatement[] {
  const r = parseAsm(text.split(';').join('\n') + '\n', 'block.s', isa);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

/** `x0:x10 x1:x11 sp:x2`: each source component wholly in a target register. */
export function registerMapping(spec: string): StateMapping {
  const facts: MappedBits[] = spec
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => {
      const [s, t] = p.split(':') as [string, string];
      return { src: s, to: { kind: 'reg', name: t } };
    });
  return { facts };
}
