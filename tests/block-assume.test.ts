// Block-verifier gaps the translator found: bit ranges of memory places
// (NZCV packed into one private byte), the layout preconditions (private
// areas apart from the stack and from program symbols, distinct symbols
// apart from each other), and test inputs that respect partial entry
// mappings. Each correct translation proves; each wrong one is refuted.
import { afterAll, describe, expect, it } from 'vitest';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, BlockTranslation, ExitPromise, MappedBits, StateMapping, TargetPlace } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { blockCode } from './support/block-fixture.js';
import { missingClaims } from '../src/verify/block-lift.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

const reg = (src: string, name: string): MappedBits => ({ src, to: { kind: 'reg', name } });
const BASE: MappedBits[] = [reg('x0', 'x10'), reg('x1', 'x11'), reg('x2', 'x12'), reg('x3', 'x13'), reg('sp', 'x2'), reg('x30', 'x1')];
const FLAGS = '__tp_private';
const flagPlace = (bit: number): TargetPlace => ({ kind: 'mem', symbol: FLAGS, offset: 16, bytes: 1, bits: { hi: bit, lo: bit } });
/** NZCV packed as the translator packs them: n, z, c, v in bits 3, 2, 1, 0 of one byte. */
const PACKED: MappedBits[] = (['n', 'z', 'c', 'v'] as const).map((f, k) => ({ src: f, to: flagPlace(3 - k) }));
const PRIVATE = [{ symbol: FLAGS, bytes: 32 }];

async function check(src: string, tgt: string, entry: MappedBits[], exits: ExitPromise[], privateAreas = PRIVATE): Promise<BlockStatus> {
  const block: BlockTranslation = {
    blockId: 0, labels: ['.Lb'], source: code('aarch64', src), target: code('riscv64', tgt),
    entry: { facts: entry }, calls: [], exits, rules: ['test'],
  };
  return verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas, runs: 100, seed: 11, timeoutMs: 10_000 });
}

const mapping = (facts: MappedBits[]): StateMapping => ({ facts });
const fall = (facts: MappedBits[]): ExitPromise => ({ kind: 'fallthrough', label: '.Lnext', mapping: mapping(facts) });

describe('memory places with a bit range (packed flags)', () => {
  const branchExits = [
    { kind: 'taken', label: '.Lt', mapping: mapping(BASE) },
    { kind: 'not-taken', label: '.Lnext', mapping: mapping(BASE) },
  ] satisfies ExitPromise[];

  it('a b.eq on z read from bit 2 of the packed byte proves', async () => {
    const r = await check('b.eq .Lt', `lla t0, ${FLAGS}; lbu t1, 16(t0); andi t1, t1, 4; bnez t1, .Lt`, [...BASE, ...PACKED], branchExits);
    expect(r).toEqual({ status: 'proven' });
  });

  it('reading the wrong bit (n instead of z) is refuted', async () => {
    const r = await check('b.eq .Lt', `lla t0, ${FLAGS}; lbu t1, 16(t0); andi t1, t1, 8; bnez t1, .Lt`, [...BASE, ...PACKED], branchExits);
    expect(r.status).toBe('refuted');
  });

  it('a cmp whose z is packed into bit 2 at the exit proves; into bit 3 is refuted', async () => {
    const z = (bit: number): MappedBits => ({ src: 'z', to: flagPlace(bit) });
    const good = await check('cmp x0, x1', `sub t0, a0, a1; seqz t0, t0; slli t0, t0, 2; lla t1, ${FLAGS}; sb t0, 16(t1)`, BASE, [fall([...BASE, z(2)])]);
    expect(good).toEqual({ status: 'proven' });
    const bad = await check('cmp x0, x1', `sub t0, a0, a1; seqz t0, t0; slli t0, t0, 3; lla t1, ${FLAGS}; sb t0, 16(t1)`, BASE, [fall([...BASE, z(2)])]);
    expect(bad.status).toBe('refuted');
  });

  it('keeping the packed byte untouched keeps every flag', async () => {
    expect(await check('add x0, x0, x1', 'add a0, a0, a1', [...BASE, ...PACKED], [fall([...BASE, ...PACKED])])).toEqual({ status: 'proven' });
  });

  it('a flag that moves to another bit between entry and exit is refuted', async () => {
    const swapped = PACKED.map((f) => (f.src === 'n' ? { src: 'n', to: flagPlace(2) } : f.src === 'z' ? { src: 'z', to: flagPlace(3) } : f));
    expect((await check('add x0, x0, x1', 'add a0, a0, a1', [...BASE, ...PACKED], [fall([...BASE, ...swapped])])).status).toBe('refuted');
  });

  it('bit ranges outside the bytes, and overlapping slots, are refused', async () => {
    const outside: MappedBits = { src: 'z', to: { kind: 'mem', symbol: FLAGS, offset: 16, bytes: 1, bits: { hi: 8, lo: 8 } } };
    expect((await check('add x0, x0, x1', 'add a0, a0, a1', [...BASE, outside], [fall(BASE)])).status).toBe('refused');
    const word: MappedBits = { src: 'x3', to: { kind: 'mem', symbol: FLAGS, offset: 12, bytes: 8 } };
    expect((await check('add x0, x0, x1', 'add a0, a0, a1', [reg('x0', 'x10'), reg('x1', 'x11'), reg('sp', 'x2'), word, ...PACKED], [fall(BASE)])).status).toBe('refused');
  });

  it('edge mappings compare the bit range: n in bit 3 is not n in bit 2', () => {
    const exit = mapping([{ src: 'n', to: flagPlace(3) }]);
    expect(missingClaims('aarch64', 'riscv64', exit, mapping([{ src: 'n', to: flagPlace(2) }]))).toHaveLength(1);
    expect(missingClaims('aarch64', 'riscv64', exit, mapping([{ src: 'n', to: flagPlace(3) }]))).toHaveLength(0);
  });
});

