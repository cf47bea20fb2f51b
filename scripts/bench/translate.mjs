// Translation benchmark (issue 4 item 7), measured in one run:
// - translation time per program and per 1,000 source lines, without
//   verification, for every corpus program at -O0 and -O2;
// - the same with verification (tests + Z3) on a sample, and the share of
//   blocks proven there;
// - code quality: dynamically executed instructions of the translated
//   program against riscv64-linux-gnu-gcc compiling the same C at the same
//   level, counted by qemu-riscv64 -singlestep -d exec,nochain (one log line
//   per executed instruction, streamed and counted, never stored).
//
//   node scripts/bench/translate.mjs            (after npm run build and npm run corpus -- --link)
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK = join(ROOT, '.cache', 'bench-translate');

async function lib() {
  const dist = join(ROOT, 'dist');
  const [{ parseAsm }, { buildProgram }, { translateAndVerify }, { libcPrototypes }] = await Promise.all([
    import(join(dist, 'asm', 'index.js')),
    import(join(dist, 'program', 'build.js')),
    import(join(dist, 'translate', 'run.js')),
    import(join(dist, 'abi', 'libc.js')),
  ]);
  return { parseAsm, buildProgram, translateAndVerify, prototypes: await libcPrototypes() };
}

async function translateFile(L, path, verify) {
  const text = readFileSync(path, 'utf8');
  const t0 = performance.now();
  const program = L.buildProgram(L.parseAsm(text, path, 'aarch64').file);
  const run = await L.translateAndVerify(program, {
    prototypes: L.prototypes, guesser: 'rules', noProof: false, runs: 64, seed: 1, timeoutMs: 5000, jobs: 1,
    allowUnverified: true, skipVerify: !verify,
  });
  const ms = performance.now() - t0;
  const statuses = run.functions.flatMap((f) => f.blocks.map((b) => b.status.status));
  return { ms, lines: text.split('\n').length, run, statuses };
}

/**
 * Executed instructions of a RISC-V binary under qemu (stdout discarded). The
 * log goes through a named pipe (qemu cannot open node's socket pipes as a
 * log file) and is counted as it streams.
 */
function countInstructions(exe, timeoutMs = 300_000) {
  const fifo = join(WORK, `log-${process.pid}-${Math.random().toString(36).slice(2)}.fifo`);
  spawnSync('mkfifo', [fifo]);
  return new Promise((done) => {
    let n = 0;
    let exited = false;
    let status = null;
    const reader = createReadStream(fifo);
    const p = spawn('qemu-riscv64', ['-singlestep', '-d', 'exec,nochain', '-D', fifo, exe], { stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    reader.on('data', (chunk) => {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) n++;
    });
    const finish = () => {
      if (!exited || !reader.closed) return;
      clearTimeout(timer);
      rmSync(fifo, { force: true });
      done(status === null ? undefined : n);
    };
    reader.on('close', finish);
    p.on('close', (code) => {
      exited = true;
      status = code;
      finish();
    });
  });
}

export async function benchTranslate({ log = () => {}, levels = ['O0', 'O2'], verifySample = ['recursion'], dynSample = ['recursion', 'crc_hash', 'prime_sieve', 'struct_small'] } = {}) {
  const L = await lib();
  mkdirSync(WORK, { recursive: true });
  const names = (await import(join(ROOT, 'scripts', 'build-corpus.mjs'))).corpusCFiles().map((f) => f.replace(/^.*\//, '').replace(/\.c$/, ''));
  const out = { levels: {} };
  for (const level of levels) {
    let ms = 0;
    let lines = 0;
    const perProgram = {};
    for (const name of names) {
      const r = await translateFile(L, join(ROOT, '.cache', 'corpus', 'aarch64', level, `${name}.s`), false);
      ms += r.ms;
      lines += r.lines;
      perProgram[name] = Math.round(r.ms);
    }
    const lvl = {
      programs: names.length,
      translateMsPerProgram: +(ms / names.length).toFixed(1),
      translateMsPer1000Lines: +((ms / lines) * 1000).toFixed(1),
      perProgramMs: perProgram,
    };
    // With verification, on a sample.
    let vms = 0;
    let vlines = 0;
    let blocks = 0;
    let proven = 0;
    let tested = 0;
    let refuted = 0;
    for (const name of verifySample) {
      const r = await translateFile(L, join(ROOT, '.cache', 'corpus', 'aarch64', level, `${name}.s`), true);
      vms += r.ms;
      vlines += r.lines;
      blocks += r.statuses.length;
      proven += r.statuses.filter((s) => s === 'proven').length;
      tested += r.statuses.filter((s) => s === 'tested').length;
      refuted += r.statuses.filter((s) => s === 'refuted').length;
    }
    lvl.verified = {
      sample: verifySample,
      msPerProgram: +(vms / verifySample.length).toFixed(0),
      msPer1000Lines: +((vms / vlines) * 1000).toFixed(0),
      blocks, proven, tested, refuted,
      provenShare: blocks ? +(proven / blocks).toFixed(3) : 0,
    };
    // Dynamic instruction counts against gcc's own RISC-V build of the same C.
    const dyn = {};
    const ratios = [];
    for (const name of dynSample) {
      const r = await translateFile(L, join(ROOT, '.cache', 'corpus', 'aarch64', level, `${name}.s`), false);
      const s = join(WORK, `${name}-${level}.rv.s`);
      const exe = join(WORK, `${name}-${level}.rv`);
      writeFileSync(s, r.run.assembly);
      const link = spawnSync('riscv64-linux-gnu-gcc', ['-static', '-o', exe, s, '-lm'], { encoding: 'utf8' });
      const native = join(ROOT, '.cache', 'corpus-bin', 'riscv64', level, name);
      if (link.status !== 0 || !existsSync(native)) {
        dyn[name] = { error: link.status !== 0 ? 'link failed' : 'no gcc riscv64 binary (npm run corpus -- --link)' };
        continue;
      }
      const [translated, gcc] = [await countInstructions(exe), await countInstructions(native)];
      if (translated === undefined || gcc === undefined) {
        dyn[name] = { error: 'timeout' };
        continue;
      }
      dyn[name] = { translated, gcc, ratio: +(translated / gcc).toFixed(3) };
      ratios.push(translated / gcc);
    }
    lvl.dynamicInstructions = {
      perProgram: dyn,
      geomeanRatio: ratios.length ? +Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length).toFixed(3) : null,
    };
    log(`translate ${level}: ${lvl.translateMsPerProgram} ms/program, ${lvl.translateMsPer1000Lines} ms/1000 lines without proofs; ` +
      `with verification ${lvl.verified.msPerProgram} ms/program, ${(lvl.verified.provenShare * 100).toFixed(1)}% blocks proven; ` +
      `dynamic instructions x${lvl.dynamicInstructions.geomeanRatio} vs gcc`);
    out.levels[level] = lvl;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchTranslate({ log: console.log });
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'translate.json'), JSON.stringify(r, null, 2) + '\n');
  console.log('written to bench-results/translate.json');
}
