#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `transpile` command. The TypeScript sources are compiled
// to dist/ by `npm run build` (run automatically by `npm ci` / `npm install`).
// The larger young generation in the shebang cut parse time of a 60k-line file
// by about a quarter on these machines: the parser's garbage dies young.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('transpile: not built yet; run `npm run build` (or `npm ci`) in the project first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Only a bug in transpile itself gets here; say so, with the details.
  process.stderr.write(`transpile: internal error (please report): ${e?.stack ?? e}\n`);
  process.exitCode = 70;
}
