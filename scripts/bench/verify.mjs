// Verification throughput: every function of some -O0 corpus programs
// checked against itself (same ISA) by testing only, then with proofs, in
// the same run; blocks per second for each, and the share proven.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildCorpus, corpusAsm } from '../build-corpus.mjs';

const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const { parseAsm } = await import(dist('asm/index.js'));
const { buildProgram } = await import(dist('program/build.js'));
const { verifyPrograms } = await import(dist('verify/verify.js'));
const { smtChecker } = await import(dist('verify/checker.js'));
const { closeDefaultSolvers } = await import(dist('smt/solver.js'));

const PROGRAMS = ['bit_tricks', 'divrem_negative', 'int_widths', 'shifts', 'unsigned_wrap', 'fixed_point'];

export async function benchVerify({ log = console.log, runs = 100 } = {}) {
  await buildCorpus({ isas: ['riscv64', 'aarch64'], opts: ['O0'] });
  const rows = [];
  for (const isa of ['riscv64', 'aarch64']) {
    const files = corpusAsm(isa, 'O0').filter((f) => PROGRAMS.includes(f.name));
    const programs = files.map((f) => buildProgram(parseAsm(readFileSync(f.asmPath, 'utf8'), f.asmPath, isa).file));
    const blocks = programs.reduce((n, p) => n + p.functions.filter((f) => f.name !== 'main').reduce((m, f) => m + f.blocks.length, 0), 0);
    const measure = async (checker) => {
      const t0 = performance.now();
      const verdicts = [];
      for (const p of programs) {
        const functions = p.functions.map((f) => f.name).filter((n) => n !== 'main');
        const r = await verifyPrograms(p, p, { runs, seed: 1, maxSteps: 20_000, prototypes: new Map(), functions, ...(checker ? { checker } : {}) });
        verdicts.push(...r.functions.map((f) => f.verdict.kind));
      }
      return { ms: performance.now() - t0, verdicts };
    };
    const tested = await measure(undefined);
    const proved = await measure(smtChecker(10_000));
    const proven = proved.verdicts.filter((v) => v === 'equivalent').length;
    const row = {
      isa,
      functions: proved.verdicts.length,
      blocks,
      testsPerFunction: runs,
      testingOnlyBlocksPerSecond: Math.round(blocks / (tested.ms / 1000)),
      withProofsBlocksPerSecond: Math.round(blocks / (proved.ms / 1000)),
      proofOverTestingTimeRatio: Number((proved.ms / tested.ms).toFixed(2)),
      provenShare: Number((proven / proved.verdicts.length).toFixed(3)),
    };
    log(
      `verify ${isa} -O0 (self): ${row.functions} functions, ${blocks} blocks; testing only ${row.testingOnlyBlocksPerSecond} blocks/s, ` +
        `with proofs ${row.withProofsBlocksPerSecond} blocks/s (${row.proofOverTestingTimeRatio}x the time); proven ${proven}/${row.functions}`,
    );
    rows.push(row);
  }
  await closeDefaultSolvers();
  return rows;
}
