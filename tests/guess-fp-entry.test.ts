// Entry claims for FP arguments of functions that use both the s and d views
// of a register: a double argument read first through its d view is claimed
// in 64 bits (else a conversion like d_to_f cannot prove), and an argument
// read first as a single stays claimed in 32 bits (the caller hands over a
// NaN-boxed single, whose upper bits AArch64 does not have).
import { describe, expect, it } from 'vitest';
import { libcPrototypes } from '../src/abi/libc.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { translateAndVerify, type TranslateRun } from '../src/translate/run.js';

async function translate(body: string): Promise<TranslateRun> {
  const text = `\t.text\n\t.global f\n\t.type f, %function\nf:\n${body.trim().split('\n').map((l) => `\t${l.trim()}`).join('\n')}\n\t.size f, .-f\n`;
  const parsed = parseAsm(text, 'entry.s', 'aarch64');
  return translateAndVerify(buildProgram(parsed.file), {
    prototypes: await libcPrototypes(), guesser: 'rules', noProof: false, runs: 64, seed: 1, timeoutMs: 10000, jobs: 1, allowUnverified: true,
  });
}

function entryBits(run: TranslateRun, src: string): number | undefined {
  const f = run.functions[0]!;
  if (f.result.kind === 'refused') throw new Error(f.result.reason);
  const fact = f.blocks[0]!.block.translation.entry.facts.find((x) => x.src === src);
  return fact ? (fact.bits ? fact.bits.hi - fact.bits.lo + 1 : 128) : undefined;
}

const status = (run: TranslateRun): string[] => run.functions.flatMap((f) => (f.result.kind === 'refused' ? ['refused'] : f.blocks.map((b) => b.status.status)));

describe('FP argument entry claims', () => {
  it('a double read first through d is claimed whole, and the conversion proves', async () => {
    const run = await translate('fcvt s0, d0\nret');
    expect(entryBits(run, 'v0')).toBe(64);
    expect(status(run)).toEqual(['proven']);
  });
  it('a single read first through s stays a 32-bit claim even when d is used later', async () => {
    const run = await translate('fcvt s1, d1\nfcvt d0, s0\nret');
    expect(entryBits(run, 'v0')).toBe(32);
    expect(entryBits(run, 'v1')).toBe(64);
    expect(status(run)).toEqual(['proven']);
  });
});
