// Caller-saved registers across calls to the program's own functions
// (gcc -fipa-ra): the verifier keeps a register only when the callee, read
// from the source program itself, can never write it. Every way the callee
// might write it (directly, through a local callee or a tail call, through
// an external or computed call) must make the same block fail.
import { afterAll, describe, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import type { AsmProgram } from '../src/program/model.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, MappedBits } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { blockCode, registerMapping } from './support/block-fixture.js';
import { calleeWrites } from '../src/verify/block-callee-writes.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

const map = registerMapping;

/** A source program with the function `leaf` (body given) and helpers it may call. */
function program(leafBody: string): AsmProgram {
  const text = [
    '\t.text',
    '\t.global leaf', '\t.type leaf, %function', 'leaf:', ...leafBody.split(';').map((l) => `\t${l.trim()}`), '\t.size leaf, .-leaf',
    '\t.global writes_x9', '\t.type writes_x9, %function', 'writes_x9:', '\tmov x9, 5', '\tret', '\t.size writes_x9, .-writes_x9',
    '\t.global pure', '\t.type pure, %function', 'pure:', '\tadd x0, x0, 1', '\tret', '\t.size pure, .-pure',
  ].join('\n') + '\n';
  const parsed = parseAsm(text, 'prog.s', 'aarch64');
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return buildProgram(parsed.file);
}

/**
 * The caller keeps x9 across `bl leaf`. On the target x9's value lives in
 * s1 (callee-saved there, so the target keeps it by convention); the source
 * keeps it only if `leaf` never writes x9.
 */
async function keepX9(prog: AsmProgram | undefined, src = 'mov x9, x19; bl leaf; add x0, x0, x9', reg = 'x9'): Promise<BlockStatus> {
  return verifyBlock({
    srcIsa: 'aarch64',
    tgtIsa: 'riscv64',
    block: {
      blockId: 0,
      labels: ['.Lb'],
      source: code('aarch64', src),
      target: code('riscv64', 'mv s1, s2; call leaf; add a0, a0, s1'),
      entry: map('x0:x10 x19:x18 sp:x2 x30:x1'),
      calls: [{ callee: 'leaf', external: false, before: map('x0:x10 sp:x2'), after: map(`x0:x10 ${reg}:x9 x19:x18 sp:x2`) }],
      exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: map('x0:x10 x19:x18 sp:x2') }],
      rules: ['test'],
    },
    privateAreas: [],
    ...(prog ? { sourceProgram: prog } : {}),
    runs: 100,
    seed: 5,
    timeoutMs: 10_000,
  });
}

describe('callee write sets, from the source program', () => {
  it('direct writes, calls to local functions, tail calls; external and computed transfers are everything', () => {
    const w = (body: string) => calleeWrites(program(body), 'aarch64').get('leaf');
    const set = (x: ReturnType<typeof w>) => (x === 'everything' || x === undefined ? x : [...x].sort());
    expect(set(w('add x0, x0, 1; ret'))).toEqual(['x0']);
    expect(set(w('cmp x0, 1; ret'))).toEqual(['c', 'n', 'v', 'z']);
    expect(set(w('bl writes_x9; ret'))).toEqual(['x30', 'x9']);
    expect(set(w('b writes_x9'))).toEqual(['x9']);
    expect(w('bl puts; ret')).toBe('everything');
    expect(w('blr x3; ret')).toBe('everything');
    expect(w('b puts')).toBe('everything');
  });

  it('a weak definition may be replaced at link time: everything', () => {
    const parsed = parseAsm('\t.text\n\t.weak leaf\n\t.type leaf, %function\nleaf:\n\tret\n\t.size leaf, .-leaf\n', 'w.s', 'aarch64');
    expect(calleeWrites(buildProgram(parsed.file), 'aarch64').get('leaf')).toBe('everything');
  });

  it('recursion settles', () => {
    expect([...(calleeWrites(program('mov x2, 1; bl leaf; ret'), 'aarch64').get('leaf') as Set<string>)].sort()).toEqual(['x2', 'x30']);
  });
});

describe('block verifier: registers kept across calls to local functions', () => {
  it('kept when the callee never writes it', async () => {
    expect(await keepX9(program('add x0, x0, 1; ret'))).toEqual({ status: 'proven' });
    expect(await keepX9(program('bl pure; ret'))).toEqual({ status: 'proven' });
  });

  it('not kept without the source program (every call clobbers caller-saved registers)', async () => {
    expect((await keepX9(undefined)).status).toBe('refuted');
  });

  it('not kept when the callee writes it, directly or through a call or tail call', async () => {
    expect((await keepX9(program('mov x9, 1; add x0, x0, 1; ret'))).status).toBe('refuted');
    expect((await keepX9(program('bl writes_x9; ret'))).status).toBe('refuted');
    expect((await keepX9(program('b writes_x9'))).status).toBe('refuted');
  });

  it('not kept when the callee calls outside the program or through a register', async () => {
    expect((await keepX9(program('bl puts; ret'))).status).toBe('refuted');
    expect((await keepX9(program('blr x3; ret'))).status).toBe('refuted');
  });

  it('x16 and x17 are never kept (linker veneers)', async () => {
    expect((await keepX9(program('add x0, x0, 1; ret'), 'mov x16, x19; bl leaf; add x0, x0, x16', 'x16')).status).toBe('refuted');
  });

  it('a promise naming the local function for an indirect call is refused', async () => {
    expect((await keepX9(program('add x0, x0, 1; ret'), 'mov x9, x19; blr x4; add x0, x0, x9')).status).toBe('refused');
  });
});

