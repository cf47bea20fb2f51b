// The round-trip check shared by the front-end tests: parse, print, assemble
// both texts under one name, and demand byte-identical objects.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Isa } from '../../src/asm/ast.js';
import { parseAsm, printAsm } from '../../src/asm/index.js';
import { formatDiagnostic } from '../../src/asm/source.js';
import { compareAssembled, mapLimit } from '../../src/toolchain/assemble.js';
import { OPT_LEVELS } from '../../src/toolchain/corpus.js';
import { toolFor } from '../../src/toolchain/gnu.js';
import { describeWithTools } from './tools.js';

export const JOBS = Math.max(2, os.availableParallelism());

/** Parses, prints and assembles both texts; returns why they differ, or undefined. */
export async function roundTrip(isa: Isa, text: string, baseName: string): Promise<string | undefined> {
  const r = parseAsm(text, `${baseName}.s`, isa);
  if (r.diagnostics.length) return r.diagnostics.slice(0, 3).map((d) => formatDiagnostic(d, r.source)).join('\n');
  const cmp = await compareAssembled(isa, text, printAsm(r.file), baseName);
  return cmp.same ? undefined : cmp.detail;
}

function run(cmd: string, args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stderr }));
    p.on('error', (e) => resolve({ status: -1, stderr: String(e) }));
  });
}

/**
 * Compiles each C source at every optimisation level under each flag set
 * with the ISA's gcc, and round-trips every output: one test per flag set.
 */
export function describeCompiledRoundTrips(
  isa: Isa,
  title: string,
  sources: Record<string, string>,
  flagSets: Record<string, string[]>,
): void {
  const gcc = toolFor(isa, 'gcc');
  describeWithTools([gcc, toolFor(isa, 'as')], title, () => {
    let dir = '';
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `transpile-${isa}-`));
      for (const [name, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, `${name}.c`), text);
      return () => fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const [flagName, flags] of Object.entries(flagSets)) {
      it(flagName, async () => {
        const jobs = Object.keys(sources).flatMap((name) => OPT_LEVELS.map((opt) => ({ name, opt })));
        const failures = (
          await mapLimit(jobs, JOBS, async ({ name, opt }) => {
            const out = `${name}.${flagName}.${opt}.s`;
            const cc = await run(gcc, ['-S', `-${opt}`, ...flags, '-o', out, `${name}.c`], dir);
            if (cc.status !== 0) return `${out}: gcc failed: ${cc.stderr}`;
            const why = await roundTrip(isa, fs.readFileSync(path.join(dir, out), 'utf8'), name);
            return why === undefined ? undefined : `${out}: ${why}`;
          })
        ).filter((f) => f !== undefined);
        expect(failures).toEqual([]);
      }, 300_000);
    }
  });
}
