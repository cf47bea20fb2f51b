// Mutation testing of the verifier on real compiler output: ten kinds of
// small mistakes injected into corpus functions. verify must never call a
// mutant equivalent when the interpreter shows it differs, and it should
// call (nearly) every such mutant different. The full run over more
// programs and both ISAs is `npm run mutants` (docs/mutation.md).
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Isa } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import { buildCorpus, corpusAsm } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { smtChecker } from '../src/verify/checker.js';
import { MUTATION_KINDS } from '../src/verify/mutate.js';
import { runMutants, summariseMutants, type MutantResult } from '../src/verify/mutation-run.js';
import { describeWithTools } from './support/tools.js';

const SAMPLE: [Isa, 'O0' | 'O2', string][] = [
  ['riscv64', 'O2', 'divrem_negative'],
  ['riscv64', 'O0', 'int_widths'],
  ['riscv64', 'O2', 'shifts'],
  ['aarch64', 'O2', 'divrem_negative'],
  ['aarch64', 'O0', 'bit_tricks'],
];

describeWithTools([toolFor('riscv64', 'gcc'), toolFor('aarch64', 'gcc')], 'verify on mutants of corpus functions', () => {
  const results: MutantResult[] = [];
  beforeAll(async () => {
    await buildCorpus({ isas: ['riscv64', 'aarch64'], opts: ['O0', 'O2'] });
    for (const [isa, opt, name] of SAMPLE) {
      const path = corpusAsm(isa, opt).find((f) => f.name === name)!.asmPath;
      const program = buildProgram(parseAsm(fs.readFileSync(path, 'utf8'), path, isa).file);
      results.push(...(await runMutants(`${isa}/${opt}/${name}`, program, { checker: smtChecker(5000), runs: 100, oracleRuns: 500, seed: 3 })));
    }
  }, 600_000);
  afterAll(() => closeDefaultSolvers());

  it('never calls a mutant equivalent that the interpreter shows to differ', () => {
    const s = summariseMutants(results);
    expect(s.unsound.map((u) => `${u.program} ${u.fn} ${u.kind}: ${u.description}`)).toEqual([]);
  });

  it('calls every mutant the interpreter shows to differ different', () => {
    const missed = results.filter((r) => r.interpreterDiffers && r.verdict !== 'different');
    expect(missed.map((r) => `${r.program} ${r.fn} ${r.kind}: ${r.verdict} ${r.reason}`)).toEqual([]);
  });

  it('exercises every kind of mutation', () => {
    const kinds = new Set(results.map((r) => r.kind));
    expect(MUTATION_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
    const s = summariseMutants(results);
    console.log(
      `mutants: ${s.mutants}; different ${s.different}, proven equivalent ${s.equivalent}, inconclusive ${s.inconclusive}; ` +
        `the interpreter shows ${s.interpreterDiffers} to differ; kill rate ${(s.killRate * 100).toFixed(1)}%`,
    );
  });
});
