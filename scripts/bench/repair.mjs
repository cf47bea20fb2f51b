// Repair on the translator's real output (issue 5, item 5): corpus AArch64
// files are translated by the rules, the blocks the block verifier proves are
// kept, single faults are injected into their RISC-V targets, each faulty
// block must be refuted by the verifier, then repairBlock runs. A repair
// counts only when the block verifier, independently, proves the repaired
// block against the original contract; a "repaired" it does not prove is a
// wrong acceptance (must stay 0). Fixed seed, fixed sample size.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildCorpus, corpusAsm } from '../build-corpus.mjs';

const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const { parseAsm } = await import(dist('asm/index.js'));
const { buildProgram } = await import(dist('program/build.js'));
const { translateProgram } = await import(dist('translate/program.js'));
const { parseTargetLines } = await import(dist('translate/run.js'));
const { PRIVATE_AREA } = await import(dist('translate/regmap.js'));
const { verifyBlock } = await import(dist('verify/block.js'));
const { injectFaults } = await import(dist('sketch/faults.js'));
const { repairBlock } = await import(dist('sketch/repair.js'));
const { Rng } = await import(dist('verify/random.js'));
const { closeDefaultSolvers } = await import(dist('smt/solver.js'));

/**
 * Proven rule translations of corpus blocks, spread over the corpus: every
 * file at each level in turn, its blocks in a seeded shuffle, at most
 * `perFile` proven blocks from each (the first files alone would be a sample
 * of a few programs' -O0 code).
 */
export async function provenBlocks({ opts, maxBlocks, perFile, seed, log }) {
  await buildCorpus({ isas: ['aarch64'], opts });
  const out = [];
  const files = opts.flatMap((opt) => corpusAsm('aarch64', opt).map((f) => ({ f, opt })));
  // File order: each program at -O0 then -O2, so a small sample still covers both levels.
  files.sort((a, b) => a.f.name.localeCompare(b.f.name) || opts.indexOf(a.opt) - opts.indexOf(b.opt));
  for (const { f, opt } of files) {
    if (out.length >= maxBlocks) return out;
    let translation;
    try {
      const program = buildProgram(parseAsm(readFileSync(f.asmPath, 'utf8'), f.asmPath, 'aarch64').file);
      translation = translateProgram(program, { prototypes: new Map() });
    } catch (e) {
      log(`  repair: ${f.name} ${opt}: not translated (${e.message})`);
      continue;
    }
    const privateAreas = [{ symbol: PRIVATE_AREA, bytes: translation.privateBytes }];
    const all = [];
    for (const r of translation.results) {
      if (r.kind !== 'translated' || r.name === 'main') continue;
      for (const b of r.blocks) all.push({ r, b });
    }
    // Seeded per file, so a change elsewhere in the corpus leaves this file's sample alone.
    let h = BigInt(seed);
    for (const ch of `${f.name}/${opt}`) h = (h * 131n + BigInt(ch.charCodeAt(0))) & ((1n << 64n) - 1n);
    const rng = new Rng(h);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Number(rng.next64() % BigInt(i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    let taken = 0;
    for (const { r, b } of all) {
      if (out.length >= maxBlocks || taken >= perFile) break;
      try {
        b.translation.target = parseTargetLines(b.lines.filter((l) => !l.endsWith(':')), `${r.name}`);
      } catch {
        continue;
      }
      if (b.translation.target.length === 0) continue;
      const st = await verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: b.translation, privateAreas, runs: 20, seed: 1, timeoutMs: 10_000 });
      if (st.status !== 'proven') continue;
      out.push({ name: `${f.name}/${opt}/${r.name}#${b.translation.blockId}`, block: b.translation, privateAreas });
      taken++;
    }
  }
  return out;
}

/**
 * The block with one fault: the target replaced, local labels moved past a
 * deleted instruction, and the translator's per-source-instruction counts
 * kept (the step that lost an instruction counts one less), as a refuted
 * block reaches repair in translation.
 */
function faulty(block, fault) {
  const { sourceSteps, ...rest } = block;
  const deleted = fault.target.length < block.target.length;
  const localLabels = block.localLabels?.map((l) => (deleted && l.before > fault.index ? { ...l, before: l.before - 1 } : l));
  let steps = sourceSteps ? [...sourceSteps] : undefined;
  if (steps && deleted) {
    let at = 0;
    const k = steps.findIndex((n) => (at += n) > fault.index);
    steps[k]--;
  }
  return { ...rest, target: fault.target, ...(localLabels ? { localLabels } : {}), ...(steps ? { sourceSteps: steps } : {}) };
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;
}

