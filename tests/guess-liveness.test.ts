// Translator liveness (src/translate/liveness.ts): a read that reaches no
// output is no use (lane-wise vector semantics rebuild the destination from
// its old value even when every lane is overwritten), but a destination that
// is really kept or accumulated into must stay a use: dropping it would let
// the translator leave a live value unclaimed.
import { describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { instructionEffect } from '../src/translate/liveness.js';

function uses(text: string): string[] {
  const r = parseAsm(`${text}\n`, 't.s', 'aarch64');
  const ins = r.file.statements.find((s): s is InstructionStatement => s.kind === 'instruction')!;
  return [...instructionEffect(ins, () => true).uses].sort();
}

describe('liveness of vector destinations', () => {
  it('a whole-arrangement write does not read its destination', () => {
    expect(uses('ushr v2.4s, v0.4s, #1')).toEqual(['v0', 'v0.hi']);
    expect(uses('add v5.2d, v5.2d, v6.2d')).toEqual(['v5', 'v5.hi', 'v6', 'v6.hi']);
  });
  it('an accumulating shift reads its destination', () => {
    expect(uses('usra v2.4s, v0.4s, #1')).toContain('v2');
    expect(uses('usra v2.4s, v0.4s, #1')).toContain('v2.hi');
  });
  it('a lane insert keeps the other lanes, so it reads its destination', () => {
    expect(uses('ins v2.s[1], w0')).toContain('v2');
    expect(uses('mov v3.d[1], x1')).toContain('v3');
  });
  it('bsl reads its destination (the selector)', () => {
    expect(uses('bsl v0.16b, v2.16b, v1.16b')).toContain('v0');
  });
});
