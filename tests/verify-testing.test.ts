// Equivalence by testing on the interpreter: agreement, counterexamples, ABI checks.
import { describe, expect, it } from 'vitest';
import type { Isa } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { conventionFor } from '../src/abi/conventions.js';
import { buildProgram } from '../src/program/build.js';
import { FunctionRunner } from '../src/verify/concrete.js';
import { buildImage, SharedSymbols } from '../src/verify/image.js';
import { semanticsFor } from '../src/verify/semantics.js';
import { DEFAULT_PROTOTYPE, testEquivalence, type Side } from '../src/verify/testing.js';

function side(label: string, isa: Isa, text: string, shared: SharedSymbols, base: bigint): Side {
  const parsed = parseAsm(text, `${label}.s`, isa);
  expect(parsed.diagnostics).toEqual([]);
  const program = buildProgram(parsed.file);
  const machine = { program, image: buildImage(program, base, shared), semantics: semanticsFor(isa), convention: conventionFor(isa) };
  return { label, machine, runner: new FunctionRunner(machine), fn: 'f' };
}

function compare(a: string, b: string) {
  const shared = new SharedSymbols();
  return testEquivalence(
    side('A', 'riscv64', a, shared, 0x1000_0000n),
    side('B', 'riscv64', b, shared, 0x2000_0000n),
    DEFAULT_PROTOTYPE,
    200,
    1,
    { maxSteps: 10_000, maxDepth: 16 },
  );
}

const fn = (body: string) => `\t.globl f\n\t.type f, @function\nf:\n${body}\n\t.size f, .-f\n`;

describe('testing equivalence on the interpreter', () => {
  it('agrees on equivalent code written differently', () => {
    const r = compare(fn('\tadd a0,a0,a1\n\tret'), fn('\tmv a5,a1\n\tadd a0,a5,a0\n\tret'));
    expect(r.counterexample).toBeUndefined();
    expect(r.agreed).toBe(200);
  });

  it('finds a counterexample for a wrong operation', () => {
    const r = compare(fn('\tadd a0,a0,a1\n\tret'), fn('\tsub a0,a0,a1\n\tret'));
    expect(r.counterexample?.what).toMatch(/^results differ/);
  });

  it('catches an unrestored callee-saved register', () => {
    const r = compare(fn('\tadd a0,a0,a1\n\tret'), fn('\tmv s1,a0\n\tadd a0,s1,a1\n\tret'));
    expect(r.counterexample?.what).toBe('B does not preserve x9');
  });

  it('catches a different store and a store the other side does not make', () => {
    expect(compare(fn('\tsd a1,0(a0)\n\tret'), fn('\tsd a1,8(a0)\n\tret')).counterexample?.what).toMatch(/^memory at .* differs/);
    expect(compare(fn('\tsw a1,0(a0)\n\tret'), fn('\tsd a1,0(a0)\n\tret')).counterexample?.what).toMatch(/unwritten/);
  });

  it('ignores the callee frame but not memory outside it', () => {
    const spill = fn('\taddi sp,sp,-16\n\tsd a0,8(sp)\n\tld a0,8(sp)\n\taddi sp,sp,16\n\tret');
    expect(compare(fn('\tret'), spill).counterexample).toBeUndefined();
    const leak = fn('\tsd a0,16(sp)\n\tret'); // writes the caller's frame
    expect(compare(fn('\tret'), leak).counterexample?.what).toMatch(/^memory at/);
  });

  it('catches a return to the wrong place and a wrong branch', () => {
    expect(compare(fn('\tret'), fn('\tmv ra,a0\n\tret')).counterexample?.what).toMatch(/bad-return/);
    const branchy = (cond: string) => fn(`\t${cond} a0,a1,.L2\n\tli a0,1\n\tret\n.L2:\n\tli a0,2\n\tret`);
    expect(compare(branchy('beq'), branchy('bne')).counterexample?.what).toMatch(/^results differ/);
  });

  it('skips every run, and says why, when an instruction cannot be modelled', () => {
    // Reading the accrued FP exception flags is deliberately unmodelled.
    const r = compare(fn('\tret'), fn('\tfrflags a0\n\tret'));
    expect(r.counterexample).toBeUndefined();
    expect(r.agreed).toBe(0);
    expect(r.skipped.count).toBe(200);
    expect(r.skipped.reasons.join('\n')).toMatch(/frflags/);
  });
});