describe('layout preconditions', () => {
  const spill: MappedBits = { src: 'x3', to: { kind: 'mem', symbol: FLAGS, offset: 0, bytes: 8 } };

  it('a private slot is apart from the stack: a target-only stack round trip does not clobber it', async () => {
    // Without the precondition Z3 may put __tp_private at sp+8, where the
    // target's save and restore of the stack slot would overwrite the spill.
    const tgt = `ld t1, 8(sp); lla t0, ${FLAGS}; sd a1, 0(t0); sd t1, 8(sp); ld a0, 0(t0)`;
    expect(await check('mov x0, x1', tgt, [...BASE.filter((f) => f.src !== 'x3')], [fall(BASE.filter((f) => f.src !== 'x3'))])).toEqual({ status: 'proven' });
    // The same round trip that really changes the stack is still refuted.
    const bad = `ld t1, 8(sp); lla t0, ${FLAGS}; sd a1, 0(t0); addi t1, t1, 1; sd t1, 8(sp); ld a0, 0(t0)`;
    expect((await check('mov x0, x1', bad, BASE.filter((f) => f.src !== 'x3'), [fall(BASE.filter((f) => f.src !== 'x3'))])).status).toBe('refuted');
  });

  it('a private slot is apart from program symbols', async () => {
    // A target-only round trip through symbol g while a spill is live; were
    // g inside the private area, restoring g would clobber the spill.
    const entry = BASE.filter((f) => f.src !== 'x3');
    const tgt = `lla t2, g; ld t1, 0(t2); lla t0, ${FLAGS}; sd a1, 0(t0); sd t1, 0(t2); ld a0, 0(t0)`;
    expect(await check('mov x0, x1', tgt, entry, [fall(entry)])).toEqual({ status: 'proven' });
    // Keeping x3's spill slot across a store to g needs the same precondition.
    const spilled = [...entry, spill];
    expect(await check('adrp x1, g; add x1, x1, :lo12:g; str x0, [x1]', 'lla a1, g; sd a0, 0(a1)', spilled, [fall(spilled)])).toEqual({ status: 'proven' });
  });

  it('distinct symbols do not alias: a reordered store and load prove', async () => {
    const src = 'adrp x0, a; add x0, x0, :lo12:a; adrp x1, b; add x1, x1, :lo12:b; str x2, [x0]; ldr x3, [x1]';
    const tgt = 'lla a0, a; lla a1, b; ld a3, 0(a1); sd a2, 0(a0)';
    expect(await check(src, tgt, BASE, [fall(BASE)], [])).toEqual({ status: 'proven' });
    // The same reordering over one symbol really differs (the load sees the store).
    const same = 'adrp x0, a; add x0, x0, :lo12:a; adrp x1, a; add x1, x1, :lo12:a; str x2, [x0]; ldr x3, [x1]';
    const reordered = 'lla a0, a; lla a1, a; ld a3, 0(a1); sd a2, 0(a0)';
    expect((await check(same, reordered, BASE, [fall(BASE)], [])).status).toBe('refuted');
  });

  it('accesses at constant offsets widen a symbol: a[8] and b do not overlap either', async () => {
    const src = 'adrp x0, a; add x0, x0, :lo12:a; adrp x1, b; add x1, x1, :lo12:b; str x2, [x0, 8]; ldr x3, [x1]';
    const tgt = 'lla a0, a; lla a1, b; ld a3, 0(a1); sd a2, 8(a0)';
    expect(await check(src, tgt, BASE, [fall(BASE)], [])).toEqual({ status: 'proven' });
  });
});

