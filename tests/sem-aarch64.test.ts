// AArch64 semantics: coverage of every mnemonic gcc emits for the corpus,
// and directed tests per instruction group (flags at the boundaries, every
// condition code, division, bit fields, W-register writes, addressing
// modes, NEON lanes, FP flags, refusals).
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { v } from '../src/ir/build.js';
import { UnsupportedInstruction } from '../src/ir/semantics.js';
import { execute } from '../src/ir/symexec.js';
import { Evaluator } from '../src/interp/eval.js';
import { aarch64Semantics } from '../src/isa/aarch64/semantics/index.js';
import { buildCorpus, OPT_LEVELS, type CorpusEntry } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { describeWithTools } from './support/tools.js';

const M64 = (1n << 64n) - 1n;
const M32 = (1n << 32n) - 1n;

function instructions(text: string): InstructionStatement[] {
  const r = parseAsm(text, 't.s', 'aarch64');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors[0]!.message);
  return r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

/** Runs a block on concrete inputs; unnamed inputs are 0, memory bytes come from `mem` (default 0). */
function run(text: string, init: Record<string, bigint> = {}, mem: Record<string, number> = {}) {
  const r = execute(instructions(text), {
    isa: 'aarch64',
    semantics: aarch64Semantics,
    onCall: (_e, s) => s.set('x30', v(64, 'ret_addr')),
  });
  const ev = new Evaluator({
    variable: (name) => init[name] ?? 0n,
    memByte: (_m, addr) => mem[addr.toString()] ?? 0,
  });
  return {
    get: (name: string) => {
      const w = r.written.get(name);
      return w ? ev.value(w) : (init[name] ?? 0n);
    },
    nzcv: () => ['n', 'z', 'c', 'v'].map((f) => String(r.written.get(f) ? ev.value(r.written.get(f)!) : (init[f] ?? 0n))).join(''),
    stores: () => ev.stores_(r.mem),
    exit: r.exit,
    cond: () => (r.exit.kind === 'branch' ? ev.value(r.exit.cond) : undefined),
    written: r.written,
  };
}

const refuses = (text: string) => expect(() => run(text)).toThrow(UnsupportedInstruction);

describeWithTools([toolFor('aarch64', 'gcc')], 'AArch64 semantics cover the corpus', () => {
  let entries: CorpusEntry[] = [];
  beforeAll(async () => {
    entries = await buildCorpus({ isas: ['aarch64'] });
  }, 600_000);

  it('has semantics for every mnemonic and operand form gcc emits at -O0..-O3 and -Os', () => {
    const missing = new Map<string, number>();
    const refused = new Map<string, string>();
    const mnemonics = new Set<string>();
    for (const opt of OPT_LEVELS) {
      for (const e of entries.filter((x) => x.opt === opt)) {
        const text = fs.readFileSync(e.asmPath, 'utf8');
        for (const s of parseAsm(text, e.name, 'aarch64').file.statements) {
          if (s.kind !== 'instruction') continue;
          mnemonics.add(s.mnemonic);
          if (!aarch64Semantics(s.mnemonic)) {
            missing.set(s.mnemonic, (missing.get(s.mnemonic) ?? 0) + 1);
            continue;
          }
          try {
            execute([s], { isa: 'aarch64', semantics: aarch64Semantics, onCall: () => {} });
          } catch (err) {
            if (!(err instanceof UnsupportedInstruction)) throw err;
            refused.set(`${s.mnemonic}: ${err.message}`, `${opt}/${e.name}`);
          }
        }
      }
    }
    console.log(`AArch64 corpus: ${mnemonics.size - missing.size}/${mnemonics.size} mnemonics have semantics`);
    expect([...missing.keys()]).toEqual([]);
    expect([...refused.keys()]).toEqual([]);
  }, 300_000);
});

