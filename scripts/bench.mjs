#!/usr/bin/env node
// `npm run bench`: runs every benchmark and writes bench-results/latest.json
// (and a dated copy). Targets are judged on ratios measured in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build-corpus.mjs';
import { benchFrontend } from './bench/frontend.mjs';
import { benchSmt } from './bench/smt.mjs';
import { benchVerify } from './bench/verify.mjs';
import { benchSketches, benchRepair } from './bench/sketch.mjs';
import { benchRepairCorpus } from './bench/repair.mjs';
import { benchTranslate } from './bench/translate.mjs';

const started = new Date();
const results = {
  date: started.toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  frontend: await benchFrontend(),
  verify: await benchVerify(),
  smt: await benchSmt({ log: console.log }),
  sketches: await benchSketches({ log: console.log }),
  repair: await benchRepair({ log: console.log }),
  repairCorpus: (await benchRepairCorpus({ log: console.log })).summary,
  translate: await benchTranslate({ log: console.log }),
};
const dir = join(ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
const text = JSON.stringify(results, null, 2) + '\n';
writeFileSync(join(dir, 'latest.json'), text);
console.log(`results written to bench-results/latest.json`);
