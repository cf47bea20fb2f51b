// The variadic runtime (src/runtime/va.c) as shipped: the stored assembly is
// what scripts/gen-runtime.mjs builds now, every wrapper the translator may
// call is defined in it, and under qemu-riscv64 its wrappers, called with
// the translator's local convention (x0-x7 in a0-a7, d0-d7 in fa0-fa7, the
// rest on the stack AArch64's way), print what the AArch64 C library prints
// for the same call under qemu-aarch64: mixed integers, doubles and strings,
// `*` widths and precisions, more than eight arguments of each class (stack
// arguments), and a refusal (abort) for `%Lf` and positional arguments.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_PARAM, VA_LIST_PARAM, libcPrototypes, runtimeWrapperFor } from '../src/abi/libc.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { translateProgram } from '../src/translate/program.js';
import { runProgram, runTool } from '../src/toolchain/gnu.js';
import { VA_RUNTIME_RISCV64 } from '../src/runtime/va-riscv64.generated.js';
import { describeWithTools } from './support/tools.js';

describe('the stored runtime', () => {
  it('defines every wrapper the translator may call, as a local symbol', () => {
    for (const callee of [...VA_LIST_PARAM.keys(), ...FORMAT_PARAM.keys()]) {
      const w = runtimeWrapperFor(callee)!.wrapper;
      expect(VA_RUNTIME_RISCV64).toMatch(new RegExp(`^${w}:$`, 'm'));
    }
    expect(VA_RUNTIME_RISCV64).not.toMatch(/\.globl/);
    // gcc's own local labels are renamed so they cannot meet the translated program's `.L3`.
    expect(VA_RUNTIME_RISCV64).not.toMatch(/\.L(?!tp_rt_)[A-Za-z0-9_]/);
  });

  it('is appended only to outputs that call it', async () => {
    const text = '\t.text\n\t.global f\n\t.type f, %function\nf:\n\tadd x0, x0, 1\n\tret\n\t.size f, .-f\n';
    const t = translateProgram(buildProgram(parseAsm(text, 't.s', 'aarch64').file), { prototypes: await libcPrototypes() });
    const out = t.emit();
    expect(out).toMatch(/addi\s+a0, a0, 1/);
    expect(out).not.toMatch(/__tp_rt_/);
  });

  it('has no wrapper for functions without one', () => {
    expect(runtimeWrapperFor('puts')).toBeUndefined();
    expect(runtimeWrapperFor('scanf')).toBeUndefined();
  });
});

