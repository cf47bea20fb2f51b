// Differential tests against qemu-user: every RISC-V form on a sample of
// random states (the full run is `npm run difftest`), plus checks that the
// harness itself is deterministic, catches wrong semantics and never counts
// a skipped form as passing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { c } from '../src/ir/build.js';
import type { InstructionSemantics } from '../src/ir/semantics.js';
import { DEFAULT_LAYOUT, runDifftest, statesPerInstance } from '../src/difftest/harness.js';
import { Rng, edgeFloat, edgeInt } from '../src/difftest/random.js';
import { formatSection, updateReport } from '../src/difftest/report.js';
import { target as riscv } from '../src/difftest/riscv64.js';
import type { DiffTarget, FormResult } from '../src/difftest/types.js';
import { qemuFor, toolFor } from '../src/toolchain/gnu.js';
import { describeWithTools } from './support/tools.js';
import { FpNotImplemented } from '../src/ir/fp.js';

const CASES = 20;
const TOOLS = [toolFor('riscv64', 'gcc'), toolFor('riscv64', 'nm'), qemuFor('riscv64')!];

describe('difftest building blocks', () => {
  it('generates the same numbers, instances and states for the same seed', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    expect(Array.from({ length: 50 }, () => edgeInt(a, 64))).toEqual(Array.from({ length: 50 }, () => edgeInt(b, 64)));
    expect(edgeFloat(new Rng(3), 32)).toBe(edgeFloat(new Rng(3), 32));
    for (const form of riscv.forms().slice(0, 40)) {
      const gen = (seed: string) => {
        const rng = new Rng(seed);
        const inst = form.instance(rng, DEFAULT_LAYOUT);
        return { text: inst.text, data: inst.data, state: inst.state(rng) };
      };
      expect(gen('x')).toEqual(gen('x'));
    }
  });

  it('favours edge values', () => {
    const rng = new Rng(1);
    const seen = new Set(Array.from({ length: 2000 }, () => edgeInt(rng, 64)));
    for (const v of [0n, 1n, (1n << 64n) - 1n, 1n << 63n, (1n << 63n) - 1n, 0x80000000n]) expect(seen.has(v), `0x${v.toString(16)}`).toBe(true);
    const floats = new Set(Array.from({ length: 3000 }, () => edgeFloat(rng, 64)));
    for (const v of [0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 1n]) expect(floats.has(v), `0x${v.toString(16)}`).toBe(true);
  });

  it('splits cases into instances with a few states each', () => {
    expect(statesPerInstance(20)).toBe(1);
    expect(statesPerInstance(1000)).toBe(8);
  });

  it('replaces its own section of the report and keeps the others', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'difftest-report-')), 'difftest.md');
    const result: FormResult = { form: 'add rd, rs1, rs2', group: 'g', cases: 3, mismatches: 0, examples: [], status: 'pass' };
    updateReport(file, 'riscv64', formatSection({ isa: 'riscv64', seed: 1, casesPerForm: 3 }, [result]));
    updateReport(file, 'aarch64', formatSection({ isa: 'aarch64', seed: 1, casesPerForm: 3 }, [result]));
    updateReport(file, 'riscv64', formatSection({ isa: 'riscv64', seed: 2, casesPerForm: 3 }, [result]));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.match(/## riscv64/g)).toHaveLength(1);
    expect(text).toContain('## aarch64');
    expect(text).toContain('Seed `2`');
  });
});

describeWithTools(TOOLS, 'difftest: RISC-V64 semantics against qemu-riscv64', () => {
  const results = new Map<string, FormResult>();
  beforeAll(() => {
    for (const r of runDifftest(riscv, { casesPerForm: CASES, seed: 'vitest' })) results.set(r.form, r);
  }, 600_000);

  it.each(riscv.forms().map((f) => f.name))('%s', (name) => {
    const r = results.get(name);
    expect(r, 'form result').toBeDefined();
    // Skipped forms are reported as skipped, never as passing (and fail here:
    // concrete FP semantics exist, so nothing may be skipped).
    expect(r!.note ?? '').toBe('');
    expect(r!.examples.map((m) => `${m.text}: ${m.diffs.map((d) => `${d.what} qemu ${d.qemu} semantics ${d.interp}`).join('; ')}`)).toEqual([]);
    expect(r!.status).toBe('pass');
    expect(r!.cases).toBeGreaterThanOrEqual(r!.group === 'traps' ? 1 : CASES);
  });
});

/** The RISC-V target with one instruction's semantics replaced. */
function withSemantics(mnemonic: string, sem: InstructionSemantics, extra: Partial<DiffTarget> = {}): DiffTarget {
  return { ...riscv, semantics: (m) => (m === mnemonic ? sem : riscv.semantics(m)), ...extra };
}

describeWithTools(TOOLS, 'difftest harness: it finds wrong semantics', () => {
  it('reports a wrong result with the instruction, its inputs and both values', () => {
    const wrong = withSemantics('addw', (i, ctx) => riscv.semantics('add')!(i, ctx)); // forgets the sign extension
    const [r] = runDifftest(wrong, { casesPerForm: 60, seed: 1, form: /^addw rd/ });
    expect(r!.status).toBe('fail');
    expect(r!.mismatches).toBeGreaterThan(0);
    const m = r!.examples[0]!;
    expect(m.text).toMatch(/^addw /);
    expect(Object.keys(m.input).length).toBeGreaterThan(0);
    expect(m.diffs[0]!.qemu).not.toBe(m.diffs[0]!.interp);
  });

  it('checks memory and control flow', () => {
    const store = withSemantics('sh', riscv.semantics('sb')!);
    expect(runDifftest(store, { casesPerForm: 40, seed: 1, form: /^sh rs2, off/ })[0]!.status).toBe('fail');
    const branch = withSemantics('blt', riscv.semantics('bltu')!);
    expect(runDifftest(branch, { casesPerForm: 60, seed: 1, form: /^blt rs1/ })[0]!.status).toBe('fail');
    const jump = withSemantics('jr', (_i, ctx) => ctx.jump({ kind: 'address', value: c(64, 0x1234) }));
    expect(runDifftest(jump, { casesPerForm: 20, seed: 1, form: /^jr target/ })[0]!.status).toBe('fail');
  });

  it('marks forms without concrete FP semantics as skipped, never passed', () => {
    const noFp = withSemantics(
      'fadd.d',
      (i, ctx) => ctx.set('f1', { op: 'uf', w: 64, name: 'no-fp', args: [] }),
      { uf: () => { throw new FpNotImplemented('no FP'); } },
    );
    const [r] = runDifftest(noFp, { casesPerForm: 10, seed: 1, form: /^fadd\.d fd, fs1, fs2$/ });
    expect(r!.status).toBe('skipped');
    expect(r!.cases).toBe(0);
    expect(r!.note).toMatch(/no concrete FP semantics/);
  });
});
