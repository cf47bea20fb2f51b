// End to end on a sample of the corpus (the full run is `npm run e2e`):
// translate gcc's AArch64 output to RISC-V, link it with the RISC-V C
// library, run both programs under qemu and compare what they print and
// their exit status.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { libcPrototypes } from '../src/abi/libc.js';
import { parseAsm } from '../src/asm/index.js';
import { buildCorpus, asmPathFor, type OptLevel } from '../src/toolchain/corpus.js';
import { runProgram, runTool } from '../src/toolchain/gnu.js';
import { buildProgram } from '../src/program/build.js';
import { translateAndVerify } from '../src/translate/run.js';
import { describeWithTools } from './support/tools.js';

const SAMPLE: [OptLevel, string][] = [
  ['O0', 'switch_dense'], ['O0', 'struct_small'], ['O0', 'printf_floats'], ['O0', 'qsort_comparator'],
  ['O2', 'recursion'], ['O2', 'hash_table'], ['O2', 'mini_interpreter'], ['O2', 'bigint_arith'],
];

describeWithTools(['aarch64-linux-gnu-gcc', 'riscv64-linux-gnu-gcc', 'qemu-aarch64', 'qemu-riscv64'], 'end to end: AArch64 -> RISC-V64', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-e2e-'));
  beforeAll(async () => {
    await buildCorpus({ isas: ['aarch64'], opts: ['O0', 'O2'], names: [...new Set(SAMPLE.map(([, n]) => n))] });
  }, 300_000);

  for (const [level, name] of SAMPLE) {
    it(`${name} at -${level} prints the same on both machines`, async () => {
      const src = asmPathFor('aarch64', level, name);
      const parsed = parseAsm(readFileSync(src, 'utf8'), src, 'aarch64');
      const run = await translateAndVerify(buildProgram(parsed.file), {
        prototypes: await libcPrototypes(), guesser: 'rules', noProof: true, runs: 0, seed: 1, timeoutMs: 1000, jobs: 1,
        allowUnverified: true, skipVerify: true,
      });
      const refused = run.functions.filter((f) => f.result.kind === 'refused').map((f) => f.result.name);
      expect(refused).toEqual([]);
      const rvS = join(dir, `${name}-${level}.rv.s`);
      writeFileSync(rvS, run.assembly);
      const rvExe = join(dir, `${name}-${level}.rv`);
      const a64Exe = join(dir, `${name}-${level}.a64`);
      const link = runTool('riscv64-linux-gnu-gcc', ['-static', '-o', rvExe, rvS, '-lm'], { timeoutMs: 120_000 });
      expect(link.stderr).toBe('');
      expect(link.status).toBe(0);
      const ref = runTool('aarch64-linux-gnu-gcc', ['-static', '-o', a64Exe, src, '-lm'], { timeoutMs: 120_000 });
      expect(ref.status).toBe(0);
      const want = runProgram('aarch64', a64Exe, { timeoutMs: 20_000 });
      const got = runProgram('riscv64', rvExe, { timeoutMs: 20_000 });
      expect(got.timedOut).toBe(false);
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(want.status);
    }, 120_000);
  }
});
