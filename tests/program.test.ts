// The program model: sections, symbols, functions, blocks, edges and jump tables.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Isa } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { formatDiagnostic } from '../src/asm/source.js';
import { buildProgram } from '../src/program/build.js';
import type { AsmFunction, AsmProgram } from '../src/program/model.js';

function program(isa: Isa, text: string): AsmProgram {
  const r = parseAsm(text, 'test.s', isa);
  expect(r.diagnostics.map((d) => formatDiagnostic(d, r.source))).toEqual([]);
  return buildProgram(r.file);
}

function fn(p: AsmProgram, name: string): AsmFunction {
  const f = p.functions.find((x) => x.name === name);
  if (!f) throw new Error(`no function ${name}`);
  return f;
}

/** Successors of each block as `label>label` strings, for compact assertions. */
function edges(f: AsmFunction): string[] {
  const name = (id: number) => f.blocks[id]!.labels[0] ?? `B${id}`;
  return f.blocks.flatMap((b) =>
    b.successors.map((e) => `${name(b.id)}>${'block' in e.to ? name(e.to.block) : e.to.external}:${e.kind}`),
  );
}

const A64_SWITCH = `
	.text
	.align	2
	.global	f
	.type	f, %function
f:
	cmp	w0, 3
	bhi	.L2
	adrp	x1, .L4
	add	x1, x1, :lo12:.L4
	ldrb	w1, [x1,w0,uxtw]
	adr	x2, .Lrtx4
	add	x1, x2, w1, sxtb #2
	br	x1
.Lrtx4:
	.section	.rodata
	.align	2
.L4:
	.byte	(.L5 - .Lrtx4) / 4
	.byte	(.L6 - .Lrtx4) / 4
	.byte	(.L7 - .Lrtx4) / 4
	.byte	(.L5 - .Lrtx4) / 4
	.text
.L5:
	mov	w0, 1
	ret
.L6:
	mov	w0, 2
	ret
.L7:
	mov	w0, 3
	ret
.L2:
	mov	w0, 0
	b	other
	.size	f, .-f
`;

