// The IR: SMT-LIB operator meanings, folding, symbolic execution + evaluation.
import { describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { add, and, c, concat, extract, ite, sext, ult, v, zext } from '../src/ir/build.js';
import { evalBinary } from '../src/ir/ops.js';
import { execute } from '../src/ir/symexec.js';
import { Evaluator } from '../src/interp/eval.js';
import { riscvSemantics } from '../src/isa/riscv64/semantics/index.js';

const M64 = (1n << 64n) - 1n;

describe('operators follow SMT-LIB', () => {
  it('divides by zero as bvudiv/bvurem/bvsdiv/bvsrem do', () => {
    expect(evalBinary('udiv', 64, 7n, 0n)).toBe(M64);
    expect(evalBinary('urem', 64, 7n, 0n)).toBe(7n);
    expect(evalBinary('sdiv', 64, 7n, 0n)).toBe(M64);
    expect(evalBinary('sdiv', 64, M64, 0n)).toBe(1n); // -1 / 0 = 1
    expect(evalBinary('srem', 64, M64 - 4n, 0n)).toBe(M64 - 4n);
  });
  it('handles signed overflow and remainder signs', () => {
    const min = 1n << 63n;
    expect(evalBinary('sdiv', 64, min, M64)).toBe(min); // INT_MIN / -1 wraps
    expect(evalBinary('srem', 64, M64 - 6n, 2n)).toBe(M64); // -7 % 2 = -1
    expect(evalBinary('srem', 32, 7n, 0xfffffffen)).toBe(1n); // 7 % -2 = 1
  });
  it('shifts by the width or more as SMT-LIB does', () => {
    expect(evalBinary('shl', 8, 1n, 8n)).toBe(0n);
    expect(evalBinary('lshr', 8, 0x80n, 9n)).toBe(0n);
    expect(evalBinary('ashr', 8, 0x80n, 200n)).toBe(0xffn);
  });
});

describe('builders', () => {
  it('fold constants and simplify', () => {
    expect(add(c(8, 250), c(8, 10))).toEqual(c(8, 4));
    const x = v(64, 'x');
    expect(add(x, c(64, 0))).toBe(x);
    expect(and(x, c(64, 0))).toEqual(c(64, 0));
    expect(extract(31, 0, zext(64, extract(31, 0, x)))).toEqual(extract(31, 0, x));
    expect(sext(64, c(8, 0x80))).toEqual(c(64, M64 - 127n));
    expect(extract(7, 0, concat(c(8, 1), x))).toEqual(extract(7, 0, x));
    expect(ite(ult(c(4, 1), c(4, 2)), x, c(64, 3))).toBe(x);
  });
  it('refuse width mismatches', () => {
    expect(() => add(v(64, 'a'), v(32, 'b'))).toThrow(/width mismatch/);
  });
});

describe('symbolic execution and evaluation', () => {
  const block = (text: string) =>
    parseAsm(text, 't.s', 'riscv64').file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');

  it('runs a RISC-V block and evaluates it on concrete inputs', () => {
    const r = execute(block('addiw a0,a0,1\nsd a0,8(sp)\nld a1,8(sp)\nbeq a1,zero,.L3'), {
      isa: 'riscv64',
      semantics: riscvSemantics,
    });
    expect([...r.liveIn].sort()).toEqual(['x10', 'x2']);
    expect(r.exit.kind).toBe('branch');
    const ev = new Evaluator({
      variable: (name) => ({ x10: 0x7fffffffn, x2: 0x1000n })[name] ?? 0n,
      memByte: () => 0xaa,
    });
    // 0x7fffffff + 1 wraps in 32 bits and sign-extends.
    expect(ev.value(r.written.get('x11')!)).toBe(0xffffffff80000000n);
    expect(ev.stores_(r.mem)).toEqual([{ addr: 0x1008n, bytes: 8, value: 0xffffffff80000000n }]);
    if (r.exit.kind === 'branch') expect(ev.value(r.exit.cond)).toBe(0n);
  });

  it('reports instructions without semantics instead of guessing', () => {
    const ins = { ...block('nop')[0]!, mnemonic: 'no.such.instruction' };
    expect(() => execute([ins], { isa: 'riscv64', semantics: riscvSemantics })).toThrow(/no semantics for 'no.such.instruction'/);
  });
});
