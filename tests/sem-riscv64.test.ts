// RISC-V64 semantics with directed values, one group at a time: every
// divide-by-zero and overflow rule, shift masking, `*w` sign extension, NaN
// boxing, rounding modes, control flow and what is refused. Random values
// against qemu are in tests/difftest.test.ts.
import { describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { v } from '../src/ir/build.js';
import { UnsupportedInstruction } from '../src/ir/semantics.js';
import { execute, type ExecResult } from '../src/ir/symexec.js';
import { Evaluator } from '../src/interp/eval.js';
import { riscvSemantics } from '../src/isa/riscv64/semantics/index.js';

const M64 = (1n << 64n) - 1n;
const s64 = (x: bigint) => x & M64;
const BOX = 0xffffffff00000000n;

function parse(text: string): InstructionStatement[] {
  const r = parseAsm(text, 't.s', 'riscv64');
  expect(r.diagnostics).toEqual([]);
  return r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

function exec(text: string): ExecResult {
  return execute(parse(text), {
    isa: 'riscv64',
    semantics: riscvSemantics,
    onCall: (_e, state) => state.set('x1', v(64, 'return_address')),
  });
}

/** Runs `text` on the given inputs (others 0; symbol `&s` = 0x1000; memory bytes default 0). */
function run(text: string, inputs: Record<string, bigint> = {}, memory: Record<number, number> = {}) {
  const r = exec(text);
  const ev = new Evaluator({
    variable: (name) => inputs[name] ?? (name.startsWith('&') ? 0x1000n : 0n),
    memByte: (_m, addr) => memory[Number(addr)] ?? 0,
  });
  const get = (name: string) => {
    const w = r.written.get(name);
    return w ? ev.value(w) : (inputs[name] ?? 0n);
  };
  return { r, ev, get, stores: ev.stores_(r.mem) };
}

const x = (text: string, inputs: Record<string, bigint>, out = 'x10') => run(text, inputs).get(out);

function refuses(text: string, message: RegExp): void {
  expect(() => exec(text)).toThrow(UnsupportedInstruction);
  expect(() => exec(text)).toThrow(message);
}

describe('RV64I arithmetic', () => {
  it('wraps 64-bit arithmetic and sign-extends every *w result', () => {
    expect(x('add a0, a1, a2', { x11: M64, x12: 2n })).toBe(1n);
    expect(x('sub a0, a1, a2', { x11: 0n, x12: 1n })).toBe(M64);
    expect(x('addw a0, a1, a2', { x11: 0x7fffffffn, x12: 1n })).toBe(0xffffffff80000000n);
    expect(x('addw a0, a1, a2', { x11: 0x1234567800000001n, x12: 0n })).toBe(1n); // upper half ignored
    expect(x('subw a0, a1, a2', { x11: 0n, x12: 1n })).toBe(M64);
    expect(x('addiw a0, a1, -1', { x11: 0x80000000n })).toBe(0x7fffffffn);
    expect(x('negw a0, a1', { x11: 0x80000000n })).toBe(0xffffffff80000000n);
    expect(x('sext.w a0, a1', { x11: 0xfedcba9880000000n })).toBe(0xffffffff80000000n);
  });
  it('masks shift amounts to 6 bits (64-bit) and 5 bits (*w)', () => {
    expect(x('sll a0, a1, a2', { x11: 1n, x12: 64n })).toBe(1n);
    expect(x('sll a0, a1, a2', { x11: 1n, x12: 65n })).toBe(2n);
    expect(x('srl a0, a1, a2', { x11: 1n << 63n, x12: 0xffffffffffffff3fn })).toBe(1n);
    expect(x('sra a0, a1, a2', { x11: 1n << 63n, x12: 127n })).toBe(M64);
    expect(x('sllw a0, a1, a2', { x11: 1n, x12: 32n })).toBe(1n);
    expect(x('sllw a0, a1, a2', { x11: 1n, x12: 31n })).toBe(0xffffffff80000000n);
    expect(x('srlw a0, a1, a2', { x11: 0xffffffff80000000n, x12: 0n })).toBe(0xffffffff80000000n);
    expect(x('srlw a0, a1, a2', { x11: 0xffffffff80000000n, x12: 33n })).toBe(0x40000000n);
    expect(x('sraw a0, a1, a2', { x11: 0x80000000n, x12: 63n })).toBe(M64);
    expect(x('slliw a0, a1, 31', { x11: 1n })).toBe(0xffffffff80000000n);
    expect(x('srliw a0, a1, 0', { x11: 0x80000000n })).toBe(0xffffffff80000000n);
    expect(x('sraiw a0, a1, 4', { x11: 0x0000000180000000n })).toBe(0xfffffffff8000000n);
    expect(x('srai a0, a1, 63', { x11: 1n << 63n })).toBe(M64);
  });
  it('compares signed and unsigned, with sign-extended immediates', () => {
    expect(x('slt a0, a1, a2', { x11: M64, x12: 0n })).toBe(1n);
    expect(x('sltu a0, a1, a2', { x11: M64, x12: 0n })).toBe(0n);
    expect(x('sltiu a0, a1, -1', { x11: M64 - 1n })).toBe(1n); // compares with 2^64 - 1
    expect(x('slti a0, a1, -2048', { x11: s64(-2049n) })).toBe(1n);
    expect(x('sgt a0, a1, a2', { x11: 1n, x12: M64 })).toBe(1n);
    expect(x('sgtu a0, a1, a2', { x11: 1n, x12: M64 })).toBe(0n);
    expect(x('seqz a0, a1', { x11: 0n })).toBe(1n);
    expect(x('snez a0, a1', { x11: 5n })).toBe(1n);
    expect(x('sltz a0, a1', { x11: M64 })).toBe(1n);
    expect(x('sgtz a0, a1', { x11: 0n })).toBe(0n);
  });
  it('builds constants: lui sign-extends, li takes any 64-bit value, la is the address', () => {
    expect(x('lui a0, 0x80000', {})).toBe(0xffffffff80000000n);
    expect(x('lui a0, 0xfffff', {})).toBe(0xfffffffffffff000n);
    expect(x('li a0, 0x123456789abcdef0', {})).toBe(0x123456789abcdef0n);
    expect(x('li a0, -1', {})).toBe(M64);
    expect(x('la a0, table', {})).toBe(0x1000n);
    expect(x('lla a0, table+8', {})).toBe(0x1008n);
    // %hi/%lo recombine to the address.
    expect(run('lui a5, %hi(table)\naddi a0, a5, %lo(table)', { '&table': 0x12345fffn }).get('x10')).toBe(0x12345fffn);
  });
  it('implements the pseudo-instructions', () => {
    expect(x('mv a0, a1', { x11: 7n })).toBe(7n);
    expect(x('not a0, a1', { x11: 0n })).toBe(M64);
    expect(x('neg a0, a1', { x11: 1n })).toBe(M64);
    expect(x('sext.b a0, a1', { x11: 0x180n })).toBe(s64(-128n));
    expect(x('sext.h a0, a1', { x11: 0x18000n })).toBe(s64(-32768n));
    expect(x('zext.b a0, a1', { x11: M64 })).toBe(0xffn);
    expect(x('zext.h a0, a1', { x11: M64 })).toBe(0xffffn);
    expect(x('zext.w a0, a1', { x11: M64 })).toBe(0xffffffffn);
    expect(run('nop').r.written.size).toBe(0);
  });
  it('reads x0 as zero and drops writes to it', () => {
    const r = run('add zero, a1, a2\nadd a0, zero, a1', { x11: 5n, x12: 6n });
    expect(r.r.written.has('x0')).toBe(false);
    expect(r.get('x10')).toBe(5n);
  });
  it('refuses what the assembler refuses and what cannot be modelled', () => {
    refuses('addi a0, a0, 2048', /12 signed bits/);
    refuses('slli a0, a0, 64', /0\.\.63/);
    refuses('slliw a0, a0, 32', /0\.\.31/);
    refuses('lui a0, 0x100000', /0\.\.1048575/);
    refuses('auipc a0, 0', /pc/);
    refuses('la zero, table', /GOT/);
  });
});

describe('M: multiplication and division', () => {
  const INT64_MIN = 1n << 63n;
  it('multiplies: low, high signed, high unsigned, high signed-unsigned, *w', () => {
    expect(x('mul a0, a1, a2', { x11: M64, x12: M64 })).toBe(1n);
    expect(x('mulh a0, a1, a2', { x11: M64, x12: M64 })).toBe(0n); // (-1)(-1) = 1
    expect(x('mulh a0, a1, a2', { x11: INT64_MIN, x12: INT64_MIN })).toBe(1n << 62n);
    expect(x('mulhu a0, a1, a2', { x11: M64, x12: M64 })).toBe(M64 - 1n);
    expect(x('mulhsu a0, a1, a2', { x11: M64, x12: M64 })).toBe(M64); // -1 * (2^64-1)
    expect(x('mulhsu a0, a1, a2', { x11: 2n, x12: M64 })).toBe(1n);
    expect(x('mulw a0, a1, a2', { x11: 0x10000n, x12: 0x8000n })).toBe(0xffffffff80000000n);
  });
  it('divides by zero as RISC-V says: quotient all ones, remainder the dividend', () => {
    expect(x('div a0, a1, a2', { x11: 7n, x12: 0n })).toBe(M64);
    expect(x('div a0, a1, a2', { x11: s64(-7n), x12: 0n })).toBe(M64); // not SMT-LIB's 1
    expect(x('divu a0, a1, a2', { x11: 7n, x12: 0n })).toBe(M64);
    expect(x('rem a0, a1, a2', { x11: s64(-7n), x12: 0n })).toBe(s64(-7n));
    expect(x('remu a0, a1, a2', { x11: 7n, x12: 0n })).toBe(7n);
    expect(x('divw a0, a1, a2', { x11: s64(-7n), x12: 0xffffffff00000000n })).toBe(M64);
    expect(x('divuw a0, a1, a2', { x11: 7n, x12: 0x100000000n })).toBe(M64);
    expect(x('remw a0, a1, a2', { x11: 0x80000000n, x12: 0n })).toBe(0xffffffff80000000n);
    expect(x('remuw a0, a1, a2', { x11: 0x1234567880000000n, x12: 0n })).toBe(0xffffffff80000000n);
  });
  it('overflows INT_MIN / -1 to INT_MIN with remainder 0', () => {
    expect(x('div a0, a1, a2', { x11: INT64_MIN, x12: M64 })).toBe(INT64_MIN);
    expect(x('rem a0, a1, a2', { x11: INT64_MIN, x12: M64 })).toBe(0n);
    expect(x('divw a0, a1, a2', { x11: 0x80000000n, x12: 0xffffffffn })).toBe(0xffffffff80000000n);
    expect(x('remw a0, a1, a2', { x11: 0x80000000n, x12: 0xffffffffn })).toBe(0n);
    expect(x('divu a0, a1, a2', { x11: INT64_MIN, x12: M64 })).toBe(0n);
  });
  it('rounds quotients toward zero; remainders take the dividend sign', () => {
    expect(x('div a0, a1, a2', { x11: s64(-7n), x12: 2n })).toBe(s64(-3n));
    expect(x('rem a0, a1, a2', { x11: s64(-7n), x12: 2n })).toBe(M64);
    expect(x('remw a0, a1, a2', { x11: 7n, x12: 0xfffffffen })).toBe(1n);
    expect(x('divuw a0, a1, a2', { x11: 0xfffffffen, x12: 1n })).toBe(0xfffffffffffffffen); // sign-extended
  });
});

describe('loads and stores', () => {
  const mem = { 0x100: 0x80, 0x101: 0xff, 0x102: 0xff, 0x103: 0xff, 0x104: 1 };
  it('loads every width with the right extension', () => {
    const at = { x11: 0x104n };
    expect(run('lb a0, -4(a1)', at, mem).get('x10')).toBe(s64(-128n));
    expect(run('lbu a0, -4(a1)', at, mem).get('x10')).toBe(0x80n);
    expect(run('lh a0, -4(a1)', at, mem).get('x10')).toBe(s64(-128n));
    expect(run('lhu a0, -4(a1)', at, mem).get('x10')).toBe(0xff80n);
    expect(run('lw a0, -4(a1)', at, mem).get('x10')).toBe(s64(-128n));
    expect(run('lwu a0, -4(a1)', at, mem).get('x10')).toBe(0xffffff80n);
    expect(run('ld a0, -4(a1)', at, mem).get('x10')).toBe(0x1ffffff80n);
    expect(run('ld a0, (a1)', at, mem).get('x10')).toBe(1n);
    expect(run('lw a0, table', {}, { 0x1000: 0xff, 0x1001: 0xff, 0x1002: 0xff, 0x1003: 0xff }).get('x10')).toBe(M64);
  });
  it('stores the low bytes of the register', () => {
    for (const [m, bytes] of [['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]] as const) {
      const r = run(`${m} a0, 8(a1)`, { x10: 0x1122334455667788n, x11: 0x200n });
      expect(r.stores).toEqual([{ addr: 0x208n, bytes, value: 0x1122334455667788n & ((1n << BigInt(8 * bytes)) - 1n) }]);
    }
  });
  it('models the symbol forms: the scratch register gets an unknown pc-relative value', () => {
    const st = run('sw a0, table, t0', { x10: 0x11223344n });
    expect(st.stores).toEqual([{ addr: 0x1000n, bytes: 4, value: 0x11223344n }]);
    expect(st.r.written.get('x5')).toMatchObject({ op: 'uf', name: 'riscv64.auipc_pcrel_hi' });
    const ld = run('fld fa0, .LC0, a5', {}, { 0x1000: 0x2a });
    expect(ld.get('f10')).toBe(0x2an);
    expect(ld.r.written.get('x15')).toMatchObject({ op: 'uf' });
    refuses('sw a0, table', /needs a scratch register/);
    refuses('sw a0, table, a0', /scratch register is the stored register/);
    refuses('fld fa0, table, zero', /scratch register zero/);
    refuses('lw a0, table, t0', /takes no scratch register/);
    refuses('lw zero, table', /through x0/);
  });
});

describe('control flow', () => {
  const cond = (text: string, inputs: Record<string, bigint>) => {
    const r = run(text, inputs);
    if (r.r.exit.kind !== 'branch') throw new Error(`expected a branch, got ${r.r.exit.kind}`);
    expect(r.r.exit.target).toEqual({ kind: 'symbol', name: '.L1' });
    return r.ev.value(r.r.exit.cond);
  };
  it('branches on every condition, pseudo forms included', () => {
    const a = { x10: M64, x11: 1n }; // a0 = -1, a1 = 1
    const table: [string, bigint][] = [
      ['beq', 0n], ['bne', 1n], ['blt', 1n], ['bge', 0n], ['bltu', 0n], ['bgeu', 1n],
      ['bgt', 0n], ['ble', 1n], ['bgtu', 1n], ['bleu', 0n],
    ];
    for (const [m, taken] of table) expect(cond(`${m} a0, a1, .L1`, a), m).toBe(taken);
    expect(cond('bge a1, a1, .L1', a)).toBe(1n);
    const zeros: [string, bigint, bigint][] = [
      ['beqz', 0n, 1n], ['bnez', 0n, 0n], ['blez', 0n, 1n], ['bgez', M64, 0n], ['bltz', M64, 1n], ['bgtz', 0n, 0n],
    ];
    for (const [m, value, taken] of zeros) expect(cond(`${m} a0, .L1`, { x10: value }), m).toBe(taken);
  });
  it('jumps, calls, returns and tail calls', () => {
    expect(exec('j .L2').exit).toEqual({ kind: 'jump', target: { kind: 'symbol', name: '.L2' } });
    expect(exec('jal zero, .L2').exit.kind).toBe('jump');
    expect(exec('tail memcpy@plt').exit).toEqual({ kind: 'jump', target: { kind: 'symbol', name: 'memcpy' } });
    for (const t of ['call puts@plt', 'jal puts', 'jal ra, puts', 'call ra, puts']) {
      const r = exec(t);
      expect(r.calls.map((c) => c.target), t).toEqual([{ kind: 'symbol', name: 'puts' }]);
      expect(r.exit.kind).toBe('fall');
    }
    for (const t of ['ret', 'jr ra', 'jalr zero, 0(ra)', 'jalr x0, ra, 0']) {
      const r = exec(t);
      expect(r.exit.kind, t).toBe('return');
      if (r.exit.kind === 'return') expect(r.exit.via).toEqual(v(64, 'x1'));
    }
  });
  it('jumps through registers to (base + offset) with bit 0 cleared', () => {
    const addr = (text: string) => {
      const r = run(text, { x15: 0x1001n, x1: 0x2001n });
      const t = r.r.exit.kind === 'jump' ? r.r.exit.target : r.r.calls[0]?.target;
      if (!t || t.kind !== 'address') throw new Error(`no address target for ${text}`);
      return r.ev.value(t.value);
    };
    expect(addr('jr a5')).toBe(0x1000n);
    expect(addr('jr 4(a5)')).toBe(0x1004n);
    expect(addr('jalr zero, a5, -2')).toBe(0xffen);
    expect(addr('jalr a5')).toBe(0x1000n); // a call through ra
    expect(addr('jalr ra, 8(a5)')).toBe(0x1008n);
    expect(addr('jalr zero, 4(ra)')).toBe(0x2004n); // not a return: it has an offset
    refuses('jalr a0, 0(a5)', /linking through x10/);
    refuses('jal a1, puts', /linking through x11/);
  });
  it('ends the block at traps', () => {
    for (const t of ['ecall', 'ebreak', 'unimp', 'wfi']) expect(exec(t).exit.kind, t).toBe('trap');
    expect(exec('fence\nfence.i\nfence.tso\npause\nfence rw, rw').written.size).toBe(0);
  });
});

describe('A: atomics on a single hart', () => {
  const mem = { 0x100: 0xfe, 0x101: 0xff, 0x102: 0xff, 0x103: 0xff };
  it('amo*: rd gets the old value (32-bit sign-extended), memory the result', () => {
    const r = run('amoadd.w a0, a1, (a2)', { x11: 3n, x12: 0x100n }, mem);
    expect(r.get('x10')).toBe(s64(-2n));
    expect(r.stores).toEqual([{ addr: 0x100n, bytes: 4, value: 1n }]);
    const minmax: [string, bigint][] = [['amomin.w', 0xfffffffen], ['amomax.w', 3n], ['amominu.w', 3n], ['amomaxu.w', 0xfffffffen], ['amoswap.w', 3n]];
    for (const [m, stored] of minmax) expect(run(`${m}.aqrl a0, a1, (a2)`, { x11: 3n, x12: 0x100n }, mem).stores[0]!.value, m).toBe(stored);
    const d = run('amoxor.d a0, a1, (a2)', { x11: M64, x12: 0x100n }, mem);
    expect(d.get('x10')).toBe(0xfffffffen);
    expect(d.stores[0]).toEqual({ addr: 0x100n, bytes: 8, value: M64 ^ 0xfffffffen });
  });
  it('reads sources before writing rd when they alias', () => {
    const r = run('amoadd.d a0, a0, (a2)', { x10: 5n, x12: 0x100n }, mem);
    expect(r.stores[0]!.value).toBe(0xfffffffen + 5n);
    expect(r.get('x10')).toBe(0xfffffffen);
  });
  it('lr loads; sc always succeeds (rd = 0) and stores', () => {
    const r = run('lr.w.aq a0, (a2)\nsc.w.rl a1, a3, (a2)', { x11: 9n, x12: 0x100n, x13: 0x1234567887654321n }, mem);
    expect(r.get('x10')).toBe(s64(-2n));
    expect(r.get('x11')).toBe(0n);
    expect(r.stores).toEqual([{ addr: 0x100n, bytes: 4, value: 0x87654321n }]);
  });
  it('refuses address offsets', () => {
    refuses('amoadd.w a0, a1, 4(a2)', /no address offset/);
  });
});

describe('Zicsr: the floating-point CSRs', () => {
  it('writes frm and fflags, and fcsr as both', () => {
    const r = run('fscsr a0', { x10: 0x1234n | (3n << 5n) | 0x15n });
    expect(r.get('frm')).toBe(3n);
    expect(r.get('fflags')).toBe(0x15n);
    expect(run('csrw frm, a0', { x10: 0xffn }).get('frm')).toBe(7n);
    expect(run('fsflags a0', { x10: 0xffn }).get('fflags')).toBe(31n);
    expect(run('csrwi fflags, 3').get('fflags')).toBe(3n);
  });
  it('reads frm, and swaps, sets and clears its bits', () => {
    expect(x('frrm a0', { frm: 4n })).toBe(4n);
    expect(x('csrr a0, 2', { frm: 1n })).toBe(1n);
    const s = run('csrrs a0, frm, a1', { frm: 1n, x11: 6n });
    expect([s.get('x10'), s.get('frm')]).toEqual([1n, 7n]);
    const c = run('csrrci a0, frm, 3', { frm: 7n });
    expect([c.get('x10'), c.get('frm')]).toEqual([7n, 4n]);
    const w = run('fsrm a0, a1', { frm: 2n, x11: 0n });
    expect([w.get('x10'), w.get('frm')]).toEqual([2n, 0n]);
  });
  it('refuses reads of fflags and fcsr (exception flags are not modelled) and other CSRs', () => {
    refuses('frflags a0', /exception flags/);
    refuses('frcsr a0', /exception flags/);
    refuses('csrr a0, fflags', /exception flags/);
    refuses('fsflags a0, a1', /exception flags/);
    refuses('csrs fflags, a0', /exception flags/);
    refuses('csrr a0, cycle', /only the floating-point CSRs/);
  });
});

describe('F and D', () => {
  const ONE_S = 0x3f800000n;
  const TWO_S = 0x40000000n;
  const NAN_S = 0x7fc00000n;
  const ONE_D = 0x3ff0000000000000n;
  const TWO_D = 0x4000000000000000n;
  const THREE_D = 0x4008000000000000n;
  const NAN_D = 0x7ff8000000000000n;
  const f = (text: string, inputs: Record<string, bigint>, out = 'f10') => run(text, inputs).get(out);

  it('NaN-boxes single-precision results and unboxes operands', () => {
    expect(f('fadd.s fa0, fa1, fa2', { f11: BOX | ONE_S, f12: BOX | ONE_S, frm: 0n })).toBe(BOX | TWO_S);
    // An operand that is not properly boxed reads as the canonical NaN.
    expect(f('fadd.s fa0, fa1, fa2', { f11: ONE_S, f12: BOX | ONE_S, frm: 0n })).toBe(BOX | NAN_S);
    expect(f('fsgnjn.s fa0, fa1, fa1', { f11: 0x7fffffff3f800000n })).toBe(BOX | 0xffc00000n);
    expect(f('fmv.s fa0, fa1', { f11: 0x3f800000n })).toBe(BOX | NAN_S);
    expect(f('fclass.s a0, fa1', { f11: 0x1n }, 'x10')).toBe(1n << 9n); // quiet NaN
    // Bit moves and stores take the low 32 bits as they are.
    expect(f('fmv.x.w a0, fa1', { f11: 0x12345678ff800000n }, 'x10')).toBe(0xffffffffff800000n);
    expect(f('fmv.w.x fa0, a1', { x11: 0x123456783f800000n })).toBe(BOX | ONE_S);
    expect(run('fsw fa1, 0(a0)', { f11: 0x1234567811223344n, x10: 0x100n }).stores).toEqual([{ addr: 0x100n, bytes: 4, value: 0x11223344n }]);
    expect(run('flw fa0, 0(a0)', { x10: 0x100n }, { 0x100: 0x44 }).get('f10')).toBe(BOX | 0x44n);
    expect(f('fcvt.s.d fa0, fa1', { f11: ONE_D, frm: 0n })).toBe(BOX | ONE_S);
    expect(f('fcvt.d.s fa0, fa1', { f11: ONE_S })).toBe(NAN_D); // unboxed input
  });
  it('computes the fused forms with the spec signs', () => {
    const inputs = { f11: ONE_D, f12: TWO_D, f13: THREE_D, frm: 0n };
    const d = (v: number) => BigInt.asUintN(64, new BigInt64Array(new Float64Array([v]).buffer)[0]!);
    expect(f('fmadd.d fa0, fa1, fa2, fa3', inputs)).toBe(d(5));
    expect(f('fmsub.d fa0, fa1, fa2, fa3', inputs)).toBe(d(-1));
    expect(f('fnmsub.d fa0, fa1, fa2, fa3', inputs)).toBe(d(1));
    expect(f('fnmadd.d fa0, fa1, fa2, fa3', inputs)).toBe(d(-5));
    // A NaN operand, negated or not, gives the canonical (positive) NaN.
    for (const m of ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']) expect(f(`${m}.d fa0, fa1, fa2, fa3`, { ...inputs, f11: 0xfff8000000000001n }), m).toBe(NAN_D);
    // Exact zero sums keep the spec's signs: -(1*0) - 0 = -0 + -0 = -0; -(1*0) + 0 = +0 in rne.
    expect(f('fnmadd.d fa0, fa1, fa2, fa3, rne', { f11: ONE_D, f12: 0n, f13: 0n })).toBe(1n << 63n);
    expect(f('fnmsub.d fa0, fa1, fa2, fa3, rne', { f11: ONE_D, f12: 0n, f13: 0n })).toBe(0n);
  });
  it('rounds by the operand, or by frm for dyn, and refuses to evaluate an invalid frm', () => {
    const twoHalf = 0x4004000000000000n; // 2.5
    const cvt = (rm: string, frm: bigint, value = twoHalf) => f(`fcvt.w.d a0, fa1${rm}`, { f11: value, frm }, 'x10');
    expect(cvt(', rtz', 4n)).toBe(2n);
    expect(cvt(', rmm', 0n)).toBe(3n);
    expect(cvt('', 0n)).toBe(2n); // rne: ties to even
    expect(cvt('', 4n)).toBe(3n); // rmm
    expect(cvt(', dyn', 3n)).toBe(3n); // rup
    expect(cvt('', 2n, twoHalf | (1n << 63n))).toBe(s64(-3n)); // rdn
    expect(() => cvt('', 5n)).toThrow(/uninterpreted/);
    // Exact conversions default to rne and do not read frm.
    expect(exec('fcvt.d.w fa0, a0').liveIn.has('frm')).toBe(false);
    expect(exec('fcvt.d.s fa0, fa1').liveIn.has('frm')).toBe(false);
    expect(exec('fcvt.s.w fa0, a0').liveIn.has('frm')).toBe(true);
  });
  it('converts NaN and out-of-range values to integers as RISC-V does', () => {
    expect(f('fcvt.w.d a0, fa1, rtz', { f11: NAN_D }, 'x10')).toBe(0x7fffffffn);
    expect(f('fcvt.wu.d a0, fa1, rtz', { f11: NAN_D }, 'x10')).toBe(M64); // 2^32 - 1, sign-extended
    expect(f('fcvt.lu.d a0, fa1, rtz', { f11: 0xbff0000000000000n }, 'x10')).toBe(0n); // -1 saturates to 0
    expect(f('fcvt.l.s a0, fa1, rtz', { f11: BOX | 0xff800000n }, 'x10')).toBe(1n << 63n);
    expect(f('fcvt.wu.s a0, fa1, rtz', { f11: BOX | 0x4f800000n }, 'x10')).toBe(M64); // 2^32 saturates
    expect(f('fcvt.s.lu fa0, a1, rne', { x11: M64 })).toBe(BOX | 0x5f800000n);
    expect(f('fcvt.d.wu fa0, a1', { x11: 0xffffffff00000001n })).toBe(ONE_D);
  });
  it('takes min/max as minNum/maxNum with -0 < +0 and compares into integer registers', () => {
    const NEG0 = 1n << 63n;
    expect(f('fmin.d fa0, fa1, fa2', { f11: 0n, f12: NEG0 })).toBe(NEG0);
    expect(f('fmax.d fa0, fa1, fa2', { f11: NEG0, f12: 0n })).toBe(0n);
    expect(f('fmin.d fa0, fa1, fa2', { f11: 0x7ff0000000000001n, f12: ONE_D })).toBe(ONE_D); // one sNaN: the other
    expect(f('fmax.d fa0, fa1, fa2', { f11: NAN_D, f12: 0xfff8000000000000n })).toBe(NAN_D);
    expect(f('feq.d a0, fa1, fa2', { f11: 0n, f12: NEG0 }, 'x10')).toBe(1n);
    expect(f('flt.d a0, fa1, fa2', { f11: ONE_D, f12: TWO_D }, 'x10')).toBe(1n);
    expect(f('fgt.d a0, fa1, fa2', { f11: ONE_D, f12: TWO_D }, 'x10')).toBe(0n);
    expect(f('fge.s a0, fa1, fa2', { f11: BOX | ONE_S, f12: BOX | ONE_S }, 'x10')).toBe(1n);
    expect(f('fle.d a0, fa1, fa2', { f11: NAN_D, f12: NAN_D }, 'x10')).toBe(0n);
  });
  it('classifies every kind of value, bit-exactly', () => {
    const cases: [bigint, number][] = [
      [0xfff0000000000000n, 0], [0xbff0000000000000n, 1], [0x800fffffffffffffn, 2], [1n << 63n, 3], [0n, 4],
      [1n, 5], [ONE_D, 6], [0x7ff0000000000000n, 7], [0x7ff0000000000001n, 8], [0x7ff8000000000000n, 9],
    ];
    for (const [value, bitIndex] of cases) expect(f('fclass.d a0, fa1', { f11: value }, 'x10')).toBe(1n << BigInt(bitIndex));
    expect(f('fclass.s a0, fa1', { f11: BOX | 0x80000001n }, 'x10')).toBe(1n << 2n);
  });
  it('injects signs and moves bits between register files', () => {
    expect(f('fsgnj.d fa0, fa1, fa2', { f11: ONE_D, f12: 1n << 63n })).toBe(ONE_D | (1n << 63n));
    expect(f('fsgnjx.d fa0, fa1, fa2', { f11: ONE_D | (1n << 63n), f12: 1n << 63n })).toBe(ONE_D);
    expect(f('fneg.d fa0, fa1', { f11: NAN_D })).toBe(NAN_D | (1n << 63n)); // sign injection keeps NaN payloads
    expect(f('fabs.d fa0, fa1', { f11: M64 })).toBe(M64 >> 1n);
    expect(f('fmv.x.d a0, fa1', { f11: ONE_D }, 'x10')).toBe(ONE_D);
    expect(f('fmv.d.x fa0, a1', { x11: 5n })).toBe(5n);
  });
});
