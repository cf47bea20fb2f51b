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
