// Translated programs that need the variadic runtime, end to end: AArch64 C
// compiled by gcc at -O0 and -O2 with a local variadic function forwarding
// its va_list to vsnprintf / vprintf / vsscanf, and printf-family calls whose
// format is chosen at run time. Each is translated (the runtime is appended
// to the output), linked with the RISC-V C library, run under qemu-riscv64,
// and must print what the AArch64 build prints under qemu-aarch64. The
// blocks that call the runtime must be proven.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { libcPrototypes } from '../src/abi/libc.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { runProgram, runTool } from '../src/toolchain/gnu.js';
import { parseTargetLines, translateAndVerify } from '../src/translate/run.js';
import { verifyBlock } from '../src/verify/block.js';
import { describeWithTools } from './support/tools.js';

const PROGRAM = String.raw`#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

__attribute__((noinline)) static int fmt_into(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  return r;
}

/* Two named integers and a named double before the list: the va_list starts part-way through both save areas. */
__attribute__((noinline)) static int say(int tag, double scale, const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  printf("[%d %.1f] ", tag, scale);
  int r = vprintf(fmt, ap);
  char buf[256];
  vsprintf(buf, fmt, again);
  printf("(%zu)\n", strlen(buf));
  va_end(again);
  va_end(ap);
  return r;
}

__attribute__((noinline)) static int scan(const char *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsscanf(s, fmt, ap);
  va_end(ap);
  return r;
}

static const char *const formats[] = {
  "%d %s %f %c %ld %g %x %e %u %a %hhd %G %zu %E %hd %f %o %f %F %s %f %d %10.4f %% %i %g\n",
  "%s=%5.2f|%-8s|%*d|%.*f|%p\n",
  "unused %d\n",
};
static volatile int pick[3] = {0, 1, 2};

int main(void) {
  char buf[512];
  int r = fmt_into(buf, sizeof buf, formats[pick[0]], -42, "str", 3.25, 'Z', -1234567890123L, 1e-5, 0xbeef, 2.5e10,
                   4000000000u, 1.0 / 3, 300, 1e300, (size_t)12345, -7.75, 70000, 100.0, 8, 0.125, 1e20, "tail", 6.5,
                   2147483647, 2.71828, -1, 0.0);
  printf("%d:%s", r, buf);
  r = fmt_into(buf, 8, "%s|%d", "truncated string", 5);
  printf("trunc %d '%s'\n", r, buf);
  say(3, 0.5, "%d-%f-%s-%d-%f-%d-%f-%d-%f-%d-%f-%d-%f-%d-%f-%d-%f-%d-%f\n", 1, 1.5, "two", 3, 3.5, 4, 4.5, 5, 5.5, 6,
      6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5);
  /* Formats only known at run time, straight to the printf family. */
  r = printf(formats[pick[1]], "pi", 3.14159, "left", 6, 42, 3, 2.71828, (void *)0);
  int n = snprintf(buf, sizeof buf, formats[pick[0]], -42, "str", 3.25, 'Z', -1234567890123L, 1e-5, 0xbeef, 2.5e10,
                   4000000000u, 1.0 / 3, 300, 1e300, (size_t)12345, -7.75, 70000, 100.0, 8, 0.125, 1e20, "tail", 6.5,
                   2147483647, 2.71828, -1, 0.0);
  printf("%d %d %s", r, n, buf);
  sprintf(buf, formats[pick[2]], 77);
  fputs(buf, stdout);
  fprintf(stdout, formats[pick[1]], "e", 2.0, "x", 1, 2, 1, 0.25, (void *)0x10);
  fflush(stdout);
  errno = ENOENT;
  dprintf(1, formats[pick[1]] + 0, "fd", 1.0, "y", 2, 3, 0, 9.0, (void *)0);
  int a = 0, b = 0;
  double x = 0;
  char word[16] = {0}, rest[16] = {0};
  int got = scan("12 -7 2.5 hello [abc]", "%d %*s %lf %15s [%15[a-c]]", &a, &x, word, rest);
  printf("scan %d %d %d %.2f %s %s\n", got, a, b, x, word, rest);
  return 0;
}
`;

