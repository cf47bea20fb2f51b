#!/usr/bin/env node
// Differential tests of instruction semantics against qemu-user.
//
//   node scripts/difftest.mjs [--isa riscv64|aarch64] [--cases N] [--form REGEX]
//                             [--seed S] [--keep] [--no-docs]
//
// Runs on the compiled harness (dist/difftest/, `npm run build` first; the
// `difftest` npm script does both). A full run (no --form) rewrites the ISA's
// section of docs/difftest.md (and the generated table of
// docs/semantics-<isa>.md when that file has the section markers); with
// --form the results are only printed unless --docs is given. Exit status 1
// when any form fails.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { isa: 'riscv64', cases: 1000, form: undefined, seed: '1', keep: false, docs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--isa') opts.isa = next();
    else if (a === '--cases') opts.cases = Number(next());
    else if (a === '--form') opts.form = next();
    else if (a === '--seed') opts.seed = next();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--no-docs') opts.docs = false;
    else if (a === '--docs') opts.docs = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: difftest.mjs [--isa riscv64|aarch64] [--cases N] [--form REGEX] [--seed S] [--keep] [--no-docs|--docs]');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'`);
  }
  if (!Number.isInteger(opts.cases) || opts.cases < 1) throw new Error('--cases must be a positive integer');
  if (opts.docs === undefined) opts.docs = opts.form === undefined;
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dist = join(ROOT, 'dist', 'difftest');
  const { loadTarget } = await import(join(dist, 'targets.js'));
  const { runDifftest } = await import(join(dist, 'harness.js'));
  const { formatGroups, formatSection, formatSummary, updateMarkedSection, updateReport } = await import(join(dist, 'report.js'));
  const { missingTools } = await import(join(ROOT, 'dist', 'toolchain', 'gnu.js'));

  const missing = missingTools([opts.isa]).filter((t) => !/objdump|readelf|objcopy/.test(t));
  if (missing.length > 0) {
    console.error(`difftest: missing tools: ${missing.join(', ')} (see scripts/setup.sh)`);
    process.exit(2);
  }
  const target = await loadTarget(opts.isa);
  const started = Date.now();
  const results = runDifftest(target, {
    casesPerForm: opts.cases,
    seed: opts.seed,
    ...(opts.form ? { form: new RegExp(opts.form) } : {}),
    keepWorkDir: opts.keep,
    log: (m) => console.error(`[difftest ${opts.isa}] ${m}`),
  });
  console.log(formatSummary(results));
  const failed = results.filter((r) => r.status === 'fail');
  const skipped = results.filter((r) => r.status === 'skipped');
  const cases = results.reduce((n, r) => n + r.cases, 0);
  console.log(
    `\n${opts.isa}: ${results.length} forms, ${failed.length} failed, ${skipped.length} skipped, ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const r of failed) for (const m of r.examples) console.log(`\nMISMATCH ${m.text}\n  input ${JSON.stringify(m.input)}\n  ${m.diffs.map((d) => `${d.what}: qemu ${d.qemu} | semantics ${d.interp}`).join('\n  ')}`);
  if (opts.docs) {
    const path = join(ROOT, 'docs', 'difftest.md');
    const meta = { isa: opts.isa, seed: opts.seed, casesPerForm: opts.cases };
    updateReport(path, opts.isa, formatSection(meta, results));
    console.log(`wrote ${path}`);
    // The ISA's semantics document gets the per-group table if it has the section markers.
    const semDoc = join(ROOT, 'docs', `semantics-${opts.isa}.md`);
    if (updateMarkedSection(semDoc, opts.isa, formatGroups(meta, results))) console.log(`wrote ${semDoc}`);
  }
  process.exit(failed.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(2);
});