describe('AArch64 add/sub flags at the boundaries', () => {
  const cases: [string, Record<string, bigint>, string][] = [
    // 32-bit: the X register's upper half is ignored.
    ['cmp w0, w1', { x0: 0xdead00000000n, x1: 0n }, '0110'],
    ['cmp w0, w1', { x0: 0n, x1: 1n }, '1000'],
    ['cmp w0, w1', { x0: 0x80000000n, x1: 1n }, '0011'],
    ['cmp w0, w1', { x0: 0x7fffffffn, x1: 0xffffffffn }, '1001'],
    ['adds w2, w0, w1', { x0: 0x7fffffffn, x1: 1n }, '1001'],
    ['adds w2, w0, w1', { x0: 0xffffffffn, x1: 1n }, '0110'],
    ['cmn w0, #1', { x0: 0xffffffffn }, '0110'],
    // 64-bit.
    ['cmp x0, x1', { x0: 1n << 63n, x1: 1n }, '0011'],
    ['cmp x0, #0', { x0: 0n }, '0110'],
    ['adds x2, x0, x1', { x0: M64, x1: 1n }, '0110'],
    ['adds x2, x0, x1', { x0: (1n << 63n) - 1n, x1: 1n }, '1001'],
    ['subs x2, x0, x1', { x0: 5n, x1: 7n }, '1000'],
    ['negs x2, x0', { x0: 1n << 63n }, '1001'],
    ['negs w2, w0', { x0: 0n }, '0110'],
  ];
  it.each(cases)('%s with %o gives NZCV %s', (text, init, nzcv) => {
    expect(run(text, init).nzcv()).toBe(nzcv);
  });

  it('adds with carry and flags (adcs, sbcs, ngc)', () => {
    expect(run('adcs x0, x1, x2', { x1: M64, x2: 0n, c: 1n }).get('x0')).toBe(0n);
    expect(run('adcs x0, x1, x2', { x1: M64, x2: 0n, c: 1n }).nzcv()).toBe('0110');
    expect(run('sbcs w0, w1, w2', { x1: 5n, x2: 5n, c: 0n }).get('x0')).toBe(M32);
    expect(run('ngc x0, x1', { x1: 0n, c: 1n }).get('x0')).toBe(0n);
  });

  it('writes sp by name and reads xzr as zero', () => {
    expect(run('add sp, sp, #16', { sp: 0x1000n }).get('sp')).toBe(0x1010n);
    expect(run('mov x0, sp', { sp: 0x2000n }).get('x0')).toBe(0x2000n);
    expect(run('add x0, xzr, x1', { x1: 3n }).get('x0')).toBe(3n);
    const r = run('adds xzr, x1, x2', { x1: 1n, x2: 2n });
    expect(r.written.has('sp')).toBe(false);
    expect(r.nzcv()).toBe('0000');
  });
});

describe('AArch64 conditions', () => {
  const holds: Record<string, (n: number, z: number, c: number, v: number) => boolean> = {
    eq: (_n, z) => z === 1, ne: (_n, z) => z === 0, cs: (_n, _z, c) => c === 1, hs: (_n, _z, c) => c === 1,
    cc: (_n, _z, c) => c === 0, lo: (_n, _z, c) => c === 0, mi: (n) => n === 1, pl: (n) => n === 0,
    vs: (_n, _z, _c, v) => v === 1, vc: (_n, _z, _c, v) => v === 0, hi: (_n, z, c) => c === 1 && z === 0,
    ls: (_n, z, c) => !(c === 1 && z === 0), ge: (n, _z, _c, v) => n === v, lt: (n, _z, _c, v) => n !== v,
    gt: (n, z, _c, v) => z === 0 && n === v, le: (n, z, _c, v) => !(z === 0 && n === v), al: () => true, nv: () => true,
  };
  it('every condition code, on all 16 flag combinations (csel, b.cond)', () => {
    for (const [cc, f] of Object.entries(holds)) {
      for (let k = 0; k < 16; k++) {
        const flags = { n: BigInt((k >> 3) & 1), z: BigInt((k >> 2) & 1), c: BigInt((k >> 1) & 1), v: BigInt(k & 1) };
        const want = f(Number(flags.n), Number(flags.z), Number(flags.c), Number(flags.v));
        expect(run(`csel x0, x1, x2, ${cc}`, { ...flags, x1: 1n, x2: 2n }).get('x0'), `${cc} ${k}`).toBe(want ? 1n : 2n);
        if (cc !== 'al' && cc !== 'nv') expect(run(`b.${cc} .L1`, flags).cond()).toBe(want ? 1n : 0n);
      }
    }
  });
  it('conditional select aliases and conditional compare', () => {
    expect(run('cset w0, eq', { z: 1n, x0: M64 }).get('x0')).toBe(1n);
    expect(run('csetm x0, ne', { z: 0n }).get('x0')).toBe(M64);
    expect(run('cinc w0, w1, lt', { n: 1n, v: 0n, x1: M32 }).get('x0')).toBe(0n);
    expect(run('cneg x0, x1, mi', { n: 1n, x1: 5n }).get('x0')).toBe(M64 - 4n);
    expect(run('csinv w0, w1, wzr, eq', { z: 0n }).get('x0')).toBe(M32);
    // ccmp: cond holds -> flags of the compare; else the immediate.
    expect(run('ccmp x0, #3, #2, eq', { z: 1n, x0: 3n }).nzcv()).toBe('0110');
    expect(run('ccmp x0, #3, #2, eq', { z: 0n, x0: 3n }).nzcv()).toBe('0010');
    expect(run('ccmn w0, w1, #15, al', { x0: 0xffffffffn, x1: 1n }).nzcv()).toBe('0110');
    refuses('cset w0, al');
  });
});

