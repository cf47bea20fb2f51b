#!/usr/bin/env node
// Corpus builder: compiles tests/corpus/*.c to assembly with the real GNU
// compilers (gcc -S -O<level>) for every ISA, and optionally links the
// generated .s files into static executables.
//
// Plain JavaScript so that `npm run corpus` works without a build step;
// src/toolchain/corpus.ts is the typed wrapper (types in build-corpus.d.mts).
//
// Outputs (all under .cache/, which is not committed):
//   .cache/corpus/<isa>/<opt>/<name>.s       gcc -S output
//   .cache/corpus/<isa>/<opt>/<name>.stamp   hash of source + command line
//   .cache/corpus-bin/<isa>/<opt>/<name>     static executable linked from the .s
//   .cache/corpus-bin/<isa>/<opt>/<name>.stamp
// Work is incremental: an output is rebuilt only when its stamp differs.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ISAS = Object.freeze(['aarch64', 'riscv64', 'x86_64']);
export const OPT_LEVELS = Object.freeze(['O0', 'O1', 'O2', 'O3', 'Os']);

/** Repository root (this file lives in <root>/scripts/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'tests', 'corpus');
export const ASM_CACHE_DIR = join(ROOT, '.cache', 'corpus');
export const BIN_CACHE_DIR = join(ROOT, '.cache', 'corpus-bin');

const COMPILE_TIMEOUT_MS = 120_000;

/**
 * gcc driver for an ISA. Mirrors toolFor(isa, 'gcc') in src/toolchain/gnu.ts
 * (kept in sync by tests/corpus.test.ts): cross prefix for the foreign ISAs,
 * the native compiler for x86_64.
 */
export function gccFor(isa) {
  if (isa === 'x86_64') return 'gcc';
  if (isa === 'aarch64' || isa === 'riscv64') return `${isa}-linux-gnu-gcc`;
  throw new Error(`unknown ISA: ${isa}`);
}

/** Absolute paths of tests/corpus/*.c, sorted by name. */
export function corpusCFiles() {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => join(CORPUS_DIR, f));
}

/** Path of the generated assembly for one program. */
export function asmPathFor(isa, opt, name) {
  return join(ASM_CACHE_DIR, isa, opt, `${name}.s`);
}

/** Path of the linked executable for one program. */
export function binPathFor(isa, opt, name) {
  return join(BIN_CACHE_DIR, isa, opt, name);
}

/** Existing generated .s files for (isa, opt), sorted, as {name, asmPath}. */
export function corpusAsm(isa, opt) {
  const dir = join(ASM_CACHE_DIR, isa, opt);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.s'))
    .sort()
    .map((f) => ({ name: f.slice(0, -2), asmPath: join(dir, f) }));
}

/** Compiler arguments for `gcc -S`: gcc defaults otherwise (PIE, CFI, ...). */
export function compileArgs(opt, cRel, sRel) {
  return ['-S', `-${opt}`, '-o', sRel, cRel];
}

/** Link arguments: the .s straight from the cache into a static executable. */
export function linkArgs(sRel, exeRel) {
  return ['-static', '-o', exeRel, sRel, '-lm'];
}

function sha256(...parts) {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex');
}

function readOr(path, fallback) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** Run one command asynchronously (no shell) with a timeout; never rejects. */
function runAsync(cmd, args, timeoutMs) {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolvePromise({ status: null, stdout, stderr: String(err), timedOut });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolvePromise({ status: null, stdout, stderr: stderr + `${cmd}: ${err.message}`, timedOut });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr, timedOut });
    });
  });
}

/** Run async task factories with at most `jobs` in flight; results keep order. */
async function pool(tasks, jobs) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return results;
}

/**
 * Produce `outPath` with `cmd args` unless its stamp matches `stampKey`.
 * The tool writes to a temporary path which is renamed on success, so an
 * interrupted build never leaves a truncated output with a valid stamp.
 */
let tmpCounter = 0;

async function buildOne(cmd, argsFor, outPath, stampKey) {
  const stampPath = `${outPath}.stamp`;
  if (existsSync(outPath) && readOr(stampPath, '') === stampKey) {
    return { ok: true, cached: true, stderr: '' };
  }
  mkdirSync(dirname(outPath), { recursive: true });
  rmSync(stampPath, { force: true });
  // Unique per process and call: concurrent builders (vitest workers) may race.
  const tmp = `${outPath}.tmp-${process.pid}-${++tmpCounter}-${randomBytes(4).toString('hex')}`;
  const res = await runAsync(cmd, argsFor(relative(ROOT, tmp)), COMPILE_TIMEOUT_MS);
  const ok = res.status === 0 && !res.timedOut && existsSync(tmp);
  if (ok) {
    renameSync(tmp, outPath);
    writeFileSync(stampPath, stampKey);
  } else {
    rmSync(tmp, { force: true });
  }
  const stderr = res.timedOut ? `${res.stderr}\n${cmd}: timed out` : res.stderr;
  return { ok, cached: false, stderr };
}

