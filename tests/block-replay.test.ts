// A Z3 model is only a counterexample once the interpreter reproduces it:
// the obligation must fail on it and every assumption must hold. A solver
// that lies (here a stub answering `sat` with a model of our choosing)
// must never turn a correct block into `refuted`.
import { describe, expect, it } from 'vitest';
import { add, c, v } from '../src/ir/build.js';
import type { SolverResult } from '../src/smt/result.js';
import type { Solver } from '../src/smt/solver.js';
import { proveBatch, proveObligation } from '../src/verify/block-prove.js';
import type { Obligation } from '../src/verify/block-obligations.js';
import { disjointRanges } from '../src/verify/block-assume.js';

/** A solver that always answers sat with this model. */
function lyingSolver(vars: Record<string, bigint>): Solver {
  const answer: SolverResult = { status: 'sat', model: new Map(Object.entries(vars)), memModel: new Map(), ufModel: new Map(), observed: [0n, 1n] };
  return { check: async () => answer, solve: async () => answer } as unknown as Solver;
}

const x = v(64, 's.x0');
const priv = v(64, '&__tp_private');
const sp = v(64, 's.sp');
// Holds for every input: x + 1 = 1 + x. The lie claims otherwise.
const ob: Obligation = { kind: 'eq', what: 'exit: x0 -> x10', guard: c(1, 1), lhs: add(x, c(64, 1)), rhs: add(c(64, 1), x) };
// Nothing of the block depends on it, but the model breaks it.
const apart = disjointRanges(priv, 16n, sp, 64n);
const breaking = { 's.x0': 5n, '&__tp_private': 0x1000n, 's.sp': 0x1000n };

describe('Z3 models are replayed before a block is refuted', () => {
  it('a model under which the obligation holds is not a counterexample', async () => {
    const r = await proveObligation(ob, [], new Map(), lyingSolver(breaking), 1000, false);
    expect(r.status).toBe('unproven');
    expect(r.status === 'unproven' && r.reason).toMatch(/did not reproduce/);
  });

  it('a model that breaks an assumption is not a counterexample, even where the obligation fails on it', async () => {
    const wrong: Obligation = { ...ob, rhs: x };
    const r = await proveObligation(wrong, [apart], new Map(), lyingSolver(breaking), 1000, false);
    expect(r.status).toBe('unproven');
    expect(r.status === 'unproven' && r.reason).toMatch(/breaks an assumption/);
    expect((await proveBatch([wrong], [apart], new Map(), lyingSolver(breaking), 1000)).status).toBe('undecided');
  });

  it('a model that meets the assumptions and fails the obligation is a counterexample', async () => {
    const wrong: Obligation = { ...ob, rhs: x };
    const fine = { ...breaking, 's.sp': 0x10_0000n };
    expect((await proveObligation(wrong, [apart], new Map(), lyingSolver(fine), 1000, false)).status).toBe('refuted');
    expect((await proveBatch([wrong], [apart], new Map(), lyingSolver(fine), 1000)).status).toBe('refuted');
  });
});
