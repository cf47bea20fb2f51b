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
    console.log(r);
    expect(r.status).toBe('completed');
    expect(r.completion).toContain('addi\ta0,a0,3');
  });
});
