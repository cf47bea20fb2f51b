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
const { closeDefaultSolvers, Solver } = await import(dist('smt/solver.js'));
const { verifyBlockDetailed } = await import(dist('verify/block.js'));
const { stateLayout } = await import(dist('ir/state.js'));

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
    if (isa === 'aarch64') {
      row.blockLevel = await benchBlocks(programs, row, { log, runs });
      row.translatedBlocks = await benchTranslatedBlocks({ log, runs });
    }
    rows.push(row);
  }
  await closeDefaultSolvers();
  return rows;
}

/**
 * The identity mapping: every component of the ISA in the same place. The
 * translator for AArch64 -> RISC-V64 does not exist yet, so the block
 * verifier is measured on the trivial same-ISA translation of each block.
 */
function identityMapping(isa) {
  return { facts: stateLayout(isa).map((c) => ({ src: c.name, to: { kind: 'reg', name: c.name } })) };
}

/** A BlockTranslation of a source block onto itself. */
function identityTranslation(program, fn, block, mapping) {
  const ins = block.instructions.map((i) => program.file.statements[i]);
  const next = fn.blocks[block.id + 1];
  const exits = [];
  for (const e of block.successors) {
    const label = 'block' in e.to ? fn.blocks[e.to.block].labels[0] ?? (e.to.block === block.id + 1 ? undefined : `#${e.to.block}`) : e.to.external;
    exits.push({ kind: e.kind, ...(label !== undefined ? { label } : {}), mapping });
  }
  if (block.exit.kind === 'return') exits.push({ kind: 'return', mapping });
  if (block.exit.kind === 'trap') exits.push({ kind: 'trap', mapping });
  if (!exits.some((e) => e.kind === 'fallthrough' || e.kind === 'not-taken') && next) exits.push({ kind: 'fallthrough', label: next.labels[0], mapping });
  const calls = [];
  for (const i of ins) {
    if (i.mnemonic !== 'bl') continue;
    const t = i.operands[0];
    const callee = t?.kind === 'expr' && t.expr.kind === 'sym' ? t.expr.name : t?.kind === 'expr' && t.expr.kind === 'reloc' ? String(t.expr.arg?.name) : '?';
    calls.push({ callee, external: true, before: mapping, after: mapping });
  }
  return { blockId: block.id, labels: block.labels, source: ins, target: ins, entry: mapping, calls, exits, rules: ['identity'] };
}

/** Blocks per second of verifyBlock under the contract: tests only, proofs with and without the syntactic shortcut. */
async function benchBlocks(programs, functionRow, { log, runs }) {
  const mapping = identityMapping('aarch64');
  const requests = [];
  for (const p of programs)
    for (const fn of p.functions)
      if (fn.name !== 'main')
        for (const b of fn.blocks)
          requests.push({ srcIsa: 'aarch64', tgtIsa: 'aarch64', block: identityTranslation(p, fn, b, mapping), privateAreas: [], runs, seed: 1, timeoutMs: 10_000 });
  // `parallel` blocks at a time (the solver then needs as many processes).
  const measure = async (extra, opts, parallel = 1) => {
    const t0 = performance.now();
    const statuses = {};
    let obligations = 0;
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        const { status, detail } = await verifyBlockDetailed({ ...r, ...extra }, opts);
        statuses[status.status] = (statuses[status.status] ?? 0) + 1;
        obligations += detail.obligations;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const ms = performance.now() - t0;
    return { ms, statuses, obligations, blocksPerSecond: Math.round(requests.length / (ms / 1000)) };
  };
  const tested = await measure({ noProof: true }, {});
  const proved = await measure({}, {});
  const solverOnly = await measure({}, { syntactic: false });
  const pair = new Solver({ concurrency: 2, cache: false });
  const solverOnlyTwo = await measure({}, { syntactic: false, solver: pair }, 2);
  await pair.close();
  const row = {
    blocks: requests.length,
    obligations: proved.obligations,
    testingOnlyBlocksPerSecond: tested.blocksPerSecond,
    provedBlocksPerSecond: proved.blocksPerSecond,
    provedBlocksPerSecondWithoutSyntacticShortcut: solverOnly.blocksPerSecond,
    provedBlocksPerSecondWithoutSyntacticShortcutTwoSolvers: solverOnlyTwo.blocksPerSecond,
    statuses: proved.statuses,
    statusesWithoutSyntacticShortcut: solverOnly.statuses,
    ratioToFunctionLevelWithProofs: Number((proved.blocksPerSecond / functionRow.withProofsBlocksPerSecond).toFixed(2)),
    ratioToFunctionLevelWithProofsWithoutShortcut: Number((solverOnly.blocksPerSecond / functionRow.withProofsBlocksPerSecond).toFixed(2)),
  };
  log(
    `verify blocks aarch64 -O0 (identity translation): ${row.blocks} blocks, ${row.obligations} obligations; tests only ${row.testingOnlyBlocksPerSecond} blocks/s, ` +
      `proved ${row.provedBlocksPerSecond} blocks/s (${JSON.stringify(proved.statuses)}), without the syntactic shortcut ${row.provedBlocksPerSecondWithoutSyntacticShortcut} blocks/s (two solver processes, two blocks at a time: ${row.provedBlocksPerSecondWithoutSyntacticShortcutTwoSolvers}) ` +
      `(${JSON.stringify(solverOnly.statuses)}); ${row.ratioToFunctionLevelWithProofs}x / ${row.ratioToFunctionLevelWithProofsWithoutShortcut}x the function-level rate with proofs`,
  );
  return row;
}

