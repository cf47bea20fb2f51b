// Front-end benchmark: parse + CFG of a large generated file per ISA, against
// GNU as assembling the same file in the same run. Figures are ratios measured
// side by side, since these machines are shared and noisy.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCorpus, corpusAsm, ROOT } from '../build-corpus.mjs';

const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const { parseAsm, printAsm } = await import(dist('asm/index.js'));
const { definedSymbols, renameFile } = await import(dist('asm/rename.js'));
const { buildProgram } = await import(dist('program/build.js'));
const { toolFor } = await import(dist('toolchain/gnu.js'));

const MIN_LINES = 60_000;

/** Concatenates renamed copies of the corpus files until the text has MIN_LINES lines. */
function makeLargeFile(isa) {
  const parts = [];
  let lines = 0;
  let copy = 0;
  const files = corpusAsm(isa, 'O2');
  if (files.length === 0) throw new Error(`no corpus assembly for ${isa}; is the cross compiler installed?`);
  while (lines < MIN_LINES) {
    for (const f of files) {
      const text = readFileSync(f.asmPath, 'utf8');
      const parsed = parseAsm(text, f.asmPath, isa);
      if (parsed.diagnostics.length) throw new Error(`${f.asmPath} does not parse cleanly`);
      const defined = definedSymbols(parsed.file);
      const suffix = `_c${copy}`;
      const renamed = renameFile(parsed.file, (n) => (defined.has(n) ? n + suffix : n));
      // RISC-V ELF attributes must precede every instruction: keep the first copy's only.
      if (copy > 0) renamed.statements = renamed.statements.filter((st) => !(st.kind === 'directive' && st.name === '.attribute'));
      const printed = printAsm(renamed);
      parts.push(printed);
      lines += printed.split('\n').length - 1;
      copy++;
      if (lines >= MIN_LINES) break;
    }
  }
  return { text: parts.join(''), lines };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeParse(text, isa, runs) {
  const times = [];
  let functions = 0;
  let blocks = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const parsed = parseAsm(text, 'big.s', isa);
    const program = buildProgram(parsed.file);
    times.push(performance.now() - t0);
    functions = program.functions.length;
    blocks = program.functions.reduce((n, f) => n + f.blocks.length, 0);
  }
  return { ms: median(times), functions, blocks };
}

function timeAs(path, isa, runs) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    execFileSync(toolFor(isa, 'as'), [path, '-o', path + '.o']);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Peak resident memory of a fresh process that only loads the front end, and of one that also parses the file. */
function peakMemory(path, isa) {
  const script = (parse) => `
    const { parseAsm } = await import(${JSON.stringify(dist('asm/index.js'))});
    const { buildProgram } = await import(${JSON.stringify(dist('program/build.js'))});
    const { readFileSync } = await import('node:fs');
    if (${parse}) buildProgram(parseAsm(readFileSync(${JSON.stringify(path)}, 'utf8'), 'big.s', ${JSON.stringify(isa)}).file);
    console.log(process.resourceUsage().maxRSS);`;
  const run = (parse) => Number(spawnSync(process.execPath, ['--input-type=module', '-e', script(parse)], { encoding: 'utf8' }).stdout.trim());
  return { baselineKb: run(false), parseKb: run(true) };
}

export async function benchFrontend({ runs = 3, log = console.log } = {}) {
  await buildCorpus({ opts: ['O2'] });
  const dir = join(ROOT, '.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  const results = [];
  for (const isa of ['aarch64', 'riscv64', 'x86_64']) {
    const { text, lines } = makeLargeFile(isa);
    const path = join(dir, `big.${isa}.s`);
    writeFileSync(path, text);
    timeParse(text, isa, 1); // warm up the JIT
    const ours = timeParse(text, isa, runs);
    const asMs = timeAs(path, isa, runs);
    const mem = peakMemory(path, isa);
    const row = {
      isa,
      lines,
      bytes: Buffer.byteLength(text),
      functions: ours.functions,
      blocks: ours.blocks,
      parseAndCfgMs: Math.round(ours.ms),
      linesPerSecond: Math.round(lines / (ours.ms / 1000)),
      gnuAsMs: Math.round(asMs),
      ratioToGnuAs: Number((ours.ms / asMs).toFixed(2)),
      peakRssMb: Math.round(mem.parseKb / 1024),
      peakRssOverBaselineMb: Math.round((mem.parseKb - mem.baselineKb) / 1024),
    };
    log(
      `frontend ${isa}: ${lines} lines in ${row.parseAndCfgMs} ms = ${row.linesPerSecond} lines/s; ` +
        `GNU as ${row.gnuAsMs} ms (ours/as = ${row.ratioToGnuAs}); peak RSS ${row.peakRssMb} MB (+${row.peakRssOverBaselineMb} MB over an idle process)`,
    );
    results.push(row);
  }
  return results;
}
