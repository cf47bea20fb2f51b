#!/usr/bin/env node
// Share of translated blocks the block verifier proves, on a sample of the
// AArch64 corpus: translates each program to RISC-V64 with verification
// (--allow-unverified, so refuted blocks are counted instead of failing the
// run), reads the --report JSON and prints proven / tested / refuted /
// refused counts per optimisation level, with refuted and refused reasons
// grouped (numbers and register names stripped, so alike causes group).
//
//   node scripts/proof-share.mjs                      O0 and O2, first 10 programs each
//   node scripts/proof-share.mjs --levels O0 --sample 0      all programs of O0
//   node scripts/proof-share.mjs --only recursion,shifts     named programs
//   node scripts/proof-share.mjs --json out.json             also write the raw figures
//   node scripts/proof-share.mjs --bin old/bin/transpile.js  measure another build (before / after)
//   node scripts/proof-share.mjs --work DIR                  where outputs and reports go (default .cache/proof-share)
//
// Needs `npm run build` (dist/) and the corpus (.cache/corpus/aarch64/<O>/*.s).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 600_000;

function parseCli(argv) {
  const o = { levels: ['O0', 'O2'], sample: 10, only: undefined, json: undefined, detail: false, work: join(ROOT, '.cache', 'proof-share'), bin: join(ROOT, 'bin', 'transpile.js') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--levels') o.levels = argv[++i].split(',');
    else if (a === '--sample') o.sample = Number(argv[++i]);
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--json') o.json = resolve(argv[++i]);
    else if (a === '--detail') o.detail = true;
    else if (a === '--bin') o.bin = resolve(argv[++i]);
    else if (a === '--work') o.work = resolve(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** A reason with its specifics blanked, so that the same cause in different blocks groups together. */
function reasonKey(text) {
  return String(text)
    .split(' (found by')[0]
    .replace(/0x[0-9a-f]+/gi, 'N')
    .replace(/\b[xvwfa]\d+\b/g, 'R')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

function main() {
  const o = parseCli(process.argv.slice(2));
  const work = o.work;
  const all = { levels: {} };
  for (const level of o.levels) {
    const dir = join(ROOT, '.cache', 'corpus', 'aarch64', level);
    let names = readdirSync(dir).filter((f) => f.endsWith('.s')).map((f) => f.slice(0, -2)).sort();
    if (o.only) names = names.filter((n) => o.only.has(n));
    else if (o.sample > 0) names = names.slice(0, o.sample);
    mkdirSync(join(work, level), { recursive: true });
    const tot = { programs: 0, blocks: 0, proven: 0, tested: 0, refuted: 0, unverified: 0, blockRefused: 0, functionsRefused: 0, functionsLifted: { proven: 0, tested: 0, refuted: 0, refused: 0 }, ms: 0 };
    const refuted = new Map();
    const refused = new Map();
    const tested = new Map();
    const perProgram = [];
    for (const name of names) {
      const report = join(work, level, `${name}.json`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [o.bin, join(dir, `${name}.s`), '--from', 'aarch64', '--to', 'riscv64',
        '-o', join(work, level, `${name}.rv.s`), '--report', report, '--allow-unverified'], { encoding: 'utf8', timeout: TIMEOUT_MS });
      const ms = performance.now() - t0;
      let rep;
      try {
        rep = JSON.parse(readFileSync(report, 'utf8'));
      } catch {
        console.log(`${level}/${name}: no report (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}) ${r.stderr.split('\n').slice(-3).join(' ')}`);
        continue;
      }
      const s = rep.summary;
      tot.programs++;
      tot.ms += ms;
      for (const k of ['blocks', 'proven', 'tested', 'refuted', 'unverified', 'blockRefused']) tot[k] += s[k] ?? 0;
      tot.functionsRefused += s.refused ?? 0;
      // Function statuses lifted from the block results (summary.lifted; absent in older reports).
      if (s.lifted) for (const k of ['proven', 'tested', 'refuted', 'refused']) tot.functionsLifted[k] += s.lifted[k];
      perProgram.push({ name, ...s, ms: Math.round(ms) });
      for (const fn of rep.functions) {
        for (const b of fn.blocks ?? []) {
          const where = `${name}:${fn.name}:${b.label ?? b.id}`;
          const add = (m, why) => {
            const k = reasonKey(why);
            const e = m.get(k) ?? { count: 0, example: `${where}: ${String(why).slice(0, 300)}` };
            e.count++;
            m.set(k, e);
          };
          if (b.status === 'refuted') add(refuted, b.counterexample ?? b.why ?? '');
          else if (b.status === 'refused') add(refused, b.why ?? b.reason ?? '');
          else if (b.status === 'tested') add(tested, b.why ?? '');
        }
      }
      if (o.detail) console.log(`${level}/${name}: ${s.blocks} blocks, ${s.proven} proven, ${s.tested} tested, ${s.refuted} refuted, ${s.blockRefused} refused (${(ms / 1000).toFixed(1)} s)`);
    }
    const pct = (x) => (tot.blocks ? ((100 * x) / tot.blocks).toFixed(1) : '-');
    console.log(`\n${level}: ${tot.programs} programs${o.sample > 0 && !o.only ? ` (first ${o.sample} by name)` : ''}, ${tot.blocks} blocks: ` +
      `${tot.proven} proven (${pct(tot.proven)}%), ${tot.tested} tested, ${tot.refuted} refuted, ${tot.blockRefused} refused by the verifier, ` +
      `${tot.unverified} unverified; ${tot.functionsRefused} functions refused; ${(tot.ms / 1000).toFixed(0)} s`);
    const fl = tot.functionsLifted;
    console.log(`  functions by lift: ${fl.proven} proven, ${fl.tested} tested, ${fl.refuted} refuted, ${fl.refused} refused`);
    for (const [title, m] of [['refuted', refuted], ['refused', refused], ['tested', tested]]) {
      if (!m.size) continue;
      console.log(`  ${title}:`);
      for (const [, e] of [...m].sort((a, b) => b[1].count - a[1].count)) console.log(`    ${String(e.count).padStart(4)}  ${e.example}`);
    }
    all.levels[level] = { ...tot, perProgram, refuted: Object.fromEntries(refuted), refused: Object.fromEntries(refused), tested: Object.fromEntries(tested) };
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(all, null, 2));
}

main();
