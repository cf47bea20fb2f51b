// The library examples in docs/sketch.md and README.md run as written (with
// the import pointed at the sources instead of dist/), so they cannot rot.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeDefaultSolvers } from '../src/smt/solver.js';

const ROOT = path.join(import.meta.dirname, '..');
const OUT = path.join(ROOT, '.cache', 'sketch-docs');

function exampleOf(file: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const m = /<!-- sketch-example[^>]*-->\s*```js\n([\s\S]*?)```/.exec(text);
  if (!m) throw new Error(`${file} has no sketch-example block`);
  return m[1]!;
}

afterAll(async () => {
  await closeDefaultSolvers();
});

describe('documented sketch examples', () => {
  for (const file of ['docs/sketch.md', 'README.md']) {
    it(`${file}: the example completes the sketch`, async () => {
      const code = exampleOf(file).replace("'./dist/sketch/index.js'", JSON.stringify(pathToFileURL(path.join(ROOT, 'src/sketch/index.ts')).href));
      fs.mkdirSync(OUT, { recursive: true });
      const script = path.join(OUT, `${path.basename(file, '.md')}.mjs`);
      fs.writeFileSync(script, code);
      const lines: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
      try {
        await import(pathToFileURL(script).href);
      } finally {
        spy.mockRestore();
      }
      expect(lines[0]).toBe('completed');
      expect(lines[1]).toMatch(/proven equivalent/);
      expect(lines.join('\n')).toMatch(/slli\ta1,a0,2/);
    }, 60_000);
  }
});
