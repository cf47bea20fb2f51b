// Golden files: expected outputs kept in tests/golden/. Run with BLESS=1 to
// rewrite them from the current output; reviewers then read the diff.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;

export function expectGolden(relPath: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, relPath);
  if (process.env.BLESS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`missing golden file tests/golden/${relPath}; run with BLESS=1 to create it`);
  expect(actual, `output differs from tests/golden/${relPath} (BLESS=1 rewrites it)`).toBe(fs.readFileSync(file, 'utf8'));
}