describe('vector registers kept across calls to local functions', () => {
  const P = '__tp_private';
  const slot: MappedBits = { src: 'v1', to: { kind: 'mem', symbol: P, offset: 0, bytes: 16 } };
  const low: MappedBits = { src: 'v1', bits: { hi: 63, lo: 0 }, to: { kind: 'reg', name: 'x11', bits: { hi: 63, lo: 0 } } };
  /** v1 lives in a 16-byte private slot; the call's `after` mapping also pairs its low half with fa1 (f11). */
  const run = (prog: AsmProgram | undefined, tgt: string) =>
    verifyBlock({
      srcIsa: 'aarch64',
      tgtIsa: 'riscv64',
      block: {
        blockId: 0, labels: ['.Lb'], source: code('aarch64', 'bl leaf'), target: code('riscv64', tgt),
        entry: { facts: [...map('x0:x10 sp:x2 x30:x1').facts, slot] },
        calls: [{ callee: 'leaf', external: false, before: map('x0:x10 sp:x2'), after: { facts: [...map('x0:x10 sp:x2').facts, { ...low, to: { kind: 'reg', name: 'f11', bits: { hi: 63, lo: 0 } } }, slot] } }],
        exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: { facts: [...map('x0:x10 sp:x2').facts, slot] } }],
        rules: ['test'],
      },
      privateAreas: [{ symbol: P, bytes: 32 }],
      ...(prog ? { sourceProgram: prog } : {}),
      runs: 100,
      seed: 5,
      timeoutMs: 10_000,
    });

  it('kept in its slot when the callee never writes it', async () => {
    const r = await run(program('add x0, x0, 1; ret'), 'call leaf');
    expect(r, JSON.stringify(r)).toEqual({ status: 'proven' });
  });

  it('not kept when the callee writes it, or without the program', async () => {
    expect((await run(program('fmov d1, xzr; ret'), 'call leaf')).status).toBe('refuted');
    expect((await run(undefined, 'call leaf')).status).toBe('refuted');
  });

  it('the target register it was paired with is not assumed to survive: storing it back is refuted', async () => {
    expect((await run(program('add x0, x0, 1; ret'), `call leaf; lla t0, ${P}; fsd fa1, 0(t0)`)).status).toBe('refuted');
  });
});

describe('integer registers paired with a caller-saved target register', () => {
  /** x3 is kept across `bl leaf`; the `after` mapping pairs it with a3 (caller-saved on RISC-V). */
  const run = (prog: AsmProgram | undefined, tgt: string) =>
    verifyBlock({
      srcIsa: 'aarch64',
      tgtIsa: 'riscv64',
      block: {
        blockId: 0, labels: ['.Lb'], source: code('aarch64', 'mov x3, x19; bl leaf; mov x0, x3'), target: code('riscv64', tgt),
        entry: map('x0:x10 x19:x18 sp:x2 x30:x1'),
        calls: [{ callee: 'leaf', external: false, before: map('x0:x10 x3:x13 sp:x2'), after: map('x0:x10 x3:x13 x19:x18 sp:x2') }],
        exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: map('x0:x10 x19:x18 sp:x2') }],
        rules: ['test'],
      },
      privateAreas: [],
      ...(prog ? { sourceProgram: prog } : {}),
      runs: 100,
      seed: 5,
      timeoutMs: 10_000,
    });

  it('the target reading its own copy (a3) proves under the shared pairing', async () => {
    expect(await run(program('add x0, x0, 1; ret'), 'mv a3, s2; call leaf; mv a0, a3')).toEqual({ status: 'proven' });
  });

  it('the target recomputing the value from a callee-saved register proves under the unpaired model', async () => {
    expect(await run(program('add x0, x0, 1; ret'), 'mv a3, s2; call leaf; mv a0, s2')).toEqual({ status: 'proven' });
  });

  it('neither model helps when the callee writes x3, or without the program', async () => {
    expect((await run(program('mov x3, 7; ret'), 'mv a3, s2; call leaf; mv a0, s2')).status).toBe('refuted');
    expect((await run(undefined, 'mv a3, s2; call leaf; mv a0, s2')).status).toBe('refuted');
  });

  it('a wrong value is refuted under both', async () => {
    expect((await run(program('add x0, x0, 1; ret'), 'mv a3, s2; call leaf; addi a0, s2, 1')).status).toBe('refuted');
  });
});
