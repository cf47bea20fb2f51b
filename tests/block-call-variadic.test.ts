// The argument placement the block verifier derives for variadic calls:
// AAPCS64 keeps each class in its own registers, LP64D passes variadic
// arguments of both classes in a0-a7; both then use 8-byte stack slots.
import { describe, expect, it } from 'vitest';
import { placeArguments } from '../src/verify/block-call-variadic.js';

const show = (ps: ReturnType<typeof placeArguments>): string[] => ps.map((p) => ('reg' in p ? p.reg : `s${p.stack}`));

describe('variadic argument placement', () => {
  it('printf(fmt, int, double, long, double)', () => {
    const cls = ['int', 'int', 'fp', 'int', 'fp'] as const;
    expect(show(placeArguments('aarch64', cls, 1))).toEqual(['x0', 'x1', 'v0', 'x2', 'v1']);
    expect(show(placeArguments('riscv64', cls, 1))).toEqual(['x10', 'x11', 'x12', 'x13', 'x14']);
  });

  it('named doubles stay in fa registers on LP64D; variadic ones spill to the stack after a7', () => {
    const cls = ['fp', 'int', ...Array<'fp'>(8).fill('fp')] as const;
    expect(show(placeArguments('riscv64', cls, 2))).toEqual(['f10', 'x10', 'x11', 'x12', 'x13', 'x14', 'x15', 'x16', 'x17', 's0']);
    expect(show(placeArguments('aarch64', cls, 2))).toEqual(['v0', 'x0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 's0']);
  });

  it('named doubles beyond fa7 fall back to integer registers on LP64D only', () => {
    const cls = Array<'fp'>(9).fill('fp');
    expect(show(placeArguments('riscv64', cls, 9)).slice(8)).toEqual(['x10']);
    expect(show(placeArguments('aarch64', cls, 9)).slice(8)).toEqual(['s0']);
  });
});

// Calls through the variadic runtime (CallPromise.runtime): the source calls
// the C library function, the target its runtime wrapper with the local 1:1
// convention. Only the exact pairing is accepted; every wrong variant is
// refused or refuted, never proven. (The proven cases and the wrong-callee
// cases need block-obligations.ts to compare the target's callee with the
// promised wrapper: docs/translate.md, "Variadic runtime".)
import { afterAll } from 'vitest';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, CallPromise, MappedBits, StateMapping } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { blockCode } from './support/block-fixture.js';

afterAll(() => closeDefaultSolvers());

const code = blockCode;

/** `x0:x10 v1:f11 sp:x2`; a v register maps its low 64 bits (d view) to the whole f register. */
function map(spec: string): StateMapping {
  const facts: MappedBits[] = spec
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => {
      const [s, t] = p.split(':') as [string, string];
      const m = /^(x\d+)\[31:0\]$/.exec(s);
      if (m) return { src: m[1]!, bits: { hi: 31, lo: 0 }, to: { kind: 'reg', name: t, bits: { hi: 31, lo: 0 } } };
      if (s.startsWith('v')) return { src: s, bits: { hi: 63, lo: 0 }, to: { kind: 'reg', name: t } };
      return { src: s, to: { kind: 'reg', name: t } };
    });
  return { facts };
}

const V_ARGS = 'x0:x10 x1:x11 x2:x12 x3:x13';
const ALL_ARGS = 'x0:x10 x1:x11 x2:x12 x3:x13 x4:x14 x5:x15 x6:x16 x7:x17 v0:f10 v1:f11 v2:f12 v3:f13 v4:f14 v5:f15 v6:f16 v7:f17';
const KEPT = 'sp:x2 x19:x9 x30:x1';

async function runtimeCall(o: { src?: string; tgt: string; callee: string; before: string; extra?: Partial<CallPromise>; entry?: string }): Promise<BlockStatus> {
  const wrapper = `__tp_rt_${o.callee}`;
  return verifyBlock({
    srcIsa: 'aarch64',
    tgtIsa: 'riscv64',
    block: {
      blockId: 0,
      labels: ['.Lb'],
      source: code('aarch64', o.src ?? `bl ${o.callee}`),
      target: code('riscv64', o.tgt),
      entry: map(o.entry ?? `${ALL_ARGS} ${KEPT}`),
      calls: [{ callee: o.callee, external: true, runtime: { wrapper }, before: map(`${o.before} sp:x2 x19:x9`), after: map('x0:x10 sp:x2 x19:x9'), ...o.extra }],
      exits: [{ kind: 'fallthrough', label: '.Lnext', mapping: map('x0:x10 sp:x2 x19:x9') }],
      rules: ['test'],
    },
    privateAreas: [],
    runs: 64,
    seed: 3,
    timeoutMs: 10_000,
  });
}

