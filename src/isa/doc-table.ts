// Generates the supported-instruction tables in docs/isa/ from the
// instruction descriptions, so the documentation cannot drift from the code.
// `npm run docs` writes them; tests/isa-docs.test.ts fails when they are stale.
import type { Isa } from '../asm/ast.js';
import { isaDescription } from './index.js';

const TITLES: Record<Isa, string> = { aarch64: 'AArch64', riscv64: 'RISC-V64 (RV64GC)', x86_64: 'x86-64 (AT&T syntax)' };

export function isaDocTable(isa: Isa): string {
  const desc = isaDescription(isa);
  const rows = [...desc.instructions.values()].sort((a, b) => a.mnemonic.localeCompare(b.mnemonic));
  const lines = [
    `# ${TITLES[isa]}: supported instructions`,
    '',
    'Generated from `src/isa/' + isa + '/instructions.ts` by `npm run docs`; do not edit by hand.',
    'Operands: the accepted operand count. Flow: how the instruction leaves its block when the',
    'mnemonic decides it (some depend on operands, e.g. `jr ra` returns; see `control()`).',
    '',
    `${rows.length} mnemonics.`,
    '',
    '| mnemonic | operands | flow |',
    '|---|---|---|',
  ];
  for (const r of rows) {
    const count = r.minOperands === r.maxOperands ? `${r.minOperands}` : `${r.minOperands}-${r.maxOperands}`;
    lines.push(`| \`${r.mnemonic}\` | ${count} | ${r.flow === 'fallthrough' ? '' : r.flow} |`);
  }
  return lines.join('\n') + '\n';
}
