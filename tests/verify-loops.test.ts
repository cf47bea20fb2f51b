// Functions with loops: no invariant is inferred yet, so proofs unroll
// loops to a bound and say so ("equivalent up to bound K"); a difference
// inside the bound is still found and replayed.
import { describe, expect, it } from 'vitest';
import { verifyFixture } from './support/verify-fixture.js';

const { file, verify } = verifyFixture('loops');

// Sum of 0..(a0 & 3): at most 3 iterations, so the bound covers every input.
const SUM = '\tandi a1,a0,3\n\tli a0,0\n.L1:\n\tbeqz a1,.L2\n\tadd a0,a0,a1\n\taddi a1,a1,-1\n\tj .L1\n.L2:\n\tret';
// The same loop counting up.
const SUM_UP = '\tandi a2,a0,3\n\tli a0,0\n\tli a1,1\n.L1:\n\tbgtu a1,a2,.L2\n\tadd a0,a0,a1\n\taddi a1,a1,1\n\tj .L1\n.L2:\n\tret';

describe('verify: loops by bounded unrolling', () => {
  it('proves loops equivalent up to the bound and says so', async () => {
    const r = await verify(file(SUM), file(SUM_UP));
    expect(r.f.verdict).toBe('equivalent-bounded');
    expect(r.f.bound).toBe(4);
    expect(r.f.how).toMatch(/entering no block more than 5 times/);
    expect(r.code).toBe(3); // not a full proof
  });

  it('finds a difference inside the bound', async () => {
    const wrong = SUM_UP.replace('bgtu a1,a2', 'bgeu a1,a2');
    const r = await verify(file(SUM), file(wrong));
    expect(r.f.verdict).toBe('different');
    expect(r.code).toBe(1);
  });
});
