// Calls to external functions inside proofs: the k-th call to the same
// callee returns the same result on both sides (the model testing uses),
// caller-saved registers are unknown afterwards, callee-saved ones kept.
import { describe, expect, it } from 'vitest';
import { verifyFixture } from './support/verify-fixture.js';

const { file, verify } = verifyFixture('calls');

const frame = (body: string) => `\taddi sp,sp,-16\n\tsd ra,8(sp)\n\tsd s0,0(sp)\n${body}\n\tld s0,0(sp)\n\tld ra,8(sp)\n\taddi sp,sp,16\n\tret`;

describe('verify: external calls in proofs', () => {
  it('proves code around a call equivalent', async () => {
    const a = file(frame('\tmv s0,a1\n\tcall g\n\tadd a0,a0,s0'));
    const b = file(frame('\tmv s0,a1\n\tcall g\n\tadd a0,s0,a0\n\taddi a0,a0,1\n\taddi a0,a0,-1'));
    const r = await verify(a, b);
    expect(r.f.verdict).toBe('equivalent');
    expect(r.code).toBe(0);
  });

  it('refutes a use of a caller-saved register across the call', async () => {
    const a = file(frame('\tmv s0,a1\n\tcall g\n\tadd a0,a0,s0'));
    const b = file(frame('\tmv t0,a1\n\tcall g\n\tadd a0,a0,t0'));
    const r = await verify(a, b);
    expect(r.f.verdict).toBe('different');
  });

  it('refutes a different callee', async () => {
    const r = await verify(file(frame('\tcall g')), file(frame('\tcall h')));
    expect(r.f.verdict).toBe('different');
  });

  it('never proves a different first argument', async () => {
    const r = await verify(file(frame('\tli a0,5\n\tcall g')), file(frame('\tli a0,6\n\tcall g')));
    expect(r.f.verdict).not.toBe('equivalent');
  });
});
