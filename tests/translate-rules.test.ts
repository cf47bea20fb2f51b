// Lowering rules proven for all operand values: each integer rule runs in a
// tiny function (the instruction, then `ret`, or a flag producer with its
// consumer), and the block verifier must prove the emitted RISC-V block
// equivalent under the translator's state mapping, at 32 and 64 bits. The
// second half feeds the same pipeline wrong translations (replayed
// candidates) and expects refutations: a rule test that cannot fail proves
// nothing.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libcPrototypes } from '../src/abi/libc.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { translateAndVerify, type TranslateRun } from '../src/translate/run.js';

async function translate(body: string, opts: { replay?: object; noProof?: boolean } = {}): Promise<TranslateRun> {
  const text = `\t.text\n\t.global f\n\t.type f, %function\nf:\n${body
    .trim()
    .split('\n')
    .map((l) => (l.endsWith(':') ? l.trim() : `\t${l.trim()}`))
    .join('\n')}\n\t.size f, .-f\n`;
  const parsed = parseAsm(text, 'rule.s', 'aarch64');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  let replayFile: string | undefined;
  if (opts.replay) {
    replayFile = join(tmpdir(), `tp-replay-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(replayFile, JSON.stringify(opts.replay));
  }
  return translateAndVerify(buildProgram(parsed.file), {
    prototypes: await libcPrototypes(),
    guesser: replayFile ? 'replay' : 'rules',
    ...(replayFile ? { replayFile } : {}),
    noProof: opts.noProof ?? false,
    runs: 64,
    seed: 1,
    timeoutMs: 10000,
    jobs: 1,
    allowUnverified: true,
  });
}

function statuses(run: TranslateRun): string[] {
  return run.functions.flatMap((f) => {
    if (f.result.kind === 'refused') return [`refused: ${f.result.reason}`];
    return f.blocks.map((b) => (b.status.status === 'proven' ? 'proven' : `${b.status.status}: ${JSON.stringify(b.status)}`));
  });
}

/** Integer rules, each at the widths it applies to (w and x forms). */
const RULES: string[] = [
  'add w0, w1, w2', 'add x0, x1, x2', 'add w0, w1, #4095', 'add x0, x1, #1, lsl #12', 'add x0, x1, w2, sxtw #2',
  'add x0, x1, w2, uxtb', 'add w0, w1, w2, lsl #3', 'add x0, x1, x2, asr #7', 'add w0, w1, w2, lsr #5',
  'sub w0, w1, w2', 'sub x0, x1, #17', 'sub x0, sp, #32', 'neg w0, w1', 'neg x0, x1, lsl #2',
  'and w0, w1, #0xff', 'and x0, x1, #0xfffffffffffffff0', 'orr w0, w1, w2', 'eor x0, x1, x2, ror #13', 'eor w0, w1, w2, ror #3',
  'bic w0, w1, w2', 'orn x0, x1, x2', 'mvn w0, w1',
  'mov w0, w1', 'mov x0, x1', 'mov w0, #-1', 'mov x0, #-2', 'movz x0, #0x1234, lsl #32', 'movn w0, #5', 'movk x0, #0xbeef, lsl #16', 'movk w0, #7',
  'lsl w0, w1, #31', 'lsr w0, w1, #3', 'asr w0, w1, #9', 'lsl x0, x1, x2', 'lsr w0, w1, w2', 'asr x0, x1, x2', 'ror w0, w1, #7', 'ror x0, x1, x2', 'ror w0, w1, w2',
  'mul w0, w1, w2', 'madd x0, x1, x2, x3', 'msub w0, w1, w2, w3', 'smull x0, w1, w2', 'umull x0, w1, w2', 'smaddl x0, w1, w2, x3',
  'sxtb w0, w1', 'sxth x0, w1', 'sxtw x0, w1', 'uxtb w0, w1', 'uxth w0, w1',
  'ubfx w0, w1, #3, #5', 'sbfx x0, x1, #60, #4', 'ubfiz x0, x1, #3, #32', 'sbfiz x0, x1, #3, #32', 'bfi w0, w1, #8, #8', 'bfxil x0, x1, #4, #12', 'extr x0, x1, x2, #12', 'extr w0, w1, w2, #5',
  'rev w0, w1', 'rev x0, x1', 'rev16 w0, w1',
  'clz w0, w1', 'clz x0, x1', 'rbit w0, w1', 'rbit x0, x1',
];

/**
 * The default suite proves every condition with a rotating producer; `PROVE_ALL=1`
 * (npm run prove-rules) proves every producer with every condition.
 */
const FULL = process.env['PROVE_ALL'] === '1';
const CONDS = ['eq', 'ne', 'lt', 'ge', 'gt', 'le', 'lo', 'hs', 'hi', 'ls', 'mi', 'pl', 'vs', 'vc'];

/** Flag producers with a consumer, per condition family. */
const FLAG_RULES: string[] = [
  ...CONDS.flatMap((c, k) => [
    `cmp w1, w2\ncset w0, ${c}`, `cmp x1, #5\ncset x0, ${c}`, `cmn w1, #3\ncsel w0, w2, w3, ${c}`, `adds x0, x1, x2\ncset w3, ${c}`,
    `tst w1, #0x10\ncsinc w0, w2, w3, ${c}`, `subs w0, w0, #1\ncsetm x1, ${c}`,
  ].filter((_p, j) => FULL || j === k % 6)),
  'cmp x1, x2\nccmp x3, #4, #2, ne\ncset w0, gt', 'cmp w1, w2\nccmn w3, w4, #8, lt\ncset w0, eq', 'ands x0, x1, x2\ncinc x3, x3, mi',
  'cmp w1, #7\ncneg w0, w2, le', 'cmp x1, x2\ncinv x0, x3, hi',
];