describe('AArch64 multiply and divide', () => {
  it('divides by zero as zero and INT_MIN by -1 as INT_MIN', () => {
    expect(run('udiv x0, x1, x2', { x1: 7n, x2: 0n }).get('x0')).toBe(0n);
    expect(run('sdiv x0, x1, x2', { x1: 7n, x2: 0n }).get('x0')).toBe(0n);
    expect(run('sdiv w0, w1, w2', { x1: 0x80000000n, x2: M32 }).get('x0')).toBe(0x80000000n);
    expect(run('sdiv x0, x1, x2', { x1: 1n << 63n, x2: M64 }).get('x0')).toBe(1n << 63n);
    expect(run('sdiv w0, w1, w2', { x1: BigInt.asUintN(32, -7n), x2: 2n }).get('x0')).toBe(BigInt.asUintN(32, -3n));
  });
  it('widens and takes high halves', () => {
    expect(run('smull x0, w1, w2', { x1: M32, x2: 2n }).get('x0')).toBe(M64 - 1n);
    expect(run('umull x0, w1, w2', { x1: M32, x2: 2n }).get('x0')).toBe(0x1fffffffen);
    expect(run('umulh x0, x1, x2', { x1: M64, x2: M64 }).get('x0')).toBe(M64 - 1n);
    expect(run('smulh x0, x1, x2', { x1: M64, x2: M64 }).get('x0')).toBe(0n);
    expect(run('msub w0, w1, w2, w3', { x1: 3n, x2: 4n, x3: 10n }).get('x0')).toBe(BigInt.asUintN(32, -2n));
  });
});

describe('AArch64 bit fields and bit operations', () => {
  it('handles the edges of field positions and widths', () => {
    expect(run('ubfx x0, x1, #63, #1', { x1: 1n << 63n }).get('x0')).toBe(1n);
    expect(run('sbfx x0, x1, #63, #1', { x1: 1n << 63n }).get('x0')).toBe(M64);
    expect(run('sbfx w0, w1, #0, #32', { x1: 0xffff_8000_0000n }).get('x0')).toBe(0x80000000n);
    expect(run('ubfiz x0, x1, #63, #1', { x1: 3n }).get('x0')).toBe(1n << 63n);
    expect(run('sbfiz w0, w1, #4, #4', { x1: 0xfn }).get('x0')).toBe(0xfffffff0n);
    expect(run('bfi w0, w1, #31, #1', { x0: 0n, x1: 1n }).get('x0')).toBe(0x80000000n);
    expect(run('bfxil x0, x1, #60, #4', { x0: M64, x1: 0x5n << 60n }).get('x0')).toBe(M64 - 0xan);
    expect(run('bfc x0, #8, #8', { x0: M64 }).get('x0')).toBe(M64 - 0xff00n);
    // asr #63 and lsl #1 as the underlying sbfm/ubfm.
    expect(run('sbfm x0, x1, #63, #63', { x1: 1n << 63n }).get('x0')).toBe(M64);
    expect(run('ubfm w0, w1, #31, #30', { x1: 0x80000001n }).get('x0')).toBe(2n);
    expect(run('extr x0, x1, x2, #0', { x1: 1n, x2: 2n }).get('x0')).toBe(2n);
    expect(run('extr w0, w1, w2, #31', { x1: 1n, x2: 0x80000000n }).get('x0')).toBe(3n);
    refuses('ubfx w0, w1, #30, #4');
  });
  it('counts, reverses and shifts', () => {
    expect(run('clz x0, x1', { x1: 0n }).get('x0')).toBe(64n);
    expect(run('clz w0, w1', { x1: 1n }).get('x0')).toBe(31n);
    expect(run('cls w0, w1', { x1: M32 }).get('x0')).toBe(31n);
    expect(run('cls x0, x1', { x1: 1n }).get('x0')).toBe(62n);
    expect(run('rbit w0, w1', { x1: 1n }).get('x0')).toBe(0x80000000n);
    expect(run('rev w0, w1', { x1: 0x11223344n }).get('x0')).toBe(0x44332211n);
    expect(run('rev16 x0, x1', { x1: 0x1122334455667788n }).get('x0')).toBe(0x2211443366558877n);
    expect(run('rev32 x0, x1', { x1: 0x1122334455667788n }).get('x0')).toBe(0x4433221188776655n);
    // Register shift amounts are taken modulo the data size.
    expect(run('lsl w0, w1, w2', { x1: 1n, x2: 33n }).get('x0')).toBe(2n);
    expect(run('asr x0, x1, x2', { x1: 1n << 63n, x2: 127n }).get('x0')).toBe(M64);
    expect(run('ror w0, w1, #4', { x1: 0x1n }).get('x0')).toBe(0x10000000n);
  });
});