export async function benchRepairCorpus({
  log = console.log,
  faults = Number(process.env.REPAIR_FAULTS ?? 80),
  maxBlocks = Number(process.env.REPAIR_BLOCKS ?? 120),
  perFile = Number(process.env.REPAIR_PER_FILE ?? 2),
  opts = ['O0', 'O2'],
  seed = Number(process.env.REPAIR_SEED ?? 1),
  timeoutMs = 20_000,
} = {}) {
  const blocks = await provenBlocks({ opts, maxBlocks, perFile, seed, log });
  const candidates = [];
  for (const b of blocks) for (const f of injectFaults(b.block, 'riscv64')) candidates.push({ b, f });
  // A fixed-seed shuffle, then faults the verifier refutes until the sample is full.
  const rng = new Rng(seed);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Number(rng.next64() % BigInt(i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const rows = [];
  let equivalent = 0;
  // Diagnosis: REPAIR_ONLY=regex keeps the faults whose "block: description" matches it; REPAIR_TRACE=1 logs each sketch tried.
  const only = process.env.REPAIR_ONLY;
  const trace = process.env.REPAIR_TRACE ? (a) => log(`      ${a.stage} @${a.index}: ${a.outcome} in ${a.ms} ms, ${a.rounds} rounds`) : undefined;
  for (const { b, f } of candidates) {
    if (rows.length >= faults) break;
    if (only && !new RegExp(only).test(`${b.name}: ${f.description}`)) continue;
    const bad = faulty(b.block, f);
    const st = await verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, privateAreas: b.privateAreas, runs: 20, seed, timeoutMs: 5000 });
    if (st.status !== 'refuted') {
      equivalent++;
      continue;
    }
    const t0 = performance.now();
    const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: bad, privateAreas: b.privateAreas, timeoutMs, seed, ...(trace ? { onAttempt: trace } : {}) });
    const ms = Math.round(performance.now() - t0);
    let confirmed = false;
    if (r.status === 'repaired') {
      // An inserted instruction voids the step counts.
      const { sourceSteps, ...withoutSteps } = bad;
      const base = r.target.length === bad.target.length ? bad : withoutSteps;
      const check = await verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: { ...base, target: r.target, ...(r.localLabels ? { localLabels: r.localLabels } : {}) }, privateAreas: b.privateAreas, runs: 50, seed: seed + 1, timeoutMs: 10_000 });
      confirmed = check.status === 'proven';
    }
    const outcome = r.status === 'repaired' ? (confirmed ? 'repaired' : 'wrongly accepted') : r.status === 'refused' ? 'refused' : 'not repaired';
    // Was the faulty instruction among the suspects, and how far down the list?
    const rank = r.suspects.findIndex((i) => i === f.index || (f.target.length < b.block.target.length && i === f.index - 1));
    rows.push({
      block: b.name, kind: f.kind, fault: f.description, outcome, stage: r.stage ?? null, why: outcome === 'repaired' ? undefined : r.how, ms,
      targetLength: bad.target.length, suspects: r.suspects.length, faultRank: rank, attempts: r.stats.attempts,
      step: r.step ?? null, faultInStep: r.step ? f.index >= r.step.start && f.index < Math.max(r.step.end, r.step.start + 1) : null,
    });
    log(`  repair ${outcome.padEnd(16)} ${f.kind.padEnd(18)} ${String(ms).padStart(6)} ms  ${b.name}: ${f.description}${outcome === 'repaired' ? '' : ` (${r.how})`}`);
  }
  await closeDefaultSolvers();
  const count = (o) => rows.filter((r) => r.outcome === o).length;
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const reasons = {};
  for (const r of rows) if (r.outcome === 'refused' || r.outcome === 'not repaired') reasons[r.why.replace(/\d+/g, 'N')] = (reasons[r.why.replace(/\d+/g, 'N')] ?? 0) + 1;
  const summary = {
    provenBlocks: blocks.length,
    faults: rows.length,
    equivalentOrUnrefutedMutantsSkipped: equivalent,
    repaired: count('repaired'),
    notRepaired: count('not repaired'),
    refused: count('refused'),
    wronglyAccepted: count('wrongly accepted'),
    rate: rows.length ? Math.round((1000 * count('repaired')) / rows.length) / 10 : 0,
    medianMs: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
    maxMs: times.length ? times[times.length - 1] : null,
    // How often the first broken step (the translator's cut points) held the fault.
    stepNamed: rows.filter((r) => r.step).length,
    faultInNamedStep: rows.filter((r) => r.faultInStep).length,
    byKind: Object.fromEntries(kinds.map((k) => [k, { faults: rows.filter((r) => r.kind === k).length, repaired: rows.filter((r) => r.kind === k && r.outcome === 'repaired').length }])),
    reasons,
  };
  log(
    `repair (corpus): ${summary.repaired}/${summary.faults} faults in ${blocks.length} proven blocks repaired (${summary.rate}%), ` +
      `${summary.refused} refused, ${summary.notRepaired} not repaired, ${summary.wronglyAccepted} wrongly accepted; median ${summary.medianMs} ms, p90 ${summary.p90Ms} ms, max ${summary.maxMs} ms`,
  );
  return { summary, rows };
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const r = await benchRepairCorpus();
  console.log(JSON.stringify(r.summary, null, 2));
  // This benchmark's own results file (npm run bench puts the summary in latest.json).
  const out = new URL('../../bench-results/repair.json', import.meta.url);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, summary: r.summary, rows: r.rows }, null, 1) + '\n');
  console.log(`results written to bench-results/repair.json`);
  // REPAIR_ROWS=file.json keeps every fault's row, for diagnosis.
  if (process.env.REPAIR_ROWS) writeFileSync(process.env.REPAIR_ROWS, JSON.stringify(r, null, 1));
}
