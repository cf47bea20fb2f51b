// The block verifier under a state mapping: hand-written AArch64 blocks and
// RISC-V candidates. Correct translations prove; every wrong one is refuted
// (or at least never proven); nonsense requests are refused.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, BlockTranslation, CallPromise, ExitPromise, MappedBits, StateMapping } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { blockCode } from './support/block-fixture.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

/** `x0:x10 x1:x11 sp:x2` -> facts; `w0` style entries take the low 32 bits. */
function map(spec: string, targetOnly?: StateMapping['targetOnly']): StateMapping {
  const facts: MappedBits[] = spec
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => {
      const [s, t] = p.split(':') as [string, string];
      if (t.startsWith('=')) return { src: s, to: { kind: 'const', value: BigInt(t.slice(1)) } };
      return { src: s, to: { kind: 'reg', name: t } };
    });
  return targetOnly ? { facts, targetOnly } : { facts };
}

const ARGS = 'x0:x10 x1:x11 x2:x12 x3:x13 sp:x2 x30:x1 x19:x9';

interface Spec {
  src: string;
  tgt: string;
  entry?: StateMapping;
  exits: ExitPromise[];
  calls?: CallPromise[];
  localLabels?: { name: string; before: number }[];
  privateAreas?: { symbol: string; bytes: number }[];
  sourceSteps?: number[];
  noProof?: boolean;
}

async function check(s: Spec): Promise<BlockStatus> {
  const block: BlockTranslation = {
    blockId: 0,
    labels: ['.Lb'],
    source: code('aarch64', s.src),
    target: code('riscv64', s.tgt),
    entry: s.entry ?? map(ARGS),
    calls: s.calls ?? [],
    exits: s.exits,
    rules: ['test'],
    ...(s.localLabels ? { localLabels: s.localLabels } : {}),
    ...(s.sourceSteps ? { sourceSteps: s.sourceSteps } : {}),
  };
  return verifyBlock({
    srcIsa: 'aarch64',
    tgtIsa: 'riscv64',
    block,
    privateAreas: s.privateAreas ?? [],
    runs: 100,
    seed: 7,
    timeoutMs: 10_000,
    ...(s.noProof ? { noProof: true } : {}),
  });
}

const fall = (m: string, label = '.Lnext'): ExitPromise => ({ kind: 'fallthrough', label, mapping: map(m) });

