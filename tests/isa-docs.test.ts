// The instruction tables in docs/isa/ must match the descriptions in src/isa/.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISAS } from '../src/asm/ast.js';
import { isaDocTable } from '../src/isa/doc-table.js';

describe.each(ISAS)('docs/isa/%s.md', (isa) => {
  it('is generated from the current instruction descriptions (npm run docs rewrites it)', () => {
    const file = new URL(`../docs/isa/${isa}.md`, import.meta.url);
    expect(fs.existsSync(file), `docs/isa/${isa}.md is missing; run npm run docs`).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(isaDocTable(isa));
  });
});
