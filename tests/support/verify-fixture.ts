// One-function assembly files in a temporary folder, verified through the
// CLI's JSON output: the shape every `transpile verify` feature test needs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';
import { closeDefaultSolvers } from '../../src/smt/solver.js';

export function verifyFixture(prefix: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `transpile-${prefix}-`));
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await closeDefaultSolvers();
  });
  let counter = 0;
  return {
    /** A file holding function `f` with this body, followed by `data` (sections, tables). */
    file(body: string, data = ''): string {
      const p = path.join(tmp, `f${counter++}.s`);
      fs.writeFileSync(p, `\t.text\n\t.globl f\n\t.type f, @function\nf:\n${body}\n\t.size f, .-f\n${data}`);
      return p;
    },
    /** `transpile verify a b --json`: the exit code and the verdict of the first function. */
    async verify(a: string, b: string) {
      let out = '';
      const code = await main(['verify', a, b, '--runs', '50', '--json'], (s) => void (out += s), () => {});
      return { code, f: JSON.parse(out).functions[0] };
    },
  };
}
