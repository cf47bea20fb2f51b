// The sketch benchmark (examples/sketches/manifest.json): every entry marked
// fast must end with its expected status. The slow ones run in `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeSketch } from '../src/sketch/index.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { Isa } from '../src/asm/ast.js';

const DIR = path.join(import.meta.dirname, '..', 'examples', 'sketches');
interface Entry {
  name: string;
  isa: Isa;
  specIsa?: Isa;
  expected: string;
  sketch: string;
  spec?: string;
  examples?: string;
  prototype?: string;
  fast: boolean;
  why?: string;
  timeoutMs?: number;
}
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as { sketches: Entry[] };
const ONLY = process.env['SKETCH_ALL'] ? manifest.sketches : manifest.sketches.filter((e) => e.fast);

afterAll(async () => {
  await closeDefaultSolvers();
});

describe('sketch benchmark (fast entries)', () => {
  it('has at least 40 sketches, each with a specification and an expected status', () => {
    expect(manifest.sketches.length).toBeGreaterThanOrEqual(40);
    for (const e of manifest.sketches) {
      expect(e.spec ?? e.examples, e.name).toBeDefined();
      expect(['completed', 'no completion exists', 'timeout'], e.name).toContain(e.expected);
      // An expected timeout is a known limit of the solver, and must say so.
      if (e.expected === 'timeout') expect(e.why, e.name).toBeTruthy();
    }
  });
  for (const e of ONLY) {
    it(`${e.name}: ${e.expected}`, async () => {
      const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');
      const t0 = Date.now();
      const r = await completeSketch({
        sketch: read(e.sketch),
        sketchName: e.sketch,
        isa: e.isa,
        ...(e.spec ? { spec: read(e.spec), specName: e.spec } : {}),
        ...(e.specIsa ? { specIsa: e.specIsa } : {}),
        ...(e.examples ? { examples: read(e.examples), examplesName: e.examples } : {}),
        ...(e.prototype ? { prototype: e.prototype } : {}),
        timeoutMs: Number(process.env['SKETCH_TIMEOUT_MS'] ?? e.timeoutMs ?? 20_000),
      });
      if (process.env['SKETCH_VERBOSE']) console.log(e.name, r.status, Date.now() - t0, 'ms', r.how, r.holes.map((h) => h.chosen).join(' ; '));
      expect(r.status, r.how).toBe(e.expected);
    }, 600_000);
  }
});