function normalise(options) {
  const isas = options.isas ?? ISAS;
  const opts = options.opts ?? OPT_LEVELS;
  for (const isa of isas) if (!ISAS.includes(isa)) throw new Error(`unknown ISA: ${isa}`);
  for (const opt of opts) if (!OPT_LEVELS.includes(opt)) throw new Error(`unknown optimisation level: ${opt}`);
  const jobs = options.jobs ?? availableParallelism();
  let files = corpusCFiles();
  if (options.names) {
    const wanted = new Set(options.names);
    files = files.filter((f) => wanted.has(basename(f, '.c')));
  }
  return { isas, opts, jobs, files };
}

/**
 * Compile every corpus program for every (isa, opt) into
 * .cache/corpus/<isa>/<opt>/<name>.s. Incremental and parallel.
 * Resolves to one entry per compilation, in (isa, opt, name) order.
 */
export async function buildCorpus(options = {}) {
  const { isas, opts, jobs, files } = normalise(options);
  const sources = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const tasks = [];
  for (const isa of isas) {
    const gcc = gccFor(isa);
    for (const opt of opts) {
      for (const cPath of files) {
        const name = basename(cPath, '.c');
        const asmPath = asmPathFor(isa, opt, name);
        const cRel = relative(ROOT, cPath);
        // The stamp covers the source and the exact command (output name excluded).
        const stamp = sha256('compile-v1', gcc, compileArgs(opt, cRel, '<out>').join(' '), sources.get(cPath));
        tasks.push(async () => {
          const r = await buildOne(gcc, (tmp) => compileArgs(opt, cRel, tmp), asmPath, stamp);
          return { isa, opt, name, cPath, asmPath, ...r };
        });
      }
    }
  }
  return pool(tasks, jobs);
}

/**
 * Link the generated assembly into static executables under
 * .cache/corpus-bin/<isa>/<opt>/<name> (assembling with the same gcc driver).
 * Builds the needed .s files first. Incremental and parallel.
 */
export async function buildCorpusBinaries(options = {}) {
  const compiled = await buildCorpus(options);
  const { jobs } = normalise(options);
  const tasks = compiled.map((c) => async () => {
    const exePath = binPathFor(c.isa, c.opt, c.name);
    if (!c.ok) return { ...c, exePath, ok: false, cached: false, stderr: `compile failed:\n${c.stderr}` };
    const gcc = gccFor(c.isa);
    const sRel = relative(ROOT, c.asmPath);
    const stamp = sha256('link-v1', gcc, linkArgs(sRel, '<out>').join(' '), readFileSync(c.asmPath, 'utf8'));
    const r = await buildOne(gcc, (tmp) => linkArgs(sRel, tmp), exePath, stamp);
    return { ...c, exePath, ...r };
  });
  return pool(tasks, jobs);
}

// ---------------------------------------------------------------------------
// CLI: node scripts/build-corpus.mjs [--isa a,b] [--opt O0,O2] [--jobs N]
//                                    [--only name,name] [--link] [--clean]

function parseCli(argv) {
  const out = { link: false, clean: false, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--isa') out.options.isas = value().split(',');
    else if (arg === '--opt') out.options.opts = value().split(',').map((o) => (o.startsWith('O') ? o : `O${o}`));
    else if (arg === '--jobs' || arg === '-j') out.options.jobs = Number(value());
    else if (arg === '--only') out.options.names = value().split(',');
    else if (arg === '--link') out.link = true;
    else if (arg === '--clean') out.clean = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: build-corpus.mjs [--isa aarch64,riscv64,x86_64] [--opt O0,O1,O2,O3,Os] [--jobs N] [--only names] [--link] [--clean]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return out;
}

async function main() {
  const cli = parseCli(process.argv.slice(2));
  if (cli.clean) {
    rmSync(ASM_CACHE_DIR, { recursive: true, force: true });
    rmSync(BIN_CACHE_DIR, { recursive: true, force: true });
  }
  const t0 = performance.now();
  const results = cli.link ? await buildCorpusBinaries(cli.options) : await buildCorpus(cli.options);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const failed = results.filter((r) => !r.ok);
  const cached = results.filter((r) => r.cached).length;
  for (const f of failed) console.error(`FAIL ${f.isa}/${f.opt}/${f.name}\n${f.stderr.trim()}`);
  console.log(
    `${cli.link ? 'linked' : 'compiled'} ${results.length} (${cached} up to date, ${failed.length} failed) in ${secs}s -> ${relative(ROOT, cli.link ? BIN_CACHE_DIR : ASM_CACHE_DIR)}`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