describe('lowering rules are proven for all operand values', () => {
  for (const ins of RULES) {
    it(ins, async () => {
      const run = await translate(`${ins}\nret`);
      expect(statuses(run)).toEqual(['proven']);
    });
  }
  for (const body of FLAG_RULES) {
    it(body.replace(/\n/g, '; '), async () => {
      const run = await translate(`${body}\nret`);
      expect(statuses(run)).toEqual(['proven']);
    });
  }
  it('division by zero gives 0 as on AArch64 (sdiv, udiv at both widths)', async () => {
    for (const ins of ['sdiv w0, w1, w2', 'udiv x0, x1, x2', 'udiv w0, w1, w2', 'sdiv x0, x1, x2']) {
      const run = await translate(`${ins}\nret`);
      expect(statuses(run), ins).toEqual(['proven']);
    }
  });
  for (const ins of [
    'ldr w0, [x1, #12]', 'ldrsw x2, [x1, x3, lsl #2]', 'ldrb w4, [x1, w5, uxtw]', 'ldrsh w6, [x1], #2', 'strh w6, [x1, #-2]!',
    'ldp x7, x8, [sp, #16]', 'stp w0, w4, [x1, #4096]', 'ldrsb x9, [x1, #-5]', 'str x9, [x1, x3]', 'ldr x0, [x1, w2, sxtw #3]',
  ]) {
    it(`memory: ${ins}`, async () => {
      const run = await translate(`${ins}\nret`);
      expect(statuses(run)).toEqual(['proven']);
    });
  }
  for (const body of ['cmp w0, #10\nb.hi .L2', 'cbz x1, .L2', 'tbnz w1, #3, .L2', 'cmp x0, x1\nb.le .L2', 'tst x0, #4\nb.ne .L2']) {
    it(`branch: ${body.replace(/\n/g, '; ')}`, async () => {
      const run = await translate(`${body}\nmov w0, #0\nret\n.L2:\nmov w0, #1\nret`);
      expect(statuses(run)).toEqual(['proven', 'proven', 'proven']);
    });
  }
});

/** Branch-free clz of a1 into a0 (binary search), optionally without the zero-input step. */
function clzLines(width: 32 | 64, zeroStep: boolean): string[] {
  const out = [width === 32 ? 'slli t0, a1, 32' : 'mv t0, a1', 'li t1, 0'];
  for (let log = width === 32 ? 4 : 5; log >= 0; log--) {
    out.push(`srli t2, t0, ${64 - (1 << log)}`, 'seqz t2, t2');
    if (log) out.push(`slli t2, t2, ${log}`);
    out.push('sll t0, t0, t2', 'add t1, t1, t2');
  }
  if (zeroStep) out.push('srli t2, t0, 63', 'seqz t2, t2', 'add t1, t1, t2');
  return [...out, 'mv a0, t1', 'ret'];
}