describe('control-flow graphs', () => {
  it('recognises an AArch64 jump table with relative, scaled byte entries', () => {
    const f = fn(program('aarch64', A64_SWITCH), 'f');
    expect(f.jumpTables).toHaveLength(1);
    const t = f.jumpTables[0]!;
    expect(t).toMatchObject({ label: '.L4', section: '.rodata', entrySize: 1, encoding: { kind: 'relative', base: '.Lrtx4', scale: 4 } });
    expect(t.targets.map((b) => f.blocks[b]!.labels)).toEqual([['.Lrtx4', '.L5'], ['.L6'], ['.L7'], ['.Lrtx4', '.L5']]);
    expect(f.blocks[1]!.exit).toEqual({ kind: 'jump-table', table: 0 });
    expect(edges(f)).toEqual([
      'B0>.L2:taken',
      'B0>B1:not-taken',
      'B1>.Lrtx4:jump-table',
      'B1>.L6:jump-table',
      'B1>.L7:jump-table',
      '.L2>other:tail-call',
    ]);
    expect(f.blocks.filter((b) => b.exit.kind === 'return')).toHaveLength(3);
  });

  it('recognises the x86-64 PIC jump table gcc emits', () => {
    const text = fs.readFileSync(new URL('../examples/switch.x86_64.s', import.meta.url), 'utf8');
    const f = fn(program('x86_64', text), 'classify');
    expect(f.jumpTables).toHaveLength(1);
    expect(f.jumpTables[0]).toMatchObject({ label: '.L4', entrySize: 4, encoding: { kind: 'relative', base: '.L4', scale: 1 } });
    expect(f.jumpTables[0]!.targets).toHaveLength(8);
  });

  it('makes the gcc cold part `f.cold` blocks of `f`, never reached by falling through', () => {
    const text = fs.readFileSync(new URL('../examples/switch.x86_64.s', import.meta.url), 'utf8');
    const p = program('x86_64', text);
    expect(p.functions.map((f) => f.name)).toEqual(['classify', 'main']);
    const f = fn(p, 'classify');
    const cold = f.blocks.find((b) => b.labels.includes('.L12'))!;
    expect(cold.labels[0]).toBe('classify.cold');
    expect(cold.predecessors).toEqual([0]);
    expect(edges(f)).toContain('.LFB11>classify.cold:taken');
    // Trailing end-of-function labels (.LFE11) make no block of their own.
    expect(f.blocks.every((b) => b.instructions.length > 0)).toBe(true);
    expect(f.blocks.some((b) => b.exit.kind === 'falls-off-end')).toBe(false);
  });

  it('recognises RISC-V jump tables, relative (PIC) and absolute', () => {
    const body = (entry: (l: string) => string, dir: string) => `
	.text
	.globl	g
	.type	g, @function
g:
	li	a5,2
	bgtu	a0,a5,.L2
	slli	a0,a0,2
	lla	a5,.L4
	add	a0,a0,a5
	lw	a0,0(a0)
	add	a0,a0,a5
	jr	a0
	.section	.rodata
	.align	2
.L4:
	${dir}	${entry('.L5')}
	${dir}	${entry('.L6')}
	${dir}	${entry('.L2')}
	.text
.L5:
	li	a0,1
	ret
.L6:
	li	a0,2
	jr	ra
.L2:
	li	a0,0
	ret
	.size	g, .-g
`;
    const rel = fn(program('riscv64', body((l) => `${l}-.L4`, '.word')), 'g');
    expect(rel.jumpTables[0]).toMatchObject({ entrySize: 4, encoding: { kind: 'relative', base: '.L4' } });
    expect(rel.jumpTables[0]!.targets.map((b) => rel.blocks[b]!.labels[0])).toEqual(['.L5', '.L6', '.L2']);
    const abs = fn(program('riscv64', body((l) => l, '.dword')), 'g');
    expect(abs.jumpTables[0]).toMatchObject({ entrySize: 8, encoding: { kind: 'absolute' } });
    // `jr ra` is a return, not an indirect jump.
    expect(abs.blocks.filter((b) => b.exit.kind === 'return')).toHaveLength(3);
  });

  it('marks an indirect jump it does not understand as unknown, never guessing', () => {
    const p = program('aarch64', '\t.global h\n\t.type h, %function\nh:\n\tldr x1, [x0]\n\tbr x1\n\t.size h, .-h\n');
    expect(fn(p, 'h').blocks[0]!.exit).toMatchObject({ kind: 'unknown-indirect' });
    const table = program('x86_64', `
	.globl k
	.type k, @function
k:
	leaq	ptrs(%rip), %rax
	jmp	*(%rax,%rdi,8)
	.size k, .-k
	.data
ptrs:
	.quad	other_function
`);
    expect(fn(table, 'k').blocks[0]!.exit).toMatchObject({ kind: 'unknown-indirect' });
  });

  describe('demands that a register provably holds the table address', () => {
    // An x86-64 dispatch whose table base is set up by PROLOGUE, possibly in
    // another block; the table and targets are gcc's shape.
    const x86 = (prologue: string, dispatchBase = '%rbx') => `
	.globl	d
	.type	d, @function
d:
${prologue}
.Lhead:
	cmpl	$2, %edi
	ja	.Lout
	movslq	(${dispatchBase},%rdi,4), %rax
	addq	${dispatchBase}, %rax
	jmp	*%rax
	.section	.rodata
	.align 4
.Ltab:
	.long	.La-.Ltab
	.long	.Lb-.Ltab
	.long	.Lout-.Ltab
	.text
.La:
	call	work
	jmp	.Lhead
.Lb:
	addl	$1, %esi
	jmp	.Lhead
.Lout:
	ret
	.size	d, .-d
`;
    const dispatchExit = (text: string) => fn(program('x86_64', text), 'd').blocks.find((b) => b.terminator === 'indirect-jump')!.exit;

    it('accepts a base hoisted out of the loop in a callee-saved register', () => {
      expect(dispatchExit(x86('\tleaq\t.Ltab(%rip), %rbx'))).toMatchObject({ kind: 'jump-table' });
    });
    it('refuses when a call in the loop may clobber a caller-saved base', () => {
      expect(dispatchExit(x86('\tleaq\t.Ltab(%rip), %r10', '%r10'))).toMatchObject({ kind: 'unknown-indirect' });
    });
    it('refuses when the base register is overwritten before the dispatch', () => {
      expect(dispatchExit(x86('\tleaq\t.Ltab(%rip), %rbx\n\tmovq\t%rsi, %rbx'))).toMatchObject({ kind: 'unknown-indirect' });
    });
    it('refuses when the base is set on only one path to the dispatch', () => {
      const onePath = '\ttestl\t%esi, %esi\n\tje\t.Lhead\n\tleaq\t.Ltab(%rip), %rbx';
      expect(dispatchExit(x86(onePath))).toMatchObject({ kind: 'unknown-indirect' });
    });
    it('refuses when the loop writes the base through an implicit operand', () => {
      // `rep stosq` writes %rdi and %rcx without naming them.
      const text = x86('\tleaq\t.Ltab(%rip), %rcx', '%rcx').replace('\tcall\twork', '\trep stosq');
      expect(dispatchExit(text)).toMatchObject({ kind: 'unknown-indirect' });
    });
  });

  it('resolves numeric local labels backwards and forwards', () => {
    const p = program('riscv64', `
	.globl n
	.type n, @function
n:
1:	addi a0,a0,-1
	bnez a0,1b
	j 1f
	nop
1:	ret
	.size n, .-n
`);
    const f = fn(p, 'n');
    expect(edges(f)).toEqual(['1@1>1@1:taken', '1@1>B1:not-taken', 'B1>1@2:jump', 'B2>1@2:fallthrough']);
  });

  it('ends a function at the next one when .size is missing, and knows noreturn calls', () => {
    const p = program('aarch64', `
	.global a
	.type a, %function
a:
	bl	abort
	.global b
	.type b, %function
b:
	ret
`);
    expect(fn(p, 'a')).toMatchObject({ sized: false });
    expect(fn(p, 'a').blocks[0]!.exit).toEqual({ kind: 'trap' });
    expect(fn(p, 'a').callees).toEqual(['abort']);
    expect(fn(p, 'b').blocks).toHaveLength(1);
  });

  it('flags code that falls off the end of a function', () => {
    const p = program('x86_64', '\t.globl q\n\t.type q, @function\nq:\n\tmovl $1, %eax\n\t.size q, .-q\n');
    expect(fn(p, 'q').blocks[0]!.exit).toEqual({ kind: 'falls-off-end' });
  });
});

