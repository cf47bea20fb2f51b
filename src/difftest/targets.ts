// Difftest targets by ISA. Each target module `src/difftest/<isa>.ts`
// exports `target: DiffTarget`; loading by name keeps the harness free of
// any one ISA (and lets a target land without touching this file).
import type { DiffTarget } from './types.js';

export const DIFFTEST_ISAS = ['riscv64', 'aarch64'] as const;

export async function loadTarget(isa: string): Promise<DiffTarget> {
  if (!(DIFFTEST_ISAS as readonly string[]).includes(isa)) throw new Error(`no difftest target for '${isa}' (known: ${DIFFTEST_ISAS.join(', ')})`);
  const path = `./${isa}.js`;
  const mod = (await import(path)) as { target?: DiffTarget };
  if (!mod.target) throw new Error(`src/difftest/${isa}.ts does not export 'target'`);
  return mod.target;
}