const refusedWith = (s: BlockStatus, text: RegExp): void => {
  expect(s.status).toBe('refused');
  if (s.status === 'refused') expect(s.reason).toMatch(text);
};

describe('calls through the variadic runtime', () => {
  it('vsnprintf -> __tp_rt_vsnprintf with x0-x3 in a0-a3: proven', async () => {
    expect(await runtimeCall({ callee: 'vsnprintf', tgt: 'call __tp_rt_vsnprintf', before: V_ARGS })).toEqual({ status: 'proven' });
  });

  it('printf with a run-time format -> __tp_rt_printf with x0-x7 and d0-d7 1:1: proven', async () => {
    expect(await runtimeCall({ callee: 'printf', tgt: 'call __tp_rt_printf', before: ALL_ARGS })).toEqual({ status: 'proven' });
  });

  it('the target calls the real vsnprintf (AArch64 va_list to the RISC-V C library): refuted', async () => {
    expect((await runtimeCall({ callee: 'vsnprintf', tgt: 'call vsnprintf', before: V_ARGS })).status).toBe('refuted');
  });

  it('the target calls another wrapper than the promised one: refuted', async () => {
    expect((await runtimeCall({ callee: 'vsnprintf', tgt: 'call __tp_rt_vsprintf', before: V_ARGS })).status).toBe('refuted');
  });

  it('the promise names the wrong wrapper: refused', async () => {
    refusedWith(await runtimeCall({ callee: 'vsnprintf', tgt: 'call __tp_rt_vsprintf', before: V_ARGS, extra: { runtime: { wrapper: '__tp_rt_vsprintf' } } }), /wrapper for 'vsnprintf' is __tp_rt_vsnprintf/);
  });

  it('a wrapper for a function that has none (puts): refused', async () => {
    refusedWith(await runtimeCall({ callee: 'puts', tgt: 'call __tp_rt_puts', before: 'x0:x10' }), /no runtime wrapper/);
  });

  it('an argument register claimed in the wrong place: refused', async () => {
    refusedWith(await runtimeCall({ callee: 'vsnprintf', tgt: 'call __tp_rt_vsnprintf', before: 'x0:x10 x1:x11 x2:x12 x3:x14' }), /does not pass x3/);
  });

  it('an argument register the wrapper reads left unclaimed: refused', async () => {
    refusedWith(await runtimeCall({ callee: 'vsnprintf', tgt: 'call __tp_rt_vsnprintf', before: 'x0:x10 x1:x11 x2:x12' }), /reads x3/);
    refusedWith(await runtimeCall({ callee: 'printf', tgt: 'call __tp_rt_printf', before: ALL_ARGS.replace(' v5:f15', '') }), /reads v5/);
  });

  it('an int claimed in its low 32 bits only (as the static lowering does): refused, the wrapper reads whole registers', async () => {
    refusedWith(await runtimeCall({ callee: 'printf', tgt: 'call __tp_rt_printf', before: ALL_ARGS.replace('x1:x11', 'x1[31:0]:x11') }), /reads x1/);
  });

  it('a runtime call that also carries a static argument list, or an internal one: refused', async () => {
    const variadic = { fixed: 1, args: [{ src: 'x0', class: 'int' as const }] };
    refusedWith(await runtimeCall({ callee: 'printf', tgt: 'call __tp_rt_printf', before: ALL_ARGS, extra: { variadic } }), /no static argument list/);
    refusedWith(await runtimeCall({ callee: 'printf', tgt: 'call __tp_rt_printf', before: ALL_ARGS, extra: { external: false } }), /external/);
  });

  it('routed with a wrong argument value (the target clobbers a3 before the call): refuted', async () => {
    expect((await runtimeCall({ callee: 'vsnprintf', tgt: 'mv a3, a2; call __tp_rt_vsnprintf', before: V_ARGS })).status).toBe('refuted');
    expect((await runtimeCall({ callee: 'printf', tgt: 'fmv.d fa2, fa3; call __tp_rt_printf', before: ALL_ARGS })).status).toBe('refuted');
  });

  it('without the runtime: a va_list call across ISAs, or printf without its argument list, is refused', async () => {
    refusedWith(await runtimeCall({ callee: 'vsnprintf', tgt: 'call vsnprintf', before: V_ARGS, extra: { runtime: undefined } }), /only through the variadic runtime/);
    refusedWith(await runtimeCall({ callee: 'printf', tgt: 'call printf', before: 'x0:x10', extra: { runtime: undefined } }), /must carry its argument list/);
  });
});
