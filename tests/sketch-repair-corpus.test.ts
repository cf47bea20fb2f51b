// Repair on the translator's own output (the small sample of
// scripts/bench/repair.mjs): a function is translated by the rules, its block
// is proven by the block verifier, single faults injected into the RISC-V
// target are refuted by the verifier, repaired, and every repaired block is
// proven again by the verifier here, independently of repairBlock's answer.
// The translator's blocks have partial-register mappings (vector halves), a
// return exit and stack traffic; the question repair asks covers them.
import { afterAll, describe, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { injectFaults } from '../src/sketch/faults.js';
import { firstFaultyStep } from '../src/sketch/localise.js';
import { repairBlock } from '../src/sketch/repair.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockTranslation } from '../src/translate/contract.js';
import { translateProgram } from '../src/translate/program.js';
import { PRIVATE_AREA } from '../src/translate/regmap.js';
import { parseTargetLines } from '../src/translate/run.js';
import { verifyBlock } from '../src/verify/block.js';
import { testEnv } from '../src/verify/block-testing.js';

const SOURCE = [
  '\t.text', '\t.globl\tf', '\t.type\tf, %function', 'f:',
  '\tsub\tsp, sp, #16', '\tstr\tw0, [sp, 12]', '\tldr\tw0, [sp, 12]', '\tadd\tw0, w0, 5', '\tlsl\tw0, w0, 2', '\tadd\tsp, sp, 16', '\tret',
  '\t.size\tf, .-f', '',
].join('\n');

/** x3 is dead at entry and at the return: no mapping of the block says where it lives. */
const SCRATCH_SOURCE = ['\t.text', '\t.globl\tf', '\t.type\tf, %function', 'f:', '\tmov\tx3, x0', '\tadd\tx3, x3, 7', '\tlsl\tx0, x3, 1', '\tret', '\t.size\tf, .-f', ''].join('\n');

function translated(source = SOURCE): { block: BlockTranslation; privateAreas: { symbol: string; bytes: number }[] } {
  const t = translateProgram(buildProgram(parseAsm(source, 'f.s', 'aarch64').file), { prototypes: new Map() });
  const r = t.results[0]!;
  if (r.kind !== 'translated') throw new Error(`not translated: ${r.reason}`);
  const b = r.blocks[0]!;
  b.translation.target = parseTargetLines(b.lines.filter((l) => !l.endsWith(':')), 'f');
  return { block: b.translation, privateAreas: [{ symbol: PRIVATE_AREA, bytes: t.privateBytes }] };
}

const verify = (block: BlockTranslation, privateAreas: { symbol: string; bytes: number }[]) =>
  verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas, runs: 30, seed: 3, timeoutMs: 10_000 });

afterAll(async () => {
  await closeDefaultSolvers();
});

