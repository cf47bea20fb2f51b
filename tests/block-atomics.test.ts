// Calls to libgcc's outline atomics (block-call-atomics.ts): the source
// calls `__aarch64_ldadd4_acq_rel` and friends, the target does the atomic
// operation inline. Correct inline code proves; a wrong operation, width,
// result extension, a missing store, or a claim that a register the helper
// may clobber survives the call are refuted.
import { afterAll, describe, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, CallPromise, ExitPromise, MappedBits } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { blockCode, registerMapping } from './support/block-fixture.js';
import { outlineAtomic } from '../src/verify/block-call-atomics.js';
import { buildProgram } from '../src/program/build.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

const map = registerMapping;

const ENTRY = 'x0:x10 x1:x11 x2:x12 x3:x13 x16:x14 sp:x2 x30:x1 x19:x9';
const AFTER = 'x0:x10 x1:x11 x2:x12 x3:x13 sp:x2 x19:x9';

function promise(callee: string, after = AFTER): CallPromise {
  return { callee, external: true, before: map('x0:x10 x1:x11 x2:x12 sp:x2'), after: map(after) };
}

interface Spec {
  src: string;
  tgt: string;
  callee?: string;
  exit?: string;
  /** More exit facts than `exit` can spell (bit ranges). */
  extra?: MappedBits[];
  localLabels?: { name: string; before: number }[];
  calls?: CallPromise[];
}

async function check(s: Spec): Promise<BlockStatus> {
  const exit = map(s.exit ?? AFTER);
  exit.facts.push(...(s.extra ?? []));
  const exits: ExitPromise[] = [{ kind: 'fallthrough', label: '.Lnext', mapping: exit }];
  return verifyBlock({
    srcIsa: 'aarch64',
    tgtIsa: 'riscv64',
    block: {
      blockId: 0,
      labels: ['.Lb'],
      source: code('aarch64', s.src),
      target: code('riscv64', s.tgt),
      entry: map(ENTRY),
      calls: s.calls ?? [promise(s.callee!)],
      exits,
      rules: ['test'],
      ...(s.localLabels ? { localLabels: s.localLabels } : {}),
    },
    privateAreas: [],
    runs: 100,
    seed: 11,
    timeoutMs: 10_000,
  });
}

const LDADD4 = '__aarch64_ldadd4_acq_rel';
const ZEXT = 'slli a0, a0, 32; srli a0, a0, 32';

describe('outline atomics: the helpers the model knows', () => {
  it('names with sizes 1, 2, 4, 8 and every memory order; not 16 bytes, not other names', () => {
    expect(outlineAtomic('__aarch64_cas8_relax')).toEqual({ op: 'cas', bytes: 8 });
    expect(outlineAtomic('__aarch64_swp1_acq')).toEqual({ op: 'swp', bytes: 1 });
    expect(outlineAtomic('__aarch64_ldclr2_sync')).toEqual({ op: 'ldclr', bytes: 2 });
    expect(outlineAtomic('__aarch64_cas16_acq_rel')).toBeUndefined();
    expect(outlineAtomic('__aarch64_ldadd4_acq_rel2')).toBeUndefined();
    expect(outlineAtomic('ldadd4')).toBeUndefined();
  });
});