/** -O0 programs whose translated blocks are verified in benchTranslatedBlocks (spill slots, packed flags, vector copies, calls). */
const TRANSLATED = ['float_convert', 'globals_statics', 'const_tables', 'bit_tricks'];

/**
 * The requests the AArch64 -> RISC-V translator sends (built as
 * src/translate/run.ts builds them), verified with the default options and,
 * in the same run, without resolving loads under the layout preconditions
 * (block-simplify.ts), so the ratio shows what that step buys.
 */
export async function benchTranslatedBlocks({ log = console.log, runs = 100 } = {}) {
  const { translateProgram } = await import(dist('translate/program.js'));
  const { parseTargetLines } = await import(dist('translate/run.js'));
  const { PRIVATE_AREA } = await import(dist('translate/regmap.js'));
  const files = corpusAsm('aarch64', 'O0').filter((f) => TRANSLATED.includes(f.name));
  const requests = [];
  for (const f of files) {
    const program = buildProgram(parseAsm(readFileSync(f.asmPath, 'utf8'), f.asmPath, 'aarch64').file);
    const t = translateProgram(program, { prototypes: new Map() });
    for (const r of t.results) {
      if (r.kind !== 'translated') continue;
      for (const b of r.blocks) {
        try {
          b.translation.target = parseTargetLines(b.lines.filter((l) => !l.endsWith(':')), `${r.name}`);
        } catch {
          continue;
        }
        requests.push({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: b.translation, privateAreas: [{ symbol: PRIVATE_AREA, bytes: t.privateBytes }], runs, seed: 1, timeoutMs: 5_000 });
      }
    }
  }
  const measure = async (opts) => {
    const t0 = performance.now();
    const statuses = {};
    let slowest = 0;
    const notProven = [];
    const times = [];
    for (const r of requests) {
      const t1 = performance.now();
      const { status } = await verifyBlockDetailed(r, opts);
      slowest = Math.max(slowest, performance.now() - t1);
      times.push([performance.now() - t1, `${r.block.labels[0] ?? `#${r.block.blockId}`} (${r.block.source.length} source, ${r.block.target.length} target instructions)`]);
      if (status.status !== 'proven') notProven.push(`${r.block.labels[0] ?? `#${r.block.blockId}`} ${Math.round(performance.now() - t1)} ms ${status.status}: ${(status.why ?? status.reason ?? status.counterexample).slice(0, 160)}`);
      statuses[status.status] = (statuses[status.status] ?? 0) + 1;
    }
    const ms = performance.now() - t0;
    const slowestBlocks = times.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([t, what]) => `${what}: ${Math.round(t)} ms`);
    return { ms, statuses, notProven, slowestBlocks, slowestMs: Math.round(slowest), blocksPerSecond: Number((requests.length / (ms / 1000)).toFixed(1)) };
  };
  const withLayout = await measure({});
  const without = await measure({ layoutSimplify: false });
  const row = {
    programs: files.map((f) => f.name),
    blocks: requests.length,
    blocksPerSecond: withLayout.blocksPerSecond,
    statuses: withLayout.statuses,
    slowestBlockMs: withLayout.slowestMs,
    notProven: withLayout.notProven,
    slowestBlocks: withLayout.slowestBlocks,
    blocksPerSecondWithoutLayoutSimplification: without.blocksPerSecond,
    statusesWithoutLayoutSimplification: without.statuses,
    slowestBlockMsWithoutLayoutSimplification: without.slowestMs,
    speedupFromLayoutSimplification: Number((without.ms / withLayout.ms).toFixed(2)),
  };
  log(
    `verify translated blocks aarch64 -> riscv64 -O0 (${row.programs.join(', ')}): ${row.blocks} blocks; ${row.blocksPerSecond} blocks/s ${JSON.stringify(row.statuses)}, slowest ${row.slowestBlockMs} ms; ` +
      `without resolving loads under the layout preconditions ${row.blocksPerSecondWithoutLayoutSimplification} blocks/s ${JSON.stringify(row.statusesWithoutLayoutSimplification)}, slowest ${row.slowestBlockMsWithoutLayoutSimplification} ms; ${row.speedupFromLayoutSimplification}x`,
  );
  return row;
}
