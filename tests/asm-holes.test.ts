// Hole syntax in the three front ends: what parses, how it prints back, and
// the positioned errors for holes that cannot be read.
import { describe, expect, it } from 'vitest';
import { parseAsm, printAsm } from '../src/asm/index.js';
import { formatSketchDiagnostics, parseSketch, printSketch } from '../src/asm/holes.js';

describe('hole syntax', () => {
  it('reads immediate, alternative and whole-instruction holes in RISC-V', () => {
    const text = 'f:\n\taddi a0,a0,??\n\t{add|sub|xor} a0,a0,{a1|a2}\n\t??insn{add,sub}\n\tsd a1,??(a0)\n\tret\n';
    const s = parseSketch(text, 's.s', 'riscv64');
    expect(s.diagnostics).toEqual([]);
    expect(s.sites.map((x) => x.holes.map((h) => h.kind))).toEqual([['imm'], ['choice', 'choice'], ['insn'], ['imm']]);
    expect(s.sites[1]!.variants.map((v) => printAsm({ ...s.file, statements: [v.ins] }).trim())).toEqual([
      'add\ta0,a0,a1', 'add\ta0,a0,a2', 'sub\ta0,a0,a1', 'sub\ta0,a0,a2', 'xor\ta0,a0,a1', 'xor\ta0,a0,a2',
    ]);
    expect(s.sites[2]!.insn?.allowed).toEqual(['add', 'sub']);
    expect(s.sites[0]!.holes[0]!.span).toMatchObject({ line: 2, col: 13 });
    expect(printSketch(s)).toBe('f:\n\taddi a0,a0,??\n\t{add|sub|xor} a0,a0,{a1|a2}\n\t??insn{add,sub}\n\tsd a1,??(a0)\n\tret\n');
  });

  it('reads holes in AArch64, including conditions and shifted operands, and leaves vector lists alone', () => {
    const text = 'f:\n\tadd x0, x0, x0, lsl #??\n\tcsel x0, x0, x1, {lt|ge}\n\tldr x0, [x0, #??]\n\tld1 {v0.16b, v1.16b}, [x0]\n\tret\n';
    const s = parseSketch(text, 'a.s', 'aarch64');
    expect(s.diagnostics).toEqual([]);
    expect(s.sites).toHaveLength(3);
    expect(s.sites[1]!.variants).toHaveLength(2);
    expect(s.file.statements.filter((x) => x.kind === 'instruction')).toHaveLength(5);
  });

  it('reads holes in x86-64 AT&T syntax', () => {
    const s = parseSketch('f:\n\taddq $??, %rax\n\t{addq|subq} %rdi, %rax\n\t??insn\n\tret\n', 'x.s', 'x86_64');
    expect(s.diagnostics).toEqual([]);
    expect(s.sites.map((x) => x.variants.length)).toEqual([1, 2, 0]);
  });

  it('holes in branches keep the branch target', () => {
    const s = parseSketch('f:\n\t{blt|bge} a0,a1,.L1\n\tmv a0,a1\n.L1:\n\tret\n', 'b.s', 'riscv64');
    expect(s.diagnostics).toEqual([]);
    expect(s.sites[0]!.variants.map((v) => v.ins.mnemonic)).toEqual(['blt', 'bge']);
  });

  it('reads text without holes exactly as parseAsm does', () => {
    const text = '\t.text\n\t.globl f\nf:\n\taddi a0,a0,1 # comment with ?? and {a|b}\n\tret\n';
    const s = parseSketch(text, 'p.s', 'riscv64');
    expect(s.sites).toEqual([]);
    expect(printSketch(s)).toBe(printAsm(parseAsm(text, 'p.s', 'riscv64').file));
  });

  const errors: [string, string, 'riscv64' | 'aarch64', RegExp][] = [
    ['empty alternative', 'f:\n\t{add|} a0,a0,a1\n', 'riscv64', /e\.s:2:2: error: an alternative in '\{add\|\}' is empty/],
    ['??insn with operands', 'f:\n\t??insn a0\n', 'riscv64', /e\.s:2:2: error: '\?\?insn' stands for a whole instruction/],
    ['unknown mnemonic in ??insn', 'f:\n\t??insn{add,frob}\n', 'riscv64', /e\.s:2:2: error: 'frob' in '\?\?insn\{\.\.\.\}' is not a RISC-V64 instruction/],
    ['alternative that does not parse', 'f:\n\t{add|frob} a0,a0,a1\n', 'riscv64', /e\.s:2:2: error: alternative 'frob a0,a0,a1' is not valid: unknown RISC-V64 instruction 'frob'/],
    ['alternatives with different control flow', 'f:\n\t{beq|bne} a0,a1,{.L1|.L2}\n.L1:\n.L2:\n\tret\n', 'riscv64', /leaves the block differently/],
    ['a bad operand count', 'f:\n\tadd x0, {x1|x2}\n', 'aarch64', /e\.s:2:10: error: .*'add' takes/],
  ];
  for (const [what, text, isa, message] of errors) {
    it(`reports ${what} with its position`, () => {
      const s = parseSketch(text, 'e.s', isa);
      expect(s.diagnostics.length, what).toBeGreaterThan(0);
      expect(formatSketchDiagnostics(s)).toMatch(message);
    });
  }
});
