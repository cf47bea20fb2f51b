// The C corpus: every tests/corpus/*.c must compile with the real GNU
// compilers for all ISAs at O0/O1/O2/O3/Os, and the O0 and O2 builds must run
// (qemu for aarch64/riscv64, natively for x86_64) and print identical output
// on all three ISAs. The outputs double as reference results for translated
// programs.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCorpus,
  buildCorpusBinaries,
  corpusCFiles,
  corpusGccFor,
  CORPUS_ISAS,
  OPT_LEVELS,
  type CorpusBinary,
  type OptLevel,
} from '../src/toolchain/corpus.js';
import { qemuFor, runProgram, toolFor, type Isa, type RunResult } from '../src/toolchain/gnu.js';
import { describeWithTools } from './support/tools.js';

const ISAS: readonly Isa[] = CORPUS_ISAS;
const RUN_OPTS: readonly OptLevel[] = ['O0', 'O2'];
const RUN_TIMEOUT_MS = 10_000;
const BUILD_TIMEOUT_MS = 240_000;

const requiredTools = [
  ...ISAS.map((isa) => toolFor(isa, 'gcc')),
  ...ISAS.map((isa) => qemuFor(isa)).filter((q): q is string => q !== null),
];

const programs = corpusCFiles().map((p) => basename(p, '.c'));

/** Jump-table dispatch as gcc -O2 emits it (indirect branch through a register). */
const JUMP_TABLE_BRANCH: Record<Isa, RegExp> = {
  aarch64: /^\s+br\s+x\d+$/m,
  riscv64: /^\s+jr\s+[as]\d+$/m,
  x86_64: /^\s+(?:notrack\s+)?jmp\s+\*%r\w+$/m,
};

function describeRun(r: RunResult): string {
  if (r.timedOut) return 'timed out';
  return `exit ${r.status ?? 'signal'}${r.stderr ? `, stderr: ${r.stderr.trim().slice(0, 300)}` : ''}`;
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: ${JSON.stringify(la[i])} vs ${JSON.stringify(lb[i])}`;
  }
  return 'no difference';
}

describeWithTools(requiredTools, 'C corpus', () => {
  it('has enough programs, each starting with a one-line description', () => {
    expect(programs.length).toBeGreaterThanOrEqual(42);
    for (const path of corpusCFiles()) {
      expect(readFileSync(path, 'utf8'), path).toMatch(/^\/\/ \S/);
    }
  });

  it('uses the same gcc drivers as src/toolchain/gnu.ts', () => {
    for (const isa of ISAS) expect(corpusGccFor(isa)).toBe(toolFor(isa, 'gcc'));
  });

  it(
    'compiles every program for every ISA at every optimisation level',
    async () => {
      const results = await buildCorpus();
      expect(results).toHaveLength(programs.length * ISAS.length * OPT_LEVELS.length);
      const failures = results.filter((r) => !r.ok).map((r) => `${r.isa}/${r.opt}/${r.name}: ${r.stderr.trim()}`);
      expect(failures, failures.join('\n\n')).toEqual([]);

      // The switch-heavy programs must keep exercising jump tables on every ISA.
      for (const isa of ISAS) {
        const withTables = results
          .filter((r) => r.isa === isa && r.opt === 'O2' && JUMP_TABLE_BRANCH[isa].test(readFileSync(r.asmPath, 'utf8')))
          .map((r) => r.name);
        for (const name of ['switch_dense', 'switch_state_machine', 'switch_char_classes', 'mini_interpreter']) {
          expect(withTables, `${isa} -O2 indirect-branch programs`).toContain(name);
        }
      }
    },
    BUILD_TIMEOUT_MS,
  );

  describe('runs identically on all ISAs', () => {
    const bins = new Map<string, CorpusBinary>();
    const key = (isa: Isa, opt: OptLevel, name: string): string => `${isa}/${opt}/${name}`;

    beforeAll(async () => {
      for (const b of await buildCorpusBinaries({ opts: RUN_OPTS })) bins.set(key(b.isa, b.opt, b.name), b);
    }, BUILD_TIMEOUT_MS);

    it('links every program at O0 and O2', () => {
      const failures = [...bins.values()].filter((b) => !b.ok).map((b) => `${key(b.isa, b.opt, b.name)}: ${b.stderr.trim()}`);
      expect(bins.size).toBe(programs.length * ISAS.length * RUN_OPTS.length);
      expect(failures, failures.join('\n\n')).toEqual([]);
    });

    for (const opt of RUN_OPTS) {
      for (const name of programs) {
        it(`${name} -${opt}`, () => {
          const outputs = new Map<Isa, string>();
          for (const isa of ISAS) {
            const bin = bins.get(key(isa, opt, name));
            if (bin === undefined || !bin.ok) throw new Error(`${key(isa, opt, name)} was not built`);
            const r = runProgram(isa, bin.exePath, { timeoutMs: RUN_TIMEOUT_MS });
            if (r.status !== 0 || r.timedOut) throw new Error(`${key(isa, opt, name)}: ${describeRun(r)}`);
            expect(r.stdout.length, `${key(isa, opt, name)} printed nothing`).toBeGreaterThan(0);
            outputs.set(isa, r.stdout);
          }
          const reference = outputs.get('x86_64') ?? '';
          for (const isa of ISAS) {
            const out = outputs.get(isa) ?? '';
            if (out !== reference) {
              throw new Error(`${name} -${opt}: ${isa} differs from x86_64 at ${firstDifference(out, reference)}`);
            }
          }
        }, 3 * RUN_TIMEOUT_MS + 5_000);
      }
    }
  });
});