/** Bit reversal of a1 into a0 by mask swaps, with a chosen set of swap distances. */
function rbitLines(width: 32 | 64, swaps: number[]): string[] {
  const out = ['slli t1, a1, 32', 'srli t0, a1, 32', 'or t0, t0, t1', 'li t2, -1', 'srli t2, t2, 32'];
  for (const k of [16, 8, 4, 2, 1]) {
    out.push(`slli t1, t2, ${k}`, 'xor t2, t2, t1');
    if (swaps.includes(k)) out.push(`srli t1, t0, ${k}`, 'and t1, t1, t2', 'and t0, t0, t2', `slli t0, t0, ${k}`, 'or t0, t0, t1');
  }
  if (width === 32) out.push('srli t0, t0, 32');
  return [...out, 'mv a0, t0', 'ret'];
}

describe('wrong translations are refuted, never proven', () => {
  it('the hand-written clz, rbit and fmov sequences below are proven when right (so their refutations mean the flaw)', async () => {
    for (const [body, target] of [
      ['clz x0, x1\nret', clzLines(64, true)], ['clz w0, w1\nret', clzLines(32, true)],
      ['rbit x0, x1\nret', rbitLines(64, [16, 8, 4, 2, 1])], ['rbit w0, w1\nret', rbitLines(32, [16, 8, 4, 2, 1])],
      ['fmov x0, d0\nfmov s0, w1\nret', ['fmv.x.d a0, fa0', 'fmv.w.x fa0, a1', 'ret']],
    ] as const) {
      const run = await translate(body, { replay: { functions: { f: { '#0': target } } } });
      expect(statuses(run), body).toEqual(['proven']);
    }
  });
  const cases: [string, string, string[]][] = [
    // clz that returns 63 (31) for a zero input: the zero step is missing.
    ['clz without the zero step', 'clz x0, x1\nret', clzLines(64, false)],
    ['clz w without the zero step', 'clz w0, w1\nret', clzLines(32, false)],
    // A w-form clz counted over 64 bits (no shift into the top half).
    ['clz w over 64 bits', 'clz w0, w1\nret', clzLines(64, true)],
    // A function using both views of v0 whose entry reads d0: the entry claims all 64 bits, and a copy of only the low word is wrong.
    ['d argument read as a word', 'fmov x0, d0\nfmov s0, w1\nret', ['fmv.x.w a0, fa0', 'fmv.w.x fa0, a1', 'ret']],
    // rbit missing the adjacent-bit swap.
    ['rbit without the 1-bit swap', 'rbit x0, x1\nret', rbitLines(64, [16, 8, 4, 2])],
    // A w-form rbit that keeps the whole 64-bit reversal.
    ['rbit w without the final shift', 'rbit w0, w1\nret', rbitLines(64, [16, 8, 4, 2, 1])],
    // A 32-bit add that forgets the zero-extension of the result.
    ['missing zero-extension', 'add w0, w1, w2\nret', ['addw a0, a1, a2', 'ret']],
    // Signed compare where AArch64 `lo` is unsigned.
    ['signed for unsigned', 'cmp x1, x2\ncset w0, lo\nret', ['slt a0, a1, a2', 'ret']],
    // RISC-V division by zero gives all ones, AArch64 gives zero.
    ['raw divu', 'udiv x0, x1, x2\nret', ['divu a0, a1, a2', 'ret']],
    // An off-by-one store offset.
    ['wrong offset', 'str x1, [x0, #8]\nret', ['sd a1, 16(a0)', 'ret']],
    // Shift amount taken mod 64 for a 32-bit shift.
    ['64-bit shift for w', 'lsl w0, w1, w2\nret', ['sll a0, a1, a2', 'slli a0, a0, 32', 'srli a0, a0, 32', 'ret']],
  ];
  it('a noreturn call ending the function proves, and a wrong argument to it is refuted', async () => {
    const body = 'cbz x0, .L2\nret\n.L2:\nmov w0, #3\nbl exit';
    expect(statuses(await translate(body))).toEqual(['proven', 'proven', 'proven']);
    const wrong = await translate(body, { replay: { functions: { f: { '.L2': ['li a0, 4', 'call exit'] } } } });
    expect(statuses(wrong)[2]).toMatch(/^refuted/);
  });
  for (const [name, body, target] of cases) {
    it(name, async () => {
      const run = await translate(body, { replay: { functions: { f: { '#0': target } } } });
      const s = statuses(run);
      expect(s).toHaveLength(1);
      expect(s[0]).toMatch(/^refuted/);
    });
  }
});