describe('loads resolved under the layout preconditions stay sound', () => {
  it('a constant table copied to the stack through a private spill proves', async () => {
    // The shape that timed out at 5 s per obligation in float_convert.s's main.
    const entry = BASE.filter((f) => f.src !== 'x3');
    const slot: MappedBits = { src: 'x3', to: { kind: 'mem', symbol: FLAGS, offset: 8, bytes: 8 } };
    const src = 'adrp x1, tab; add x1, x1, :lo12:tab; ldp x2, x3, [x1]; stp x2, x3, [sp, 16]';
    const tgt = `lla a1, tab; ld a2, 0(a1); lla t0, ${FLAGS}; ld t1, 8(a1); sd t1, 8(t0); sd a2, 16(sp); ld t1, 8(t0); sd t1, 24(sp)`;
    expect(await check(src, tgt, entry, [fall([...entry, slot])])).toEqual({ status: 'proven' });
  });

  it('a load inside an earlier store reads the stored bytes; one reaching past it does not', async () => {
    const good = await check('str x2, [sp, 8]; ldr w3, [sp, 12]', 'sd a2, 8(sp); srli a3, a2, 32', BASE, [fall(BASE)], []);
    expect(good).toEqual({ status: 'proven' });
    // The 8-byte load sees 4 stored bytes and 4 bytes of old memory: the register copy is wrong.
    const bad = await check('str w2, [sp, 8]; ldr x3, [sp, 8]', 'sw a2, 8(sp); slli a3, a2, 32; srli a3, a3, 32', BASE, [fall(BASE)], []);
    expect(bad.status).toBe('refuted');
  });

  it('a store to the stack may alias a load through an arbitrary pointer: reordering them is refuted', async () => {
    const r = await check('str x2, [sp, 8]; ldr x3, [x0]', 'ld a3, 0(a0); sd a2, 8(sp)', BASE, [fall(BASE)], []);
    expect(r.status).toBe('refuted');
  });

  it('overlapping stack accesses are not reordered: refuted', async () => {
    const r = await check('str x2, [sp, 8]; ldr w3, [sp, 12]', 'lwu a3, 12(sp); sd a2, 8(sp)', BASE, [fall(BASE)], []);
    expect(r.status).toBe('refuted');
  });

  it('a load from a symbol past the bytes the block reaches is not assumed apart from the private area', async () => {
    // g+4096 is outside g's object as the block sees it, so it may be the spill slot.
    const entry = BASE.filter((f) => f.src !== 'x3');
    const slot: MappedBits = { src: 'x2', to: { kind: 'mem', symbol: FLAGS, offset: 0, bytes: 8 } };
    const r = await check('mov x0, x1', `lla t0, ${FLAGS}; sd a2, 0(t0); lla t2, g; add t2, t2, a3; sd zero, 0(t2); ld a0, 0(t0); mv a0, a1`, entry, [fall([...entry, slot])]);
    expect(r.status).not.toBe('proven');
  });
});

describe('test inputs respect partial entry mappings', () => {
  it('v0[63:0] -> f10: the target register starts as the low half of the source', async () => {
    const entry = [...BASE, { src: 'v0', bits: { hi: 63, lo: 0 }, to: { kind: 'reg', name: 'f10' } } satisfies MappedBits];
    expect(await check('fmov x0, d0', 'fmv.x.d a0, fa0', entry, [fall(BASE)])).toEqual({ status: 'proven' });
  });

  it('v0[31:0] -> f10[31:0] leaves the upper halves independent, so reading d0 is refuted', async () => {
    // This is the d_to_f case of float_convert.s: the translator's entry
    // mapping names only the low 32 bits of a double argument.
    const entry = [...BASE, { src: 'v0', bits: { hi: 31, lo: 0 }, to: { kind: 'reg', name: 'f10', bits: { hi: 31, lo: 0 } } } satisfies MappedBits];
    expect((await check('fmov x0, d0', 'fmv.x.d a0, fa0', entry, [fall(BASE)])).status).toBe('refuted');
  });
});

describe('values loaded only to be passed to a call are source accesses', () => {
  const SLOT: MappedBits = { src: 'x3', to: { kind: 'mem', symbol: FLAGS, offset: 0, bytes: 8 } };
  const ARGS = mapping([reg('x0', 'x10'), reg('sp', 'x2')]);
  const withCall = (src: string, tgt: string): Promise<BlockStatus> =>
    verifyBlock({
      srcIsa: 'aarch64',
      tgtIsa: 'riscv64',
      block: {
        blockId: 0, labels: ['.Lb'], source: code('aarch64', src), target: code('riscv64', tgt),
        entry: { facts: [...BASE, SLOT] },
        calls: [{ callee: 'f', external: true, before: ARGS, after: ARGS }],
        exits: [fall([reg('x0', 'x10'), reg('sp', 'x2')])],
        rules: ['test'],
      },
      privateAreas: PRIVATE,
      runs: 100,
      seed: 11,
      timeoutMs: 10_000,
    });

  it('a 32-bit load passed as an argument is apart from the private slot: proves', async () => {
    expect(await withCall('ldr w0, [x1]; bl f', 'lwu a0, 0(a1); call f')).toEqual({ status: 'proven' });
  });

  it('the argument read from the private area instead of program memory is refuted', async () => {
    expect((await withCall('ldr x0, [x1]; bl f', `lla t0, ${FLAGS}; ld a0, 8(t0); call f`)).status).toBe('refuted');
  });

  it('a store to the private area where the source stores to program memory is refuted', async () => {
    expect((await withCall('str x0, [x1]; bl f', `lla t0, ${FLAGS}; sd a0, 8(t0); call f`)).status).toBe('refuted');
  });
});
