// completeSketch end to end on small sketches of each hole kind.
import { afterAll, describe, expect, it } from 'vitest';
import { completeSketch } from '../src/sketch/index.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';

afterAll(async () => {
  await closeDefaultSolvers();
});

const rv = (name: string, body: string) => `\t.text\n\t.globl ${name}\n\t.type ${name}, @function\n${name}:\n${body}\n\tret\n\t.size ${name}, .-${name}\n`;

describe('completeSketch', () => {
  it('fills an immediate against a reference', async () => {
    const r = await completeSketch({
      sketch: rv('f', '\taddi a0,a0,??'),
      spec: rv('f', '\taddi a0,a0,5\n\taddi a0,a0,-2'),
      isa: 'riscv64',
    });
    expect(r.status).toBe('completed');
    expect(r.completion).toContain('addi\ta0,a0,3');
  });

  it('is deterministic for a seed', async () => {
    const opts = {
      sketch: rv('f', '\tslli\ta1,a0,??\n\t{add|sub}\ta0,a1,a0\n\tandi\ta0,a0,??'),
      spec: rv('f', '\tli\ta5,7\n\tmul\ta0,a0,a5\n\tandi\ta0,a0,255'),
      isa: 'riscv64' as const,
      seed: 7,
    };
    const a = await completeSketch(opts);
    const b = await completeSketch(opts);
    expect(a.status).toBe('completed');
    expect(b.completion).toBe(a.completion);
    expect(b.stats.iterations).toBe(a.stats.iterations);
    expect(b.stats.tests).toBe(a.stats.tests);
  });

  it('refuses x86-64 sketches, which have no semantics yet, with a message', async () => {
    await expect(completeSketch({ sketch: 'f:\n\taddq $??, %rax\n\tret\n', isa: 'x86_64', spec: 'f:\n\tret\n' })).rejects.toThrow(/x86_64 has no instruction semantics/);
  });
});
