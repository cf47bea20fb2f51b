#!/usr/bin/env node
// `npm run verify-loops`: how `transpile verify` does on the corpus
// functions that have loops, for two pairings of compilations of the same
// C: riscv64 -O1 vs -O2 and aarch64 -O0 vs riscv64 -O2. Counts the
// verdicts (equivalent for all iterations, equivalent up to the unrolling
// bound, inconclusive, different) and the reasons cut-point proofs failed;
// writes bench-results/verify-loops.json.
// Options: --programs=a,b (default: all), --runs=N (default 48), --max-steps=N per test run (default 20000),
// --timeout=MS per solver query (default 10000).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildCorpus, corpusAsm } from './build-corpus.mjs';

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { parseAsm } = await import(dist('asm/index.js'));
const { buildProgram } = await import(dist('program/build.js'));
const { verifyPrograms } = await import(dist('verify/verify.js'));
const { smtChecker } = await import(dist('verify/checker.js'));
const { closeDefaultSolvers } = await import(dist('smt/solver.js'));
const { loopHeaders } = await import(dist('program/dominators.js'));
const { parsePrototypes } = await import(dist('cfront/prototypes.js'));

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const only = arg('programs', '')?.split(',').filter(Boolean);
const runs = Number(arg('runs', '48'));
const maxSteps = Number(arg('max-steps', '20000'));
const timeout = Number(arg('timeout', '10000'));
const PAIRS = [
  { a: ['riscv64', 'O1'], b: ['riscv64', 'O2'] },
  { a: ['aarch64', 'O0'], b: ['riscv64', 'O2'] },
];

await buildCorpus({ isas: ['riscv64', 'aarch64'], opts: ['O0', 'O1', 'O2'] });
const load = (isa, opt) => new Map(corpusAsm(isa, opt).map((f) => [f.name, f]));

/**
 * Prototypes of the functions defined in a corpus C file: the whole file
 * through tree-sitter, or when it has a declaration the reader does not
 * take (initialised arrays), each function definition's header alone.
 */
async function prototypesOf(cPath) {
  const text = readFileSync(cPath, 'utf8');
  try {
    return new Map((await parsePrototypes(text, cPath)).map((p) => [p.name, p]));
  } catch {
    const out = new Map();
    const plain = text.replace(/__attribute__\s*\(\([^)]*\)\)\s*/g, '');
    for (const m of plain.matchAll(/^(?:static\s+)?(?:inline\s+)?([A-Za-z_][\w\s*]*?\b\w+\s*\([^;{)]*\))\s*\{/gm)) {
      try {
        for (const p of await parsePrototypes(`${m[1]};`, cPath)) out.set(p.name, p);
      } catch {
        // a header the reader does not take: that function gets the default prototype
      }
    }
    return out;
  }
}

const results = [];
for (const pair of PAIRS) {
  const filesA = load(...pair.a);
  const filesB = load(...pair.b);
  const label = `${pair.a.join(' -')} vs ${pair.b.join(' -')}`;
  const counts = { functions: 0, equivalent: 0, 'equivalent-bounded': 0, inconclusive: 0, different: 0 };
  const rows = [];
  for (const [name, fa] of filesA) {
    if (only?.length && !only.includes(name)) continue;
    const fb = filesB.get(name);
    if (!fb) continue;
    const pa = buildProgram(parseAsm(readFileSync(fa.asmPath, 'utf8'), fa.asmPath, pair.a[0]).file);
    const pb = buildProgram(parseAsm(readFileSync(fb.asmPath, 'utf8'), fb.asmPath, pair.b[0]).file);
    const namesB = new Set(pb.functions.map((f) => f.name));
    // Functions with a loop on at least one side, present on both (main reads the outside world).
    const fns = pa.functions
      .filter((f) => f.name !== 'main' && namesB.has(f.name))
      .filter((f) => loopHeaders(f).length > 0 || loopHeaders(pb.functions.find((g) => g.name === f.name)).length > 0)
      .map((f) => f.name);
    if (!fns.length) continue;
    const prototypes = await prototypesOf(new URL(`../tests/corpus/${name}.c`, import.meta.url).pathname);
    const t0 = Date.now();
    const r = await verifyPrograms(pa, pb, { runs, seed: 1, maxSteps, prototypes, functions: fns, checker: smtChecker(timeout) });
    for (const f of r.functions) {
      counts.functions++;
      counts[f.verdict.kind]++;
      const v = f.verdict;
      rows.push({
        program: name,
        function: f.name,
        verdict: v.kind,
        ...(v.kind === 'equivalent' && v.loops ? { invariantFacts: v.loops.invariant.length, headers: v.loops.headers } : {}),
        why: v.kind === 'equivalent' ? v.how : v.kind === 'equivalent-bounded' ? v.how.replace(/^.*no proof by cut points: /, '') : v.reason,
      });
    }
    console.log(`${label} ${name}: ${r.functions.map((f) => `${f.name}=${f.verdict.kind}`).join(' ')} (${Date.now() - t0} ms)`);
  }
  console.log(`${label}: ${JSON.stringify(counts)}`);
  results.push({ pair: label, counts, functions: rows });
}
await closeDefaultSolvers();
mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../bench-results/verify-loops.json', import.meta.url), JSON.stringify({ runs, maxSteps, timeoutMs: timeout, results }, null, 2) + '\n');