describe('outline atomics: correct inline code proves', () => {
  it('fetch-add, 4 bytes: amoadd.w and the zero-extended old value', async () => {
    const r = await check({ src: `bl ${LDADD4}`, tgt: `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4 });
    expect(r).toEqual({ status: 'proven' });
  });

  it('fetch-clear, 8 bytes: amoand.d with the inverted operand', async () => {
    const r = await check({ src: 'bl __aarch64_ldclr8_relax', tgt: 'not t0, a0; amoand.d.aqrl a0, t0, (a1)', callee: '__aarch64_ldclr8_relax' });
    expect(r).toEqual({ status: 'proven' });
  });

  it('compare-and-swap, 4 bytes, as single-hart load, compare, store', async () => {
    const r = await check({
      src: 'bl __aarch64_cas4_acq_rel',
      tgt: 'sext.w t1, a0; lw t0, 0(a2); bne t0, t1, .Ldone; sw a1, 0(a2); .Ldone: mv a0, t0; ' + ZEXT,
      callee: '__aarch64_cas4_acq_rel',
      localLabels: [{ name: '.Ldone', before: 4 }],
    });
    expect(r).toEqual({ status: 'proven' });
  });

  it('byte swap keeps the neighbouring bytes', async () => {
    const r = await check({ src: 'bl __aarch64_swp1_acq', tgt: 'lbu t0, 0(a1); sb a0, 0(a1); mv a0, t0', callee: '__aarch64_swp1_acq' });
    expect(r).toEqual({ status: 'proven' });
  });

  it('registers outside the helper contract survive it (x2, x3, x19), and ordinary calls around it still pair up', async () => {
    const r = await check({
      src: `bl foo; bl ${LDADD4}; bl bar`,
      tgt: `call foo; amoadd.w.aqrl a0, a0, (a1); ${ZEXT}; call bar`,
      calls: [
        { callee: 'foo', external: true, before: map('sp:x2'), after: map('x0:x10 x1:x11 x19:x9 sp:x2') },
        promise(LDADD4, 'x0:x10 x19:x9 sp:x2'),
        { callee: 'bar', external: true, before: map('x0:x10 sp:x2'), after: map('x0:x10 x19:x9 sp:x2') },
      ],
      exit: 'x0:x10 x19:x9 sp:x2',
    });
    expect(r).toEqual({ status: 'proven' });
  });
});

describe('outline atomics: wrong inline code is refuted', () => {
  const refuted = (r: BlockStatus) => expect(r.status).toBe('refuted');

  it('subtract instead of add', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: `neg t0, a0; amoadd.w.aqrl a0, t0, (a1); ${ZEXT}`, callee: LDADD4 }));
  });

  it('exclusive or instead of or', async () => {
    refuted(await check({ src: 'bl __aarch64_ldset4_relax', tgt: `amoxor.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: '__aarch64_ldset4_relax' }));
  });

  it('clear without inverting the operand', async () => {
    refuted(await check({ src: 'bl __aarch64_ldclr8_relax', tgt: 'amoand.d.aqrl a0, a0, (a1)', callee: '__aarch64_ldclr8_relax' }));
  });

  it('the wrong width: 8 bytes for a 4-byte helper', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: `amoadd.d.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4 }));
  });

  it('the old value sign-extended (amoadd.w alone)', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: 'amoadd.w.aqrl a0, a0, (a1)', callee: LDADD4 }));
  });

  it('a missing store', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: `lwu a0, 0(a1)`, callee: LDADD4 }));
  });

  it('compare-and-swap that stores unconditionally', async () => {
    refuted(await check({ src: 'bl __aarch64_cas4_acq_rel', tgt: `lwu t0, 0(a2); sw a1, 0(a2); mv a0, t0`, callee: '__aarch64_cas4_acq_rel' }));
  });

  it('compare-and-swap that compares all 64 bits of the expected value', async () => {
    refuted(
      await check({
        src: 'bl __aarch64_cas4_acq_rel',
        tgt: 'lwu t0, 0(a2); bne t0, a0, .Ldone; sw a1, 0(a2); .Ldone: mv a0, t0',
        callee: '__aarch64_cas4_acq_rel',
        localLabels: [{ name: '.Ldone', before: 3 }],
      }),
    );
  });

  it('byte swap that writes a halfword', async () => {
    refuted(await check({ src: 'bl __aarch64_swp1_acq', tgt: 'lbu t0, 0(a1); sh a0, 0(a1); mv a0, t0', callee: '__aarch64_swp1_acq' }));
  });

  it('a helper temporary (x16) claimed to survive the call', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4, exit: `${AFTER} x16:x14` }));
  });

  it('the flags claimed to survive the call', async () => {
    // Without the helper call the same claim holds: the test can fail only through the clobber.
    expect(
      await check({
        src: 'cmp x2, x3',
        tgt: 'sub t2, a2, a3; seqz t2, t2',
        calls: [],
        extra: [{ src: 'z', to: { kind: 'reg', name: 'x7', bits: { hi: 0, lo: 0 } } }],
      }),
    ).toEqual({ status: 'proven' });
    refuted(
      await check({
        src: `cmp x2, x3; bl ${LDADD4}`,
        tgt: `sub t2, a2, a3; seqz t2, t2; amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`,
        callee: LDADD4,
        extra: [{ src: 'z', to: { kind: 'reg', name: 'x7', bits: { hi: 0, lo: 0 } } }],
      }),
    );
  });

  it('the link register claimed unchanged, as if there were no call', async () => {
    refuted(await check({ src: `bl ${LDADD4}`, tgt: `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4, exit: `${AFTER} x30:x1` }));
  });
});