describe('AArch64 W registers and moves', () => {
  it('zero-extends every 32-bit result into the X register', () => {
    expect(run('add w0, w1, w2', { x1: M64, x2: 2n }).get('x0')).toBe(1n);
    expect(run('mov w0, #-1').get('x0')).toBe(M32);
    expect(run('mvn w0, w1', { x1: 0n }).get('x0')).toBe(M32);
    expect(run('ldrsb w0, [x1]', { x1: 0x100n }, { '256': 0x80 }).get('x0')).toBe(0xffffff80n);
    expect(run('ldrsb x0, [x1]', { x1: 0x100n }, { '256': 0x80 }).get('x0')).toBe(M64 - 0x7fn);
    expect(run('movk w0, #0x1234, lsl #16', { x0: M64 }).get('x0')).toBe(0x1234ffffn);
    expect(run('movn x0, #0, lsl #16').get('x0')).toBe(M64);
    expect(run('sxtw x0, w1', { x1: 0x80000000n }).get('x0')).toBe(0xffffffff80000000n);
    expect(run('uxtb w0, w1', { x1: 0x1ffn }).get('x0')).toBe(0xffn);
  });
});

describe('AArch64 addressing modes', () => {
  it('writes back pre- and post-indexed bases', () => {
    const pre = run('ldr x0, [x1, #8]!', { x1: 0x100n }, { '264': 7 });
    expect(pre.get('x0')).toBe(7n);
    expect(pre.get('x1')).toBe(0x108n);
    const post = run('ldr w0, [x1], #-16', { x1: 0x100n }, { '256': 9 });
    expect(post.get('x0')).toBe(9n);
    expect(post.get('x1')).toBe(0xf0n);
    const push = run('stp x29, x30, [sp, #-16]!', { sp: 0x1000n, x29: 1n, x30: 2n });
    expect(push.get('sp')).toBe(0xff0n);
    expect(push.stores()).toEqual([{ addr: 0xff0n, bytes: 8, value: 1n }, { addr: 0xff8n, bytes: 8, value: 2n }]);
    refuses('ldr x1, [x1], #8');
    refuses('ldp x0, x0, [x1]');
  });
  it('extends and scales register offsets', () => {
    // w2 = -1 (upper half of x2 is garbage): sxtw #2 gives -4.
    const r = run('ldr w0, [x1, w2, sxtw #2]', { x1: 0x104n, x2: 0xdead_ffff_ffffn }, { '256': 5 });
    expect(r.get('x0')).toBe(5n);
    expect(run('ldrb w0, [x1, w2, uxtw]', { x1: 0x100n, x2: 0x1_0000_0001n }, { '257': 6 }).get('x0')).toBe(6n);
    expect(run('ldr x0, [x1, x2, lsl #3]', { x1: 0x100n, x2: 2n }, { '272': 8 }).get('x0')).toBe(8n);
    expect(run('ldrsw x0, [x1, #4]', { x1: 0x100n }, { '263': 0x80 }).get('x0')).toBe(0xffffffff80000000n);
  });
  it('folds adrp + :lo12: into the symbol address, and models GOT loads as the address', () => {
    const r = run('adrp x0, sym\nadd x0, x0, :lo12:sym');
    expect(r.written.get('x0')).toEqual(v(64, '&sym'));
    const g = run('adrp x0, :got:sym\nldr x0, [x0, :got_lo12:sym]');
    expect(g.written.get('x0')).toEqual(v(64, '&sym'));
  });
  it('loads and stores q/d/s registers, zeroing the upper bits on loads', () => {
    const r = run('ldr s0, [x1]', { x1: 0x100n, v0: (1n << 128n) - 1n }, { '256': 1 });
    expect(r.get('v0')).toBe(1n);
    expect(run('str q0, [x1]', { x1: 0x100n, v0: 5n }).stores()).toEqual([{ addr: 0x100n, bytes: 16, value: 5n }]);
  });
  it('models exclusives and atomics sequentially', () => {
    const r = run('ldxr x0, [x2]\nstxr w1, x3, [x2]', { x2: 0x100n, x3: 9n });
    expect(r.get('x1')).toBe(0n);
    expect(r.stores()).toEqual([{ addr: 0x100n, bytes: 8, value: 9n }]);
    const a = run('ldaddal w1, w0, [x2]', { x1: 1n, x2: 0x100n }, { '256': 0xff, '257': 0xff, '258': 0xff, '259': 0xff });
    expect(a.get('x0')).toBe(M32);
    expect(a.stores()).toEqual([{ addr: 0x100n, bytes: 4, value: 0n }]);
    const cas = run('casal x1, x3, [x2]', { x1: 0n, x2: 0x100n, x3: 4n });
    expect(cas.stores()).toEqual([{ addr: 0x100n, bytes: 8, value: 4n }]);
  });
});