describe('repair of faults injected into the translator output', () => {
  it('the rule translation is proven as it is, and repair leaves it alone', async () => {
    const { block, privateAreas } = translated();
    expect(block.entry.facts.some((f) => f.to.kind === 'reg' && f.to.bits)).toBe(true);
    expect((await verify(block, privateAreas)).status).toBe('proven');
    const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas, timeoutMs: 10_000 });
    expect(r.status).toBe('already correct');
  }, 30_000);

  it('repairs a wrong immediate and a wrong opcode, each proven again by the block verifier', async () => {
    const { block, privateAreas } = translated();
    const faults = injectFaults(block, 'riscv64');
    const picked = [
      faults.find((f) => f.kind === 'wrong immediate' && f.description.startsWith('addi\ta0,a0,5'))!,
      faults.find((f) => f.kind === 'wrong opcode' && f.description.startsWith('slli\ta0,a0,2:'))!,
    ];
    for (const f of picked) {
      expect(f).toBeDefined();
      const { sourceSteps: _s, ...rest } = block;
      const bad: BlockTranslation = { ...rest, target: f.target };
      expect((await verify(bad, privateAreas)).status).toBe('refuted');
      const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, privateAreas, timeoutMs: 12_000 });
      expect(r.status, `${f.description}: ${r.how}`).toBe('repaired');
      expect((await verify({ ...bad, target: r.target! }, privateAreas)).status).toBe('proven');
    }
  }, 30_000);

  it('localises a fault to the first source step whose mapping breaks on a test input', () => {
    const { block, privateAreas } = translated();
    // sub sp / str w0 / ldr w0 / add w0,5 (3 target instructions) / lsl w0,2 (3) / add sp / ret
    expect(block.sourceSteps).toEqual([1, 1, 1, 3, 3, 1, 1]);
    const areas = new Map(privateAreas.map((a) => [a.symbol, a.bytes] as const));
    const env = testEnv(1, 30, areas);
    const input = { vars: new Map<string, bigint>(), fallback: (n: string, w: number) => env.variable(n, w), memByte: (a: bigint) => env.memByte('mem', a) };
    const faults = injectFaults(block, 'riscv64');
    const step = (description: string) => {
      const f = faults.find((x) => x.description === description)!;
      return firstFaultyStep('aarch64', 'riscv64', block, f.target, input, areas);
    };
    // A store at the wrong offset: the bytes stored in step 1 differ.
    expect(step('sw\ta0,12(sp): offset 12 -> 16')).toEqual({ step: 1, start: 1, end: 2 });
    // A wrong immediate in the middle of a three-instruction step.
    expect(step('addi\ta0,a0,5: immediate 5 -> 6')).toEqual({ step: 3, start: 3, end: 6 });
    // A wrong destination register: w0 (a0) is stale after step 4.
    expect(step('slli\ta0,a0,2: operand 1 a0 -> s2')).toEqual({ step: 4, start: 6, end: 9 });
    // A register no mapping names: its value must still live somewhere on the target after its step.
    const scratch = translated(SCRATCH_SOURCE).block;
    expect(scratch.entry.facts.some((f) => f.src === 'x3') || scratch.exits[0]!.mapping.facts.some((f) => f.src === 'x3')).toBe(false);
    const wrong = injectFaults(scratch, 'riscv64').find((x) => x.description === 'addi\ta3,a3,7: immediate 7 -> 8')!;
    expect(firstFaultyStep('aarch64', 'riscv64', scratch, wrong.target, input, areas)).toEqual({ step: 1, start: 1, end: 2 });
    // Nothing breaks in the correct block before its last step.
    expect(firstFaultyStep('aarch64', 'riscv64', block, block.target, input, areas)).toEqual({ step: 6, start: 10, end: 11 });
  });

  it('repairs a wrong destination register and a wrong base register with the step counts kept, proven again by the block verifier', async () => {
    const { block, privateAreas } = translated();
    const faults = injectFaults(block, 'riscv64');
    for (const description of ['addi\ta0,a0,5: operand 1 a0 -> s2', 'lwu\ta0,12(sp): base sp -> a0']) {
      const f = faults.find((x) => x.description === description)!;
      expect(f, description).toBeDefined();
      // As in translation: the refuted block keeps the translator's sourceSteps (same instruction count).
      const bad: BlockTranslation = { ...block, target: f.target };
      expect((await verify(bad, privateAreas)).status).toBe('refuted');
      const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, privateAreas, timeoutMs: 12_000 });
      expect(r.status, `${description}: ${r.how}`).toBe('repaired');
      // The faulty instruction is in the step named first, and so among the first suspects tried.
      expect(r.step!.start <= f.index && f.index < r.step!.end, JSON.stringify(r.step)).toBe(true);
      expect(r.suspects.indexOf(f.index)).toBeLessThan(r.step!.end - r.step!.start);
      const { sourceSteps: _s, ...rest } = bad;
      expect((await verify({ ...rest, target: r.target! }, privateAreas)).status).toBe('proven');
    }
  }, 30_000);
});
