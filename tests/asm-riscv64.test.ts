// The RISC-V64 front end: operand forms, printing, and diagnostics.
import { describe, expect, it } from 'vitest';
import { parseWithDialect } from '../src/asm/frontend.js';
import { printAsmFile } from '../src/asm/printer.js';
import { riscv64Dialect } from '../src/asm/riscv64/index.js';
import { formatDiagnostic } from '../src/asm/source.js';

function parse(text: string) {
  return parseWithDialect(riscv64Dialect, text, 'test.s');
}

function reprint(text: string): string {
  const r = parse(text);
  expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
  return printAsmFile(r.file, riscv64Dialect);
}

describe('RISC-V64 operands', () => {
  const cases: [string, string][] = [
    ['addi sp, sp, -32', '\taddi\tsp,sp,-32'],
    ['sd ra,24(sp)', '\tsd\tra,24(sp)'],
    ['ld a0,(a1)', '\tld\ta0,(a1)'],
    ['lui a5,%hi(counter)', '\tlui\ta5,%hi(counter)'],
    ['lw a0,%lo(counter)(a5)', '\tlw\ta0,%lo(counter)(a5)'],
    ['lw a0,%lo(table+8)(a5)', '\tlw\ta0,%lo(table+8)(a5)'],
    ['call printf@plt', '\tcall\tprintf@plt'],
    ['tail memcpy', '\ttail\tmemcpy'],
    ['fcvt.w.d a0,fa0,rtz', '\tfcvt.w.d\ta0,fa0,rtz'],
    ['fence iorw,ow', '\tfence\tiorw,ow'],
    ['amoadd.w.aqrl a0,a1,(a2)', '\tamoadd.w.aqrl\ta0,a1,(a2)'],
    ['li a0,0x7fffffff', '\tli\ta0,2147483647'],
    ['li a0,010', '\tli\ta0,8'],
    ['1: bnez a0,1b', '1:\n\tbnez\ta0,1b'],
    ['j 2f\n2:', '\tj\t2f\n2:'],
    ['auipc a0,%pcrel_hi(x)\n.Lpc: addi a0,a0,%pcrel_lo(.Lpc)', '\tauipc\ta0,%pcrel_hi(x)\n.Lpc:\n\taddi\ta0,a0,%pcrel_lo(.Lpc)'],
    ['csrr a0,fcsr', '\tcsrr\ta0,fcsr'],
    ['ret', '\tret'],
  ];
  for (const [input, printed] of cases) {
    it(`reprints ${JSON.stringify(input)}`, () => {
      expect(reprint(input)).toBe(printed + '\n');
    });
  }

  it('classifies registers, immediates, memory and symbols', () => {
    const r = parse('lw a0,-8(s0)\naddi a1,a1,%lo(x)\ncall foo');
    const [lw, addi, call] = r.file.statements;
    expect(lw).toMatchObject({ kind: 'instruction', operands: [{ kind: 'reg', name: 'a0' }, { kind: 'rvmem', base: 's0' }] });
    expect(addi).toMatchObject({ operands: [{ kind: 'reg' }, { kind: 'reg' }, { kind: 'expr', expr: { kind: 'reloc', style: 'percent', op: 'lo' } }] });
    expect(call).toMatchObject({ operands: [{ kind: 'expr', expr: { kind: 'sym', name: 'foo' } }] });
  });
});

describe('RISC-V64 directives', () => {
  it('keeps every directive gcc emits', () => {
    const text = [
      '\t.file\t"t.c"',
      '\t.option pic',
      '\t.attribute arch, "rv64i2p1_m2p0"',
      '\t.attribute unaligned_access, 0',
      '\t.section\t.rodata.str1.8,"aMS",@progbits,1',
      '\t.p2align 4,,10',
      '\t.string\t"a\\tb\\n\\"q\\"\\001"',
      '\t.section\t.note.GNU-stack,"",@progbits',
      '\t.size\tf, .-f',
      '\t.set\t.LANCHOR0,. + 0',
      '\t.comm\tbuf,64,8',
      '\t.cfi_offset 1, -8',
    ].join('\n');
    expect(reprint(text)).toBe(
      [
        '\t.file\t"t.c"',
        '\t.option\tpic',
        '\t.attribute\tarch,"rv64i2p1_m2p0"',
        '\t.attribute\tunaligned_access,0',
        '\t.section\t.rodata.str1.8,"aMS",@progbits,1',
        '\t.p2align\t4,,10',
        '\t.string\t"a\\tb\\n\\"q\\"\\001"',
        '\t.section\t.note.GNU-stack,"",@progbits',
        '\t.size\tf,.-f',
        '\t.set\t.LANCHOR0,.+0',
        '\t.comm\tbuf,64,8',
        '\t.cfi_offset\t1,-8',
      ].join('\n') + '\n',
    );
  });
});

describe('RISC-V64 diagnostics', () => {
  function errors(text: string): string[] {
    const r = parse(text);
    return r.diagnostics.map((d) => `${d.span.line}:${d.span.col}: ${d.message}`);
  }

  it('reports every bad line with its position and keeps going', () => {
    expect(errors('addi a0,a0\nfrob a0\n\tlw a0,8(a1\nret')).toEqual([
      "1:1: 'addi' takes 3 operands, found 2",
      "2:1: unknown RISC-V64 instruction 'frob'",
      "3:12: unexpected end of line in 'lw'",
    ]);
  });

  it('rejects a non-register base', () => {
    expect(errors('lw a0,8(foo)')).toEqual(["1:9: 'foo' is not a RISC-V register"]);
  });

  it('rejects unknown and unsupported directives', () => {
    expect(errors('.frobnicate 1\n.macro m\n')).toEqual([
      "1:1: unknown directive '.frobnicate'",
      "2:1: unsupported directive '.macro': assembler macros are not supported; expand them first (gcc -E, or as -a)",
    ]);
  });

  it('renders a caret under the offending text', () => {
    const r = parse('\tlw a0,8(a1\n');
    expect(formatDiagnostic(r.diagnostics[0]!, r.source)).toBe(
      "test.s:1:12: error: unexpected end of line in 'lw'\n\tlw a0,8(a1\n\t          ^",
    );
  });

  it('refuses binary input outright', () => {
    expect(errors('\u0000\u0001ELF')).toEqual(['1:1: this looks like a binary file (it contains NUL bytes), not assembly text']);
  });
});
