#!/usr/bin/env node
// End-to-end check of the AArch64 -> RISC-V64 translator on the corpus:
// for each program and optimisation level, translate
// .cache/corpus/aarch64/<O>/<name>.s, link it with `riscv64-linux-gnu-gcc
// -static`, run it under qemu-riscv64 with a timeout, and compare stdout and
// exit status with the AArch64 build (.cache/corpus-bin/aarch64/<O>/<name>)
// run under qemu-aarch64. Prints a table per level with every failure and
// its reason, and writes bench-results/e2e.json.
//
//   npm run e2e                       all levels, all programs, no block verification
//   npm run e2e -- --levels O0,O2     some levels
//   npm run e2e -- --only name1,name2 some programs
//   npm run e2e -- --verify           also verify every block (slow)
//
// Needs `npm run build` (dist/) and `npm run corpus -- --link` (the AArch64 binaries).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LEVELS = ['O0', 'O1', 'O2', 'O3', 'Os'];
const RUN_TIMEOUT_MS = 20_000;

function parseCli(argv) {
  const o = { levels: LEVELS, only: undefined, verify: false, out: join(ROOT, 'bench-results', 'e2e.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--levels') o.levels = argv[++i].split(',');
    else if (a === '--only') o.only = new Set(argv[++i].split(','));
    else if (a === '--verify') o.verify = true;
    else if (a === '--out') o.out = resolve(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function run(cmd, args, timeoutMs = RUN_TIMEOUT_MS) {
  const r = spawnSync(cmd, args, { encoding: 'latin1', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: r.error?.code === 'ETIMEDOUT' };
}

const refCache = new Map();
function reference(level, name) {
  const key = `${level}/${name}`;
  if (refCache.has(key)) return refCache.get(key);
  const bin = join(ROOT, '.cache', 'corpus-bin', 'aarch64', level, name);
  const r = existsSync(bin) ? run('qemu-aarch64', [bin]) : undefined;
  refCache.set(key, r);
  return r;
}

/** One program at one level: translate, link, run, compare. */
export async function e2eOne(level, name, lib, { verify = false, workDir = join(ROOT, '.cache', 'e2e') } = {}) {
  const src = join(ROOT, '.cache', 'corpus', 'aarch64', level, `${name}.s`);
  const dir = join(workDir, level);
  mkdirSync(dir, { recursive: true });
  const outS = join(dir, `${name}.rv.s`);
  const exe = join(dir, `${name}.rv`);
  const t0 = performance.now();
  const parsed = lib.parseAsm(readFileSync(src, 'utf8'), src, 'aarch64');
  const program = lib.buildProgram(parsed.file);
  const translated = await lib.translateAndVerify(program, {
    prototypes: await lib.libcPrototypes(), guesser: 'rules', noProof: false, runs: 64, seed: 1, timeoutMs: 5000, jobs: 1,
    allowUnverified: true, skipVerify: !verify,
  });
  const ms = performance.now() - t0;
  writeFileSync(outS, translated.assembly);
  const refused = translated.functions.filter((f) => f.result.kind === 'refused').map((f) => `${f.result.name}: ${f.result.reason} (${f.result.location})`);
  const blocks = translated.functions.flatMap((f) => f.blocks.map((b) => b.status.status));
  const base = { level, name, ms: Math.round(ms), refused, blocks: blocks.length, proven: blocks.filter((s) => s === 'proven').length, refuted: blocks.filter((s) => s === 'refuted').length };
  const link = run('riscv64-linux-gnu-gcc', ['-static', '-o', exe, outS, '-lm'], 120_000);
  if (link.status !== 0) return { ...base, ok: false, reason: `link failed: ${link.stderr.split('\n').filter((l) => /error|undefined/i.test(l)).slice(0, 3).join(' | ')}` };
  const ref = reference(level, name);
  if (!ref) return { ...base, ok: false, reason: 'no AArch64 reference binary (npm run corpus -- --link)' };
  const got = run('qemu-riscv64', [exe]);
  if (got.timedOut) return { ...base, ok: false, reason: `timeout after ${RUN_TIMEOUT_MS} ms` };
  if (got.status !== ref.status) return { ...base, ok: false, reason: `exit status ${got.status ?? got.signal} (expected ${ref.status})${firstDiff(ref.stdout, got.stdout)}` };
  if (got.stdout !== ref.stdout) return { ...base, ok: false, reason: `stdout differs${firstDiff(ref.stdout, got.stdout)}` };
  return { ...base, ok: true };
}

function firstDiff(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `: line ${i + 1}: expected ${JSON.stringify((la[i] ?? '<eof>').slice(0, 80))}, got ${JSON.stringify((lb[i] ?? '<eof>').slice(0, 80))}`;
  }
  return '';
}

export async function loadLib() {
  const dist = join(ROOT, 'dist');
  const [{ parseAsm }, { buildProgram }, { translateAndVerify }, { libcPrototypes }] = await Promise.all([
    import(join(dist, 'asm', 'index.js')),
    import(join(dist, 'program', 'build.js')),
    import(join(dist, 'translate', 'run.js')),
    import(join(dist, 'abi', 'libc.js')),
  ]);
  return { parseAsm, buildProgram, translateAndVerify, libcPrototypes };
}

async function main() {
  const cli = parseCli(process.argv.slice(2));
  const lib = await loadLib();
  const names = (await import(join(ROOT, 'scripts', 'build-corpus.mjs'))).corpusCFiles().map((f) => f.replace(/^.*\//, '').replace(/\.c$/, ''));
  const results = [];
  const summary = {};
  for (const level of cli.levels) {
    let pass = 0;
    const rows = [];
    for (const name of names) {
      if (cli.only && !cli.only.has(name)) continue;
      let r;
      try {
        r = await e2eOne(level, name, lib, { verify: cli.verify });
      } catch (e) {
        r = { level, name, ok: false, reason: `translator crashed: ${e?.message ?? e}` };
      }
      results.push(r);
      rows.push(r);
      if (r.ok) pass++;
      process.stdout.write(r.ok ? '.' : 'F');
    }
    process.stdout.write('\n');
    summary[level] = { pass, total: rows.length };
    console.log(`${level}: ${pass}/${rows.length} pass`);
    for (const r of rows.filter((x) => !x.ok)) {
      console.log(`  FAIL ${r.name}: ${r.reason}`);
      for (const f of r.refused ?? []) console.log(`      refused ${f}`);
    }
  }
  console.log('\nlevel  pass/total');
  for (const [level, s] of Object.entries(summary)) console.log(`${level.padEnd(6)} ${s.pass}/${s.total} (${((100 * s.pass) / Math.max(1, s.total)).toFixed(1)}%)`);
  mkdirSync(dirname(cli.out), { recursive: true });
  writeFileSync(cli.out, JSON.stringify({ date: new Date().toISOString(), verify: cli.verify, summary, results }, null, 2) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(2);
  });
}