describe('AArch64 control flow and system', () => {
  it('branches, calls and returns', () => {
    expect(run('cbz w0, .L1', { x0: 1n << 32n }).cond()).toBe(1n);
    expect(run('tbnz x0, #63, .L1', { x0: 1n << 63n }).cond()).toBe(1n);
    expect(run('b .L1').exit).toEqual({ kind: 'jump', target: { kind: 'symbol', name: '.L1' } });
    expect(run('ret').exit.kind).toBe('return');
    expect(run('blr x3', { x3: 0x400n }).get('x30')).toBe(0n); // the call model writes ret_addr (0 here)
    expect(run('udf #0').exit.kind).toBe('trap');
  });
  it('refuses what it does not model', () => {
    refuses('paciasp');
    refuses('autiasp');
    refuses('hint #25');
    refuses('mrs x0, fpcr');
    refuses('mrs x0, fpsr');
    refuses('msr fpcr, x0');
    expect(run('hint #34').written.size).toBe(0);
    expect(run('mrs x0, nzcv', { n: 1n, v: 1n }).get('x0')).toBe(0x90000000n);
  });
});

describe('AArch64 NEON lanes', () => {
  const ones = (1n << 128n) - 1n;
  it('works lane by lane and zeroes the upper half of 64-bit arrangements', () => {
    expect(run('add v0.4s, v1.4s, v2.4s', { v1: ones, v2: (1n << 96n) | 1n }).get('v0')).toBe((M32 << 64n) | (M32 << 32n));
    expect(run('add v0.2s, v1.2s, v2.2s', { v0: ones, v1: 1n, v2: 1n }).get('v0')).toBe(2n);
    expect(run('addv s0, v1.4s', { v1: (1n << 96n) | (1n << 64n) | (1n << 32n) | 1n }).get('v0')).toBe(4n);
    expect(run('umov w0, v1.h[7]', { v1: 0xabcdn << 112n }).get('x0')).toBe(0xabcdn);
    expect(run('smov x0, v1.b[0]', { v1: 0x80n }).get('x0')).toBe(M64 - 0x7fn);
    expect(run('ins v0.s[1], w1', { v0: ones, x1: 0n }).get('v0')).toBe(ones - (M32 << 32n));
    expect(run('dup v0.8h, w1', { x1: 0x12345n }).get('v0')).toBe(BigInt('0x' + '2345'.repeat(8)));
  });
  it('permutes, narrows and widens', () => {
    const v1 = BigInt('0x03030303020202020101010100000000');
    const v2 = BigInt('0x07070707060606060505050504040404');
    expect(run('uzp1 v0.4s, v1.4s, v2.4s', { v1, v2 }).get('v0')).toBe(BigInt('0x06060606040404040202020200000000'));
    expect(run('zip2 v0.4s, v1.4s, v2.4s', { v1, v2 }).get('v0')).toBe(BigInt('0x07070707030303030606060602020202'));
    expect(run('xtn2 v0.8h, v1.4s', { v0: 0xffn, v1 }).get('v0')).toBe(BigInt('0x03030202010100000000000000000000') | 0xffn);
    expect(run('uxtl v0.2d, v1.2s', { v1: 0xffffffff_00000001n }).get('v0')).toBe((M32 << 64n) | 1n);
    expect(run('sxtl v0.2d, v1.2s', { v1: 0xffffffff_00000001n }).get('v0')).toBe((M64 << 64n) | 1n);
    // tbl: indices past the table give 0.
    expect(run('tbl v0.8b, {v1.16b}, v2.8b', { v1: 0xaan << 120n, v2: 0x10_0fn }).get('v0')).toBe(0xaan);
  });
  it('builds immediates and compares', () => {
    expect(run('movi v0.4s, #0x12, msl #8').get('v0')).toBe(BigInt('0x' + '000012ff'.repeat(4)));
    expect(run('mvni v0.2s, #0').get('v0')).toBe(M64);
    expect(run('movi v0.16b, 0xffffffffffffffa5').get('v0')).toBe(BigInt('0x' + 'a5'.repeat(16)));
    expect(run('cmgt v0.2d, v1.2d, #0', { v1: 1n | (M64 << 64n) }).get('v0')).toBe(M64);
    expect(run('cnt v0.8b, v1.8b', { v1: 0xff03n }).get('v0')).toBe(0x0802n);
  });
});

