// The sketch benchmark: every sketch of examples/sketches/manifest.json
// completed with its specification (solved, proven impossible, timed out,
// and whether that is the expected status), and repair measured on injected
// single faults in the hand translations of examples/sketches/repair.
// Run alone with `node scripts/bench/sketch.mjs` after `npm run build`; `npm run bench` includes it.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);
const dist = (p) => new URL(`dist/${p}`, root).href;
const { completeSketch } = await import(dist('sketch/index.js'));
const { repairBlock } = await import(dist('sketch/repair.js'));
const { blockFromText, injectFaults } = await import(dist('sketch/faults.js'));
const { blockQuestion } = await import(dist('sketch/block-question.js'));
const { semanticsFor } = await import(dist('verify/semantics.js'));
const { checkSat } = await import(dist('smt/prove.js'));
const { closeDefaultSolvers } = await import(dist('smt/solver.js'));

const DIR = new URL('examples/sketches/', root);
const read = (f) => readFileSync(new URL(f, DIR), 'utf8');

export async function benchSketches({ log = console.log, timeoutMs = 20_000 } = {}) {
  const manifest = JSON.parse(read('manifest.json'));
  const rows = [];
  for (const e of manifest.sketches) {
    const t0 = performance.now();
    let status;
    let how;
    try {
      const r = await completeSketch({
        sketch: read(e.sketch),
        sketchName: e.sketch,
        isa: e.isa,
        ...(e.spec ? { spec: read(e.spec), specName: e.spec } : {}),
        ...(e.specIsa ? { specIsa: e.specIsa } : {}),
        ...(e.examples ? { examples: read(e.examples), examplesName: e.examples } : {}),
        ...(e.prototype ? { prototype: e.prototype } : {}),
        timeoutMs: e.timeoutMs ?? timeoutMs,
      });
      status = r.status;
      how = r.how;
    } catch (err) {
      status = 'error';
      how = err.message;
    }
    const ms = Math.round(performance.now() - t0);
    rows.push({ name: e.name, category: e.category, expected: e.expected, status, ok: status === e.expected, ms, how });
    log(`  sketch ${e.name.padEnd(26)} ${status.padEnd(20)} ${String(ms).padStart(6)} ms${status === e.expected ? '' : `  (expected ${e.expected})`}`);
  }
  const count = (s) => rows.filter((r) => r.status === s).length;
  const summary = {
    sketches: rows.length,
    solved: count('completed'),
    provenImpossible: count('no completion exists'),
    timedOut: count('timeout'),
    errors: count('error'),
    asExpected: rows.filter((r) => r.ok).length,
    totalMs: rows.reduce((a, r) => a + r.ms, 0),
  };
  await closeDefaultSolvers();
  log(`sketches: ${summary.solved} solved, ${summary.provenImpossible} proven impossible, ${summary.timedOut} timed out, ${summary.errors} errors; ${summary.asExpected}/${summary.sketches} as expected`);
  return { summary, rows };
}

export async function benchRepair({ log = console.log, timeoutMs = 30_000 } = {}) {
  const corpus = JSON.parse(read('repair/blocks.json'));
  const rows = [];
  for (const b of corpus.blocks) {
    const good = blockFromText('aarch64', 'riscv64', b.source, b.target, corpus.registerMap);
    for (const f of injectFaults(good, 'riscv64')) {
      const bad = { ...good, target: f.target };
      const q = blockQuestion('aarch64', 'riscv64', bad, bad.target, semanticsFor('aarch64'), semanticsFor('riscv64'));
      if ((await checkSat(q.differs, { timeoutMs: 10_000 })).status !== 'sat') continue; // an equivalent mutant is no fault
      const t0 = performance.now();
      const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, timeoutMs });
      const ms = Math.round(performance.now() - t0);
      // Check the repair independently of repairBlock's own proof.
      let confirmed = false;
      if (r.status === 'repaired') {
        const q2 = blockQuestion('aarch64', 'riscv64', good, r.target, semanticsFor('aarch64'), semanticsFor('riscv64'));
        confirmed = (await checkSat(q2.differs, { timeoutMs: 10_000 })).status === 'unsat';
      }
      rows.push({ block: b.name, kind: f.kind, fault: f.description, status: r.status, confirmed, stage: r.stage ?? null, ms });
      log(`  repair ${b.name.padEnd(16)} ${f.kind.padEnd(18)} ${r.status.padEnd(13)} ${String(ms).padStart(6)} ms  ${f.description}`);
    }
  }
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const byKind = Object.fromEntries(kinds.map((k) => {
    const rs = rows.filter((r) => r.kind === k);
    return [k, { faults: rs.length, repaired: rs.filter((r) => r.confirmed).length }];
  }));
  const times = rows.filter((r) => r.confirmed).map((r) => r.ms).sort((a, b) => a - b);
  const summary = {
    blocks: corpus.blocks.length,
    faults: rows.length,
    repaired: rows.filter((r) => r.confirmed).length,
    rate: rows.length ? Math.round((1000 * rows.filter((r) => r.confirmed).length) / rows.length) / 10 : 0,
    unconfirmedRepairs: rows.filter((r) => r.status === 'repaired' && !r.confirmed).length,
    medianMs: times.length ? times[Math.floor(times.length / 2)] : null,
    maxMs: times.length ? times[times.length - 1] : null,
    byKind,
  };
  await closeDefaultSolvers();
  log(`repair: ${summary.repaired}/${summary.faults} injected faults repaired (${summary.rate}%), median ${summary.medianMs} ms, max ${summary.maxMs} ms`);
  return { summary, rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sketches = await benchSketches();
  const repair = await benchRepair();
  console.log(JSON.stringify({ sketches: sketches.summary, repair: repair.summary }, null, 2));
}