describe('block verifier: correct translations prove', () => {
  it('a 64-bit add', async () => {
    expect(await check({ src: 'add x0, x0, x1', tgt: 'add a0, a0, a1', exits: [fall(ARGS)] })).toEqual({ status: 'proven' });
  });

  it('a 32-bit add with its zero-extension', async () => {
    const r = await check({ src: 'add w0, w0, w1', tgt: 'addw a0, a0, a1; slli a0, a0, 32; srli a0, a0, 32', exits: [fall(ARGS)] });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a signed compare and branch, both successors', async () => {
    const r = await check({
      src: 'cmp x0, x1; b.lt .L3',
      tgt: 'blt a0, a1, .L3; j .L4',
      exits: [
        { kind: 'taken', label: '.L3', mapping: map(ARGS) },
        { kind: 'not-taken', label: '.L4', mapping: map(ARGS) },
      ],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a store and a load', async () => {
    const r = await check({ src: 'str x0, [x1, 8]; ldr w2, [x1, 12]', tgt: 'sd a0, 8(a1); lwu a2, 12(a1)', exits: [fall(ARGS)] });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a return through the mapped return address', async () => {
    expect(await check({ src: 'ret', tgt: 'ret', exits: [{ kind: 'return', mapping: map('x0:x10 sp:x2 x19:x9') }] })).toEqual({ status: 'proven' });
  });

  it('csel lowered with a branch to a local label', async () => {
    const r = await check({
      src: 'cmp x0, x1; csel x2, x0, x1, hi',
      tgt: 'mv a2, a0; bltu a1, a0, .Lt0; mv a2, a1',
      localLabels: [{ name: '.Lt0', before: 3 }],
      exits: [fall('x0:x10 x1:x11 x2:x12')],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a spill slot in a private area is not program memory', async () => {
    const r = await check({
      src: 'add x0, x0, x1',
      tgt: 'lla t0, .Lspill; sd a1, 0(t0); add a0, a0, a1',
      privateAreas: [{ symbol: '.Lspill', bytes: 16 }],
      exits: [fall('x0:x10 x1:x11')],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a value kept in a spill slot across the exit', async () => {
    const spill = { src: 'x3', to: { kind: 'mem' as const, symbol: '.Lspill', offset: 8, bytes: 8 } };
    const r = await check({
      src: 'add x3, x3, 1',
      tgt: 'lla t0, .Lspill; ld t1, 8(t0); addi t1, t1, 1; sd t1, 8(t0)',
      entry: { facts: [spill] },
      privateAreas: [{ symbol: '.Lspill', bytes: 16 }],
      exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: { facts: [spill] } }],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a call: arguments before, results and callee-saved registers after', async () => {
    const r = await check({
      src: 'mov x0, x19; bl foo; add x0, x0, 1',
      tgt: 'mv a0, s1; call foo; addi a0, a0, 1',
      calls: [{ callee: 'foo', external: true, before: map('x0:x10 sp:x2'), after: map('x0:x10 x19:x9 sp:x2') }],
      exits: [fall('x0:x10 x19:x9 sp:x2 x30:x1')],
    });
    expect(r).toEqual({ status: 'proven' });
  });
});

describe('block verifier: calls', () => {
  it('caller-saved registers paired by the after mapping hold the same value on both sides', async () => {
    const r = await check({
      src: 'bl foo; mov x0, x2',
      tgt: 'call foo; mv a0, a2',
      calls: [{ callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x10 x2:x12 sp:x2') }],
      exits: [fall('x0:x10 sp:x2')],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('unpaired caller-saved registers are independent after a call', async () => {
    const r = await check({
      src: 'bl foo; mov x0, x2',
      tgt: 'call foo; mv a0, a2',
      calls: [{ callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x10 sp:x2') }],
      exits: [fall('x0:x10 sp:x2')],
    });
    expect(r.status).toBe('refuted');
  });
});

describe('block verifier: wrong translations are refuted', () => {
  const refuted = (r: BlockStatus) => {
    expect(r.status).toBe('refuted');
    return r.status === 'refuted' ? r.counterexample : '';
  };

  it('a wrong register', async () => {
    refuted(await check({ src: 'add x0, x0, x1', tgt: 'add a0, a0, a2', exits: [fall(ARGS)] }));
  });

  it('addw without the zero-extension', async () => {
    const cex = refuted(await check({ src: 'add w0, w0, w1', tgt: 'addw a0, a0, a1', exits: [fall(ARGS)] }));
    expect(cex).toMatch(/x0 -> x10/);
  });

  const branch = (tgt: string) =>
    check({
      src: 'cmp x0, x1; b.lt .L3',
      tgt,
      exits: [
        { kind: 'taken', label: '.L3', mapping: map(ARGS) },
        { kind: 'not-taken', label: '.L4', mapping: map(ARGS) },
      ],
    });
  it('an unsigned condition for a signed one', async () => refuted(await branch('bltu a0, a1, .L3; j .L4')));
  it('swapped branch targets', async () => refuted(await branch('blt a0, a1, .L4; j .L3')));
  it('a wrong exit label', async () => refuted(await branch('blt a0, a1, .L5; j .L4')));
  it('the inverse condition', async () => refuted(await branch('bge a0, a1, .L3; j .L4')));

  it('a missing store', async () => {
    refuted(await check({ src: 'str x0, [x1]', tgt: 'nop', exits: [fall(ARGS)] }));
  });

  it('a wrong store width', async () => {
    refuted(await check({ src: 'str x0, [x1]', tgt: 'sw a0, 0(a1)', exits: [fall(ARGS)] }));
  });

  it('a clobbered callee-saved register', async () => {
    refuted(await check({ src: 'add x0, x0, x1', tgt: 'add a0, a0, a1; li s1, 0', exits: [fall(ARGS)] }));
  });

  it('a false claim in the exit mapping', async () => {
    refuted(await check({ src: 'add x0, x0, x1', tgt: 'add a0, a0, a1', exits: [fall('x0:x10 x4:x14')] }));
    refuted(await check({ src: 'mov x0, 1', tgt: 'li a0, 1', exits: [fall('x0:=2')] }));
  });

  it('a false target-only claim', async () => {
    refuted(await check({ src: 'mov x0, 1', tgt: 'li a0, 1', exits: [{ kind: 'fallthrough', label: '.Ln', mapping: map('x0:x10', [{ place: { kind: 'reg', name: 'x5' }, value: 0n }]) }] }));
  });

  it('a call with a wrong argument', async () => {
    refuted(
      await check({
        src: 'mov x0, x19; bl foo',
        tgt: 'mv a0, s2; call foo',
        calls: [{ callee: 'foo', external: true, before: map('x0:x10 sp:x2'), after: map('x0:x10 sp:x2') }],
        exits: [fall('x0:x10 sp:x2')],
      }),
    );
  });

  it('a call result claimed in the wrong register', async () => {
    refuted(
      await check({
        src: 'bl foo',
        tgt: 'call foo',
        calls: [{ callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x12 sp:x2') }],
        exits: [fall('x0:x12 sp:x2')],
      }),
    );
  });

  it('a call to the wrong callee', async () => {
    refuted(
      await check({
        src: 'bl foo',
        tgt: 'call bar',
        calls: [{ callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x10 sp:x2') }],
        exits: [fall('x0:x10 sp:x2')],
      }),
    );
  });

  it('a callee-saved value kept in a caller-saved register across a call', async () => {
    const r = await check({
      src: 'bl foo; mov x0, x19',
      tgt: 'mv t1, s1; call foo; mv a0, t1',
      calls: [{ callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x10 sp:x2') }],
      exits: [fall('x0:x10 sp:x2')],
    });
    expect(r.status).toBe('refuted');
  });

  it('a store to program memory where the source wrote nothing', async () => {
    refuted(await check({ src: 'add x0, x0, x1', tgt: 'sd a1, 0(a2); add a0, a0, a1', exits: [fall('x0:x10 x1:x11')] }));
  });

  it('the one input random testing misses is found by Z3 and replayed', async () => {
    const r = await check({ src: 'mov x0, x1', tgt: 'mv a0, a1; li t0, 0x12345678; bne a1, t0, .Lok; li a0, 0', localLabels: [{ name: '.Lok', before: 4 }], exits: [fall('x0:x10 x1:x11')] });
    const cex = refuted(r);
    expect(cex).toMatch(/Z3, replayed/);
    expect(cex).toMatch(/s\.x1=0x12345678/);
  });

  it('a wrong return address', async () => {
    const r = await check({ src: 'ret', tgt: 'mv ra, a0; ret', exits: [{ kind: 'return', mapping: map('sp:x2') }] });
    expect(r.status).toBe('refuted');
  });
});

describe('block verifier: refusals', () => {
  const refused = (r: BlockStatus) => expect(r.status).toBe('refused');
  it('an unknown component', async () => refused(await check({ src: 'nop', tgt: 'nop', entry: map('x40:x10'), exits: [fall('')] })));
  it('widths that differ', async () => refused(await check({ src: 'nop', tgt: 'nop', entry: { facts: [{ src: 'v0', to: { kind: 'reg', name: 'x10' } }] }, exits: [fall('')] })));
  it('sourceSteps that do not add up', async () => refused(await check({ src: 'nop', tgt: 'nop; nop', sourceSteps: [1], exits: [fall('')] })));
  it('no promise for an exit the source takes', async () => refused(await check({ src: 'b .L9', tgt: 'j .L9', exits: [fall('')] })));
  it('overlapping claims on one target register', async () => refused(await check({ src: 'nop', tgt: 'nop', entry: map('x0:x10 x1:x10'), exits: [fall('')] })));
  it('a loop inside the target', async () => refused(await check({ src: 'nop', tgt: 'nop; j .Lt', localLabels: [{ name: '.Lt', before: 0 }], exits: [fall('')] })));
  it('an argument passed in the wrong register', async () =>
    refused(await check({ src: 'bl foo', tgt: 'call foo', calls: [{ callee: 'foo', external: true, before: map('x0:x11 sp:x2'), after: map('sp:x2') }], exits: [fall('')] })));
  it('a spill slot outside any private area', async () =>
    refused(await check({ src: 'nop', tgt: 'nop', entry: { facts: [{ src: 'x3', to: { kind: 'mem', symbol: 'buf', offset: 0, bytes: 8 } }] }, exits: [fall('')] })));
});

describe('block verifier: 64-bit division chains prove within the default timeout', () => {
  const entry = map('x0:x10 x1:x11');
  const exits = [fall('x0:x10 x1:x11 x2:x12 x3:x13')];
  // AArch64 divides by zero to 0, RISC-V to -1: the mask fixes it; rem already gives the dividend.
  const fixQ = 'seqz t0, a1; addi t0, t0, -1; and a2, a2, t0';

  it('sdiv + msub against div/rem', async () => {
    const r = await check({ src: 'sdiv x2, x0, x1; msub x3, x2, x1, x0', tgt: `div a2, a0, a1; rem a3, a0, a1; ${fixQ}`, entry, exits });
    expect(r).toEqual({ status: 'proven' });
  });

  it('udiv + msub against divu/remu', async () => {
    const r = await check({ src: 'udiv x2, x0, x1; msub x3, x2, x1, x0', tgt: `divu a2, a0, a1; remu a3, a0, a1; ${fixQ}`, entry, exits });
    expect(r).toEqual({ status: 'proven' });
  });

  it('remainder only, through a temporary', async () => {
    const r = await check({ src: 'sdiv x2, x0, x1; msub x3, x2, x1, x0', tgt: `rem a3, a0, a1; div a2, a0, a1; ${fixQ}`, entry, exits });
    expect(r).toEqual({ status: 'proven' });
  });

  it('a missing zero-divisor fix is refuted', async () => {
    const r = await check({ src: 'sdiv x2, x0, x1; msub x3, x2, x1, x0', tgt: 'div a2, a0, a1; rem a3, a0, a1', entry, exits });
    expect(r.status).toBe('refuted');
  });

  it('a signed remainder for an unsigned one is refuted', async () => {
    const r = await check({ src: 'udiv x2, x0, x1; msub x3, x2, x1, x0', tgt: `divu a2, a0, a1; rem a3, a0, a1; ${fixQ}`, entry, exits });
    expect(r.status).toBe('refuted');
  });
});

describe('block verifier: cut points at sourceSteps boundaries', () => {
  const src = Array(8).fill('madd x0, x0, x1, x2; eor x0, x0, x0, lsr 7').join(';');
  const tgt = (shift: number) => Array(8).fill(`mul a0, a0, a1; add a0, a2, a0; srli t0, a0, ${shift}; xor a0, t0, a0`).join(';');
  const spec = (shift: number): Spec => ({
    src,
    tgt: tgt(shift),
    entry: map('x0:x10 x1:x11 x2:x12'),
    sourceSteps: Array(16).fill(2),
    exits: [fall('x0:x10 x1:x11 x2:x12')],
  });

  it('a multiply/xor chain proves through intermediate equalities', async () => {
    expect(await check(spec(7))).toEqual({ status: 'proven' });
  });

  it('the same chain with one wrong shift is refuted, never proven', async () => {
    expect((await check(spec(6))).status).toBe('refuted');
  });
});
