// Shared rule for tests that need external tools (cross gcc, qemu, ...):
// when a tool is missing the suite is skipped with a loud warning, except on
// CI (process.env.CI === 'true') where it fails, naming the missing tools.

import { describe, it } from 'vitest';
import { hasTool } from '../../src/toolchain/gnu.js';

/** The subset of `tools` not found on PATH. */
export function missingOf(tools: readonly string[]): string[] {
  return [...new Set(tools)].filter((t) => !hasTool(t));
}

/**
 * Like `describe(name, fn)`, but only when every command in `tools` is on
 * PATH. Otherwise: on CI a single failing test names the missing tools;
 * locally the suite is skipped and a warning is printed.
 */
export function describeWithTools(tools: readonly string[], name: string, fn: () => void): void {
  const missing = missingOf(tools);
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const message = `${name}: missing tools: ${missing.join(', ')}`;
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it('has the required tools', () => {
        throw new Error(`${message} (required on CI)`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING "${name}" — ${message} ***\n`);
  // Do not run `fn` at all: its body may assume the tools exist.
  describe.skip(name, () => {
    it(`requires ${missing.join(', ')}`, () => {});
  });
}