describeWithTools(['riscv64-linux-gnu-gcc'], 'the stored runtime is the compiled source', () => {
  it('scripts/gen-runtime.mjs --check finds no difference', () => {
    const out = execFileSync('node', ['scripts/gen-runtime.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  }, 60_000);
});

/** One variadic argument: its class and its C spelling. */
type Arg = { c: 'i' | 'd'; v: string };
const i = (v: string): Arg => ({ c: 'i', v });
const d = (v: string): Arg => ({ c: 'd', v });

/** 17 integers and 14 doubles after three named arguments: both classes overflow to the stack. */
const FORMAT =
  '%d|%s|%.2f|%*d|%x|%g|%ld|%e|%-6.*f|%c|%u|%f|%lld|%a|%hhd|%G|%zu|%E|%hd|%f|%o|%f|%F|%s|%f|%d|%10.4f|%%|%i|%g|%m|%p|%p\\n';
const ARGS: Arg[] = [
  i('-42'), i('"str"'), d('3.14159'), i('7'), i('99'), i('0xbeef'), d('1e-5'), i('-1234567890123L'), d('2.5e10'),
  i('3'), d('1.25'), i("'Z'"), i('4000000000u'), d('-0.5'), i('9000000000000LL'), d('1.0 / 3'), i('300'), d('1e300'),
  i('(size_t)12345'), d('-7.75'), i('70000'), d('100.0'), i('8'), d('0.125'), d('1e20'), i('"tail"'), d('6.5'),
  i('2147483647'), d('2.71828'), i('-1'), d('0.0'), i('(void *)0x1234'), i('(void *)0'),
];

/** The AArch64 reference: the C library's own snprintf, format read at run time. */
function referenceProgram(format: string, args: Arg[]): string {
  return `#include <stdio.h>
#include <errno.h>
#include <stddef.h>
static const char *volatile fmt = "${format}";
int main(void) {
  char buf[1024];
  errno = ENOENT;
  int r = snprintf(buf, sizeof buf, fmt, ${args.map((a) => a.v).join(', ')});
  printf("%d:%s", r, buf);
  return 0;
}
`;
}

/**
 * The same call to the runtime's snprintf wrapper from RISC-V C, arguments
 * placed as translated AArch64 code places them: the wrapper is declared
 * with named parameters whose LP64D places are those registers and slots
 * (8 integer registers, 8 FP registers, then 8-byte stack slots in order).
 */
function harnessProgram(entry: string, format: string, args: Arg[]): string {
  const x = ['buf', '(long)sizeof buf', 'fmt'];
  const dv: string[] = [];
  const stack: Arg[] = [];
  for (const a of args) {
    if (a.c === 'i' && x.length < 8) x.push(`(long)(${a.v})`);
    else if (a.c === 'd' && dv.length < 8) dv.push(a.v);
    else stack.push(a);
  }
  while (x.length < 8) x.push('0L');
  while (dv.length < 8) dv.push('0.0');
  const params = [
    ...Array.from({ length: 8 }, (_, k) => `long x${k}`),
    ...Array.from({ length: 8 }, (_, k) => `double d${k}`),
    ...stack.map((a, k) => `${a.c === 'i' ? 'long' : 'double'} s${k}`),
  ];
  const stackArgs = stack.map((a) => (a.c === 'i' ? `(long)(${a.v})` : a.v));
  return `#include <stdio.h>
#include <errno.h>
#include <stddef.h>
extern long ${entry}(${params.join(', ')});
static const char *volatile fmt = "${format}";
int main(void) {
  char buf[1024];
  errno = ENOENT;
  long r = ${entry}(${[...x, ...dv, ...stackArgs].join(', ')});
  printf("%d:%s", (int)r, buf);
  return 0;
}
`;
}

describeWithTools(['aarch64-linux-gnu-gcc', 'riscv64-linux-gnu-gcc', 'qemu-aarch64', 'qemu-riscv64'], 'the runtime under qemu against the AArch64 C library', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tp-runtime-'));
  // The shipped text, with global aliases so a C harness can call the local wrappers.
  const runtimeS = join(dir, 'runtime.s');
  writeFileSync(runtimeS, `${VA_RUNTIME_RISCV64}\t.globl\ttest_snprintf\n\t.set\ttest_snprintf, __tp_rt_snprintf\n`);

  const build = (isa: 'aarch64' | 'riscv64', name: string, c: string, extra: string[] = []): string => {
    const src = join(dir, `${name}.c`);
    const exe = join(dir, name);
    writeFileSync(src, c);
    const r = runTool(`${isa}-linux-gnu-gcc`, ['-O1', '-static', '-w', '-o', exe, src, ...extra], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return exe;
  };

  it('snprintf with 17 integers, 14 doubles, * widths and %m prints what AArch64 prints', () => {
    const want = runProgram('aarch64', build('aarch64', 'ref', referenceProgram(FORMAT, ARGS)), { timeoutMs: 20_000 });
    const got = runProgram('riscv64', build('riscv64', 'rt', harnessProgram('test_snprintf', FORMAT, ARGS), [runtimeS]), { timeoutMs: 20_000 });
    expect(want.status).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    expect(got.status).toBe(0);
  }, 60_000);

  it('long double (%Lf) and positional (%1$d) arguments stop the program instead of guessing', () => {
    for (const [name, format] of [['ld', '%d %Lf\\n'], ['pos', '%2$d %1$d\\n']] as const) {
      const exe = build('riscv64', name, harnessProgram('test_snprintf', format, [i('1'), i('2')]), [runtimeS]);
      const got = runProgram('riscv64', exe, { timeoutMs: 20_000 });
      expect(got.status).not.toBe(0);
      expect(got.stderr).toMatch(/transpile runtime: (long double|positional)/);
    }
  }, 60_000);
});
