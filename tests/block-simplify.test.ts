// Target addresses matched with source access addresses (block-simplify.ts,
// MemorySimplifier.withSourceAddresses): a target that computes an address
// another way than the source proves, with the rewrite counted in the
// detail, and every wrong translation of the same shape (wrong scale, wrong
// offset, wrong width, a store into the private slot) is still refuted.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockTranslation, MappedBits, StateMapping } from '../src/translate/contract.js';
import { verifyBlockDetailed } from '../src/verify/block.js';
import { blockCode } from './support/block-fixture.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

const regs: MappedBits[] = ['x0:x10', 'x1:x11', 'x3:x13', 'sp:x2'].map((p) => {
  const [s, t] = p.split(':') as [string, string];
  return { src: s, to: { kind: 'reg', name: t } };
});
/** x4 lives in the translator's private slot, as the rules keep registers they run out of. */
const spilled: MappedBits = { src: 'x4', to: { kind: 'mem', symbol: '.Lspill', offset: 8, bytes: 8 } };
const mapping: StateMapping = { facts: [...regs, spilled] };

/** Source: store w0 at x3 + sxtw(w1) * 4, then x4 is read back from memory untouched. */
const SOURCE = 'sxtw x2, w1; lsl x2, x2, 2; add x2, x3, x2; str w0, [x2]; ldr w5, [sp, 16]; str w5, [sp, 24]';

async function check(tgt: string, opts: { layoutSimplify?: boolean } = {}) {
  const block: BlockTranslation = {
    blockId: 0,
    labels: ['.Lb'],
    source: code('aarch64', SOURCE),
    target: code('riscv64', tgt),
    entry: mapping,
    calls: [],
    exits: [{ kind: 'fallthrough', label: '.Lnext', mapping }],
    rules: ['test'],
  };
  return verifyBlockDetailed(
    { srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas: [{ symbol: '.Lspill', bytes: 16 }], runs: 100, seed: 7, timeoutMs: 10_000 },
    opts,
  );
}

describe('target addresses matched with source addresses', () => {
  it('an address computed with shifts instead of sxtw proves, through the rewrite', async () => {
    const r = await check('slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sw a0, 0(t0); lw t1, 16(sp); sw t1, 24(sp)');
    expect(r.status).toEqual({ status: 'proven' });
    expect(r.detail.addressesUnified).toBeGreaterThanOrEqual(1);
  });

  it('the same block with the layout rewrites turned off is never refuted', async () => {
    const r = await check('slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sw a0, 0(t0); lw t1, 16(sp); sw t1, 24(sp)', { layoutSimplify: false });
    expect(r.status.status).not.toBe('refuted');
  });

  const wrong: [string, string][] = [
    ['the wrong scale', 'slli t0, a1, 32; srai t0, t0, 29; add t0, a3, t0; sw a0, 0(t0); lw t1, 16(sp); sw t1, 24(sp)'],
    ['zero- instead of sign-extension', 'slli t0, a1, 32; srli t0, t0, 30; add t0, a3, t0; sw a0, 0(t0); lw t1, 16(sp); sw t1, 24(sp)'],
    ['the wrong offset', 'slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sw a0, 4(t0); lw t1, 16(sp); sw t1, 24(sp)'],
    ['the wrong width (the high half too)', 'slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sd a0, 0(t0); lw t1, 16(sp); sw t1, 24(sp)'],
    ['the wrong stack slot read', 'slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sw a0, 0(t0); lw t1, 20(sp); sw t1, 24(sp)'],
    ['a store into the private slot', 'slli t0, a1, 32; srai t0, t0, 30; add t0, a3, t0; sw a0, 0(t0); lla t2, .Lspill; sw a0, 8(t2); lw t1, 16(sp); sw t1, 24(sp)'],
  ];
  for (const [what, tgt] of wrong)
    it(`${what} is refuted`, async () => {
      const r = await check(tgt);
      expect(r.status.status).toBe('refuted');
    });
});

/** A q register kept in a 16-byte private slot, copied through it the way the rules copy structs. */
const vSlot: MappedBits = { src: 'v0', to: { kind: 'mem', symbol: '.Lspill', offset: 0, bytes: 16 } };
const qMapping: StateMapping = { facts: [...regs, vSlot] };

async function checkQ(tgt: string) {
  const block: BlockTranslation = {
    blockId: 0,
    labels: ['.Lq'],
    source: code('aarch64', 'ldr q0, [x1]; str q0, [x0, 16]; ldr x3, [x1, 8]'),
    target: code('riscv64', tgt),
    entry: qMapping,
    calls: [],
    exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: qMapping }],
    rules: ['test'],
  };
  return verifyBlockDetailed({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas: [{ symbol: '.Lspill', bytes: 32 }], runs: 100, seed: 7, timeoutMs: 10_000 });
}

const Q_COPY = 'lla t1, .Lspill; ld t0, 0(a1); sd t0, 0(t1); ld t0, 8(a1); sd t0, 8(t1); ld t0, 0(t1); sd t0, 16(a0); ld t0, 8(t1); sd t0, 24(a0); ld a3, 8(a1)';

describe('16-byte loads and stores as 8-byte halves', () => {
  it('a q-register copy through its private slot proves', async () => {
    const r = await checkQ(Q_COPY);
    expect(r.status).toEqual({ status: 'proven' });
  });

  const wrong: [string, string][] = [
    ['the halves swapped in memory', Q_COPY.replace('sd t0, 16(a0)', 'sd t0, 24(a0)').replace('sd t0, 24(a0); ld a3', 'sd t0, 16(a0); ld a3')],
    ['the halves swapped in the slot', Q_COPY.replace('sd t0, 0(t1); ld t0, 8(a1); sd t0, 8(t1)', 'sd t0, 8(t1); ld t0, 8(a1); sd t0, 0(t1)')],
    ['the high half read from the wrong offset', Q_COPY.replace('ld t0, 8(a1)', 'ld t0, 16(a1)')],
    ['only the low half copied to memory', Q_COPY.replace('ld t0, 8(t1); sd t0, 24(a0); ', '')],
    ['the reload after the copy from the wrong lane', Q_COPY.replace('ld a3, 8(a1)', 'ld a3, 0(a1)')],
  ];
  for (const [what, tgt] of wrong)
    it(`${what} is refuted`, async () => {
      expect(tgt).not.toBe(Q_COPY);
      const r = await checkQ(tgt);
      expect(r.status.status).toBe('refuted');
    });
});