describe('labels whose address is taken', () => {
  it('counts adr, :lo12: pairs and absolute data entries, not branch targets or label differences', async () => {
    const { addressTakenLabels } = await import('../src/program/regflow.js');
    const { isaDescription } = await import('../src/isa/index.js');
    const p = program(
      'aarch64',
      [
        '\t.text', '\t.type f, %function', 'f:',
        '\tadr x1, .Ladr', '\tadrp x2, .Lpage', '\tadd x2, x2, :lo12:.Lpage', '\tcbz x0, .Lbranch', '\tb .Ljump',
        '.Ladr:', '.Lpage:', '.Lbranch:', '.Ljump:', '.Ldiff:', '.Ldata:', '1:', '\tbl f', '\tret',
        '\t.size f, .-f',
        '\t.section .rodata', '.Ltab:', '\t.byte (.Ldiff - .Ltab) / 4', '\t.xword .Ldata', '\t.xword 1b',
      ].join('\n') + '\n',
    );
    const desc = isaDescription('aarch64');
    const taken = addressTakenLabels(p.file.statements, (ins) => desc.control(ins), (name, at) => p.labels.resolve(name, at));
    expect([...taken].filter((l) => l !== 'f').sort()).toEqual(['.Ladr', '.Ldata', '.Lpage', '1@1']);
  });
});

describe('sections and symbols', () => {
  it('follows .pushsection/.popsection and .previous', () => {
    const p = program('riscv64', `
	.text
a:	nop
	.pushsection .rodata.x,"a",@progbits
b:	.word 1
	.section .data
c:	.word 2
	.previous
d:	.word 3
	.popsection
e:	nop
`);
    const sectionOfLabel = (n: string) => p.sectionOf[p.labelIndex.get(n)!];
    expect(['a', 'b', 'c', 'd', 'e'].map(sectionOfLabel)).toEqual(['.text', '.rodata.x', '.data', '.rodata.x', '.text']);
    expect(p.sections.get('.rodata.x')).toMatchObject({ flags: 'a', type: 'progbits', executable: false });
    expect(p.sections.get('.text')!.executable).toBe(true);
  });

  it('collects bindings, types and common symbols', () => {
    const p = program('x86_64', `
	.globl	g
	.weak	w
	.local	lc
	.comm	lc,16,8
	.comm	gc,4,4
	.type	g, @object
	.data
g:	.long 1
w:	.long 2
`);
    expect(p.symbols.get('g')).toMatchObject({ binding: 'global', type: 'object', section: '.data' });
    expect(p.symbols.get('w')).toMatchObject({ binding: 'weak' });
    expect(p.symbols.get('lc')).toMatchObject({ binding: 'local', common: { size: 16n, align: 8n } });
    expect(p.symbols.get('gc')).toMatchObject({ binding: 'global', common: { size: 4n } });
    expect(p.functions).toEqual([]);
  });
});
