// Repair of refuted block translations: correct hand translations are proven
// as they are; injected single faults are repaired, and every repaired block
// is checked again here, independently of the repair's own proof.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blockQuestion } from '../src/sketch/block-question.js';
import { blockFromText, injectFaults, type FaultKind } from '../src/sketch/faults.js';
import { sliceSuspects } from '../src/sketch/localise.js';
import { repairBlock } from '../src/sketch/repair.js';
import { checkSat } from '../src/smt/prove.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import { semanticsFor } from '../src/verify/semantics.js';
import type { BlockTranslation } from '../src/translate/contract.js';

const corpus = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'examples', 'sketches', 'repair', 'blocks.json'), 'utf8')) as {
  registerMap: Record<string, string>;
  blocks: { name: string; source: string[]; target: string[] }[];
};
const block = (name: string): BlockTranslation => {
  const b = corpus.blocks.find((x) => x.name === name)!;
  return blockFromText('aarch64', 'riscv64', b.source, b.target, corpus.registerMap);
};

async function differs(b: BlockTranslation): Promise<string> {
  const q = blockQuestion('aarch64', 'riscv64', b, b.target, semanticsFor('aarch64'), semanticsFor('riscv64'));
  return (await checkSat(q.differs, { timeoutMs: 20_000 })).status;
}

afterAll(async () => {
  await closeDefaultSolvers();
});

describe('repairBlock', () => {
  it('proves every hand translation of the repair corpus as it is', async () => {
    for (const b of corpus.blocks) {
      const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: block(b.name), timeoutMs: 20_000 });
      expect(r.status, b.name).toBe('already correct');
    }
  }, 120_000);

  const cases: [string, FaultKind][] = [
    ['add-imm-sub', 'wrong immediate'],
    ['load-add', 'wrong register'],
    ['xor-and', 'wrong opcode'],
    ['add-w', 'missing extension'],
    ['store-bump', 'wrong immediate'],
  ];
  for (const [name, kind] of cases) {
    it(`repairs a ${kind} in ${name}, and the repaired block is equivalent`, async () => {
      const good = block(name);
      const faults = injectFaults(good, 'riscv64').filter((f) => f.kind === kind);
      let tried = 0;
      for (const f of faults) {
        const bad = { ...good, target: f.target };
        if ((await differs(bad)) !== 'sat') continue; // an equivalent mutant is not a fault
        tried++;
        const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, timeoutMs: 30_000 });
        expect(r.status, `${f.description}: ${r.how}`).toBe('repaired');
        expect(await differs({ ...good, target: r.target! }), f.description).toBe('unsat');
        break;
      }
      expect(tried).toBeGreaterThan(0);
    }, 120_000);
  }

  it('refuses blocks whose contract it cannot model instead of guessing', async () => {
    const b = block('add-reg');
    const outside = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: { ...b, localLabels: [{ name: '.Lx', before: 99 }] } });
    expect(outside.status).toBe('refused');
    // A spill slot in an area nobody declared private is a malformed contract.
    const slot = { ...b, exits: [{ kind: 'fallthrough' as const, mapping: { facts: [{ src: 'x0', to: { kind: 'mem' as const, symbol: '__nowhere', offset: 0, bytes: 8 } }] } }] };
    expect((await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: slot })).status).toBe('refused');
  });

  it('does not call a block repaired when two instructions are wrong and one change cannot fix it', async () => {
    const b = block('xor-and');
    const bad = blockFromText('aarch64', 'riscv64', ['eor x0, x0, x1', 'and x0, x0, x2'], ['or a0,a0,a2', 'sub a0,a0,a1'], corpus.registerMap);
    const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: { ...b, target: bad.target }, timeoutMs: 4_000 });
    expect(r.status).not.toBe('already correct');
    if (r.status === 'repaired') expect(await differs({ ...b, target: r.target! })).toBe('unsat');
  }, 60_000);

  it('suspects first the reader of a value a wrong destination register lost, and the instructions just before it', () => {
    // Correct: t0 = a0 + a1; a0 = t0 + a2. The fault writes t1: the second instruction reads a t0 nothing wrote.
    const b = blockFromText('aarch64', 'riscv64', ['add x0, x0, x1', 'add x0, x0, x2'], ['li t2,0', 'add t1,a0,a1', 'add a0,t0,a2'], corpus.registerMap);
    const inputs = new Set(['x10', 'x11', 'x12']);
    const differing = { registers: new Set(['x10']), memory: false, branch: false };
    expect(sliceSuspects('riscv64', b.target, differing, inputs).slice(0, 3)).toEqual([2, 1, 0]);
    // Without the inputs named, t0 counts as one and only the slice (the reader) comes first.
    expect(sliceSuspects('riscv64', b.target, differing)[0]).toBe(2);
  });
});