describe('AArch64 floating point', () => {
  const ONE = 0x3ff0000000000000n;
  const QNAN = 0x7ff8000000000000n;
  it('sets NZCV as Arm defines for ordered and unordered compares', () => {
    expect(run('fcmp d0, d1', { v0: ONE, v1: ONE }).nzcv()).toBe('0110');
    expect(run('fcmp d0, #0.0', { v0: ONE }).nzcv()).toBe('0010');
    expect(run('fcmpe d0, d1', { v0: 0n, v1: ONE }).nzcv()).toBe('1000');
    expect(run('fcmp d0, d1', { v0: QNAN, v1: ONE }).nzcv()).toBe('0011');
  });
  it('zeroes the upper bits of scalar writes and decodes immediates', () => {
    expect(run('fmov d0, #1.0', { v0: (1n << 128n) - 1n }).get('v0')).toBe(ONE);
    expect(run('fmov s0, -3.0e+0').get('v0')).toBe(0xc0400000n);
    expect(run('fadd s0, s1, s2', { v1: 0x3f800000n, v2: 0x3f800000n }).get('v0')).toBe(0x40000000n);
    expect(run('fmov x0, v1.d[1]', { v1: 5n << 64n }).get('x0')).toBe(5n);
    refuses('fmov d0, #0.1');
  });
  it('converts with the instruction rounding and Arm NaN rules', () => {
    expect(run('fcvtzs w0, d1', { v1: QNAN }).get('x0')).toBe(0n);
    expect(run('fcvtms w0, d1', { v1: 0xbff8000000000000n }).get('x0')).toBe(M32 - 1n); // -1.5 -> -2
    expect(run('fcvtas w0, d1', { v1: 0x4004000000000000n }).get('x0')).toBe(3n); // 2.5 -> 3
    expect(run('scvtf d0, w1, #1', { x1: 3n }).get('v0')).toBe(0x3ff8000000000000n); // 1.5
    expect(run('frintn d0, d1', { v1: 0x4004000000000000n }).get('v0')).toBe(0x4000000000000000n); // 2.5 -> 2.0
  });
  it('gives the default NaN for a quiet NaN addend with 0 * inf (FPMulAdd)', () => {
    expect(run('fmadd d0, d1, d2, d3', { v1: 0n, v2: 0x7ff0000000000000n, v3: QNAN | 5n }).get('v0')).toBe(QNAN);
    expect(run('fmadd d0, d1, d2, d3', { v1: ONE, v2: ONE, v3: QNAN | 5n }).get('v0')).toBe(QNAN | 5n);
  });
});