describeWithTools(['aarch64-linux-gnu-gcc', 'riscv64-linux-gnu-gcc', 'qemu-aarch64', 'qemu-riscv64'], 'translated programs that use the variadic runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-runtime-e2e-'));
  const csrc = join(dir, 'prog.c');
  writeFileSync(csrc, PROGRAM);

  for (const level of ['O0', 'O2'] as const) {
    it(`-${level}: va_list forwarding and run-time formats print what AArch64 prints${level === 'O0' ? '; the runtime calls are proven' : ''}`, async () => {
      const a64S = join(dir, `prog-${level}.s`);
      const cc = runTool('aarch64-linux-gnu-gcc', [`-${level}`, '-S', '-o', a64S, csrc], { timeoutMs: 60_000 });
      expect(cc.stderr).toBe('');
      const parsed = parseAsm(readFileSync(a64S, 'utf8'), a64S, 'aarch64');
      const run = await translateAndVerify(buildProgram(parsed.file), {
        prototypes: await libcPrototypes(), guesser: 'rules', noProof: true, runs: 0, seed: 1, timeoutMs: 1000, jobs: 1,
        allowUnverified: true, skipVerify: true,
      });
      const refused = run.functions.filter((f) => f.result.kind === 'refused').map((f) => `${f.result.name}: ${f.result.kind === 'refused' ? f.result.reason : ''}`);
      expect(refused).toEqual([]);
      expect(run.assembly).toMatch(/call\s+__tp_rt_vsnprintf/);
      expect(run.assembly).toMatch(/call\s+__tp_rt_printf/);
      // The blocks that call the runtime, and the wrappers they call.
      const runtimeBlocks = run.functions.flatMap((f) => f.blocks.filter((b) => b.block.translation.rules.includes('call-runtime')));
      // vsnprintf, vprintf, vsprintf, vsscanf, and printf, snprintf, sprintf, fprintf, dprintf with run-time formats.
      const wrappers = runtimeBlocks.flatMap((b) => b.block.translation.calls.flatMap((c) => (c.runtime ? [c.runtime.wrapper] : [])));
      // (gcc -O2 turns vprintf(f, ap) into vfprintf(stdout, f, ap).)
      const vprintf = level === 'O0' ? 'vprintf' : 'vfprintf';
      expect(new Set(wrappers)).toEqual(new Set(['vsnprintf', vprintf, 'vsprintf', 'vsscanf', 'printf', 'snprintf', 'sprintf', 'fprintf', 'dprintf'].map((w) => `__tp_rt_${w}`)));
      const privateBytes = Number(/\.size\s+__tp_private, (\d+)/.exec(run.assembly)![1]);
      // The forwarding functions' entry blocks also hold va_start's `str q0-q7`, whose upper halves the
      // verifier cannot follow from a function entry (a separate gap): main's runtime calls are checked here,
      // a va_list forwarding block without va_start in tests/translate-call-claims.test.ts.
      const mainBlocks = run.functions.find((f) => f.result.name === 'main')!.blocks.filter((b) => b.block.translation.rules.includes('call-runtime'));
      expect(mainBlocks.length).toBeGreaterThan(0);
      // At -O2 main is one block of some 190 obligations that takes long to prove: -O0 only, for time.
      for (const b of level === 'O0' ? mainBlocks : []) {
        const block = { ...b.block.translation, target: parseTargetLines(b.block.lines.filter((l) => !l.endsWith(':')), 'test') };
        const status = await verifyBlock({
          srcIsa: 'aarch64', tgtIsa: 'riscv64', block, privateAreas: [{ symbol: '__tp_private', bytes: privateBytes }], runs: 16, seed: 1, timeoutMs: 10_000,
        });
        expect({ block: b.label, status }).toEqual({ block: b.label, status: { status: 'proven' } });
      }

      const rvS = join(dir, `prog-${level}.rv.s`);
      writeFileSync(rvS, run.assembly);
      const rvExe = join(dir, `prog-${level}.rv`);
      const a64Exe = join(dir, `prog-${level}.a64`);
      const link = runTool('riscv64-linux-gnu-gcc', ['-static', '-o', rvExe, rvS, '-lm'], { timeoutMs: 120_000 });
      expect(link.stderr).toBe('');
      const ref = runTool('aarch64-linux-gnu-gcc', ['-static', '-o', a64Exe, a64S, '-lm'], { timeoutMs: 120_000 });
      expect(ref.status).toBe(0);
      const want = runProgram('aarch64', a64Exe, { timeoutMs: 20_000 });
      const got = runProgram('riscv64', rvExe, { timeoutMs: 20_000 });
      expect(want.stdout.split('\n').length).toBeGreaterThan(8);
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(want.status);
    }, 180_000);
  }
});
