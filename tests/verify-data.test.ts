// Data symbols in proofs: each side's own layout, the data it reads as
// assumptions about its initial memory; writes to private data are not
// compared yet, so they keep a function from being proven.
import { describe, expect, it } from 'vitest';
import { verifyFixture } from './support/verify-fixture.js';

const { file, verify } = verifyFixture('data');

const TABLE = (name: string, values: number[]) => `\t.section .rodata\n\t.align 3\n${name}:\n${values.map((v) => `\t.dword ${v}\n`).join('')}`;
const LOOKUP = (name: string) => `\tandi a0,a0,3\n\tslli a0,a0,3\n\tlla a5,${name}\n\tadd a0,a5,a0\n\tld a0,0(a0)\n\tret`;

describe('verify: data symbols in proofs', () => {
  it('proves table lookups against differently named and placed tables', async () => {
    const a = file(LOOKUP('.LC0'), TABLE('.LC0', [10, 20, 30, 40]));
    const b = file(LOOKUP('.LC7'), `\t.section .rodata\n\t.dword 99\n${TABLE('.LC7', [10, 20, 30, 40])}`);
    const r = await verify(a, b);
    expect(r.f.verdict).toBe('equivalent');
  });

  it('refutes a table with one different entry, with a replayed counterexample', async () => {
    const a = file(LOOKUP('.LC0'), TABLE('.LC0', [10, 20, 30, 40]));
    const b = file(LOOKUP('.LC0'), TABLE('.LC0', [10, 20, 31, 40]));
    const r = await verify(a, b);
    expect(r.f.verdict).toBe('different');
  });

  it('does not prove a function that writes its private data', async () => {
    const body = '\tlla a5,.Lcount\n\tld a0,0(a5)\n\taddi a0,a0,1\n\tsd a0,0(a5)\n\tret';
    const a = file(body, '\t.local .Lcount\n\t.data\n.Lcount:\n\t.dword 0\n');
    const b = file(body.replace('addi a0,a0,1', 'addi a0,a0,1\n\tli a1,7\n\tsd a1,0(a5)'), '\t.data\n.Lcount:\n\t.dword 0\n');
    const r = await verify(a, b);
    expect(r.f.verdict).not.toBe('equivalent');
  });
});