describe('outline atomics: requests that do not match the source', () => {
  it('a program that defines the helper itself calls its own: an opaque call, so the inlined operation is refuted', async () => {
    const text = `\t.text\n\t.global ${LDADD4}\n\t.type ${LDADD4}, %function\n${LDADD4}:\n\tret\n\t.size ${LDADD4}, .-${LDADD4}\n`;
    const own = buildProgram(parseAsm(text, 'own.s', 'aarch64').file);
    const r = await verifyBlock({
      srcIsa: 'aarch64',
      tgtIsa: 'riscv64',
      block: {
        blockId: 0, labels: ['.Lb'], source: code('aarch64', `bl ${LDADD4}`), target: code('riscv64', `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`),
        entry: map(ENTRY), calls: [promise(LDADD4)], exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: map(AFTER) }], rules: ['test'],
      },
      privateAreas: [],
      sourceProgram: own,
      runs: 100,
      seed: 11,
      timeoutMs: 10_000,
    });
    expect(r.status).toBe('refuted');
  });


  it('a promise naming a helper the source does not call is refused', async () => {
    const r = await check({ src: 'bl foo', tgt: `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4 });
    expect(r.status).toBe('refused');
  });

  it('an indirect call promised as a helper is refused', async () => {
    const r = await check({ src: 'blr x16', tgt: `amoadd.w.aqrl a0, a0, (a1); ${ZEXT}`, callee: LDADD4 });
    expect(r.status).toBe('refused');
  });
});

// The translator emits LR/SC retry loops (calls.ts: compare-and-swap, byte
// swap). `sc` always succeeds on one hart, so the retry edge is constant
// false and the block has no loop to verify; a wrong loop body is still refuted.
describe('outline atomics: LR/SC retry loops as the translator emits them', () => {
  const CAS = '__aarch64_cas4_acq_rel';
  const casLoop = (expected: string) =>
    `${expected}.Lcas: lr.w.aqrl t0, (a2); bne t0, t1, .Ldone; sc.w.rl t2, a1, (a2); bnez t2, .Lcas; .Ldone: mv a0, t0; ${ZEXT}`;
  const casLabels = (first: number) => [
    { name: '.Lcas', before: first },
    { name: '.Ldone', before: first + 4 },
  ];

  it('compare-and-swap loop proves', async () => {
    const r = await check({ src: `bl ${CAS}`, tgt: casLoop('sext.w t1, a0; '), callee: CAS, localLabels: casLabels(1) });
    expect(r).toEqual({ status: 'proven' });
  });

  it('compare-and-swap loop comparing all 64 bits of the expected value is refuted', async () => {
    const r = await check({ src: `bl ${CAS}`, tgt: casLoop('mv t1, a0; '), callee: CAS, localLabels: casLabels(1) });
    expect(r.status).toBe('refuted');
  });

  const swapLoop = (mask: number) =>
    `andi t0, a1, 3; slli t0, t0, 3; andi t1, a1, -4; li t2, ${mask}; sll t2, t2, t0; andi t3, a0, 255; sll t3, t3, t0; ` +
    '.Lswp: lr.w.aqrl a0, (t1); xor t0, a0, t3; and t0, t0, t2; xor t0, t0, a0; sc.w.rl t0, t0, (t1); bnez t0, .Lswp; ' +
    'andi t0, a1, 3; slli t0, t0, 3; srl a0, a0, t0; andi a0, a0, 255';

  it('byte swap loop on the containing word proves', async () => {
    const r = await check({ src: 'bl __aarch64_swp1_acq', tgt: swapLoop(255), callee: '__aarch64_swp1_acq', localLabels: [{ name: '.Lswp', before: 7 }] });
    expect(r).toEqual({ status: 'proven' });
  });

  it('byte swap loop with a halfword mask is refuted', async () => {
    const r = await check({ src: 'bl __aarch64_swp1_acq', tgt: swapLoop(65535), callee: '__aarch64_swp1_acq', localLabels: [{ name: '.Lswp', before: 7 }] });
    expect(r.status).toBe('refuted');
  });

  it('a back edge that can be taken is still not verifiable', async () => {
    const r = await check({ src: `bl ${LDADD4}`, tgt: `.Lagain: amoadd.w.aqrl a0, a0, (a1); bnez a0, .Lagain; ${ZEXT}`, callee: LDADD4, localLabels: [{ name: '.Lagain', before: 0 }] });
    expect(r.status).not.toBe('proven');
  });
});
