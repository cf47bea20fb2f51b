// AArch64 semantics against qemu-aarch64: every difftest form, a few
// random cases each (the full run is `node scripts/difftest.mjs --isa
// aarch64`, 1000 cases per form, results in docs/difftest.md). Skips loudly
// without the cross gcc or qemu; fails on CI when they are missing.
import { describe, expect, it } from 'vitest';
import { target } from '../src/difftest/aarch64.js';
import { runDifftest } from '../src/difftest/harness.js';
import type { FormResult } from '../src/difftest/types.js';
import { describeWithTools } from './support/tools.js';

describe('AArch64 difftest forms', () => {
  it('have unique names and cover the instruction groups', () => {
    const forms = target.forms();
    expect(new Set(forms.map((f) => f.name)).size).toBe(forms.length);
    expect(forms.length).toBeGreaterThan(900);
    const groups = new Set(forms.map((f) => f.group));
    for (const g of ['arith', 'logic', 'bitfield', 'conditional', 'branch', 'memory', 'atomic', 'fp', 'simd', 'simd-fp', 'simd-mem']) {
      expect(groups.has(g), g).toBe(true);
    }
  });
});

function describeFailures(results: readonly FormResult[]): string[] {
  return results
    .filter((r) => r.status !== 'pass')
    .map((r) => `${r.form}: ${r.status} ${r.note ?? ''} ${r.examples.map((e) => `${e.text} ${JSON.stringify(e.diffs)}`).join('; ')}`);
}

describeWithTools(['qemu-aarch64', 'aarch64-linux-gnu-gcc'], 'AArch64 semantics agree with qemu-aarch64', () => {
  it('on a sample of every form (integer, memory, branches, FP, NEON)', () => {
    const cases = Number(process.env['DIFFTEST_CASES'] ?? 6);
    const results = runDifftest(target, { casesPerForm: cases, seed: process.env['DIFFTEST_SEED'] ?? 'vitest' });
    const total = results.reduce((n, r) => n + r.cases, 0);
    console.log(`AArch64 difftest: ${results.length} forms, ${total} cases`);
    expect(describeFailures(results)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(results.length * cases);
  }, 900_000);
});
