#!/usr/bin/env node
// Writes docs/isa/<isa>.md from the instruction descriptions (run after a build).
import { mkdirSync, writeFileSync } from 'node:fs';
const { isaDocTable } = await import(new URL('../dist/isa/doc-table.js', import.meta.url).href);
const dir = new URL('../docs/isa/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const isa of ['aarch64', 'riscv64', 'x86_64']) {
  writeFileSync(new URL(`${isa}.md`, dir), isaDocTable(isa));
  console.log(`wrote docs/isa/${isa}.md`);
}
