// Tail calls: `br xN` after the frame is torn down (gcc -O2's
// compose.constprop.0 in func_pointers) is translated as `jr` of the mapped
// register, and `b f` to another function as `tail f`. The translator
// recognises the indirect one only when sp, x30 and the callee-saved
// registers hold their entry values; the block verifier compares the jump
// addresses and the exit mapping, and the lift demands a function entry's
// mapping at the exit. Each wrong variant must be refuted or refused.
import { afterAll, describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { libcPrototypes } from '../src/abi/libc.js';
import { buildProgram } from '../src/program/build.js';
import type { AsmProgram } from '../src/program/model.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockStatus, BlockTranslation, ExitPromise } from '../src/translate/contract.js';
import { translateProgram } from '../src/translate/program.js';
import { parseTargetLines } from '../src/translate/run.js';
import { verifyBlock } from '../src/verify/block.js';
import { liftFunction } from '../src/verify/block-lift.js';

afterAll(() => closeDefaultSolvers());

const fn = (name: string, body: string): string =>
  `\t.text\n\t.global ${name}\n\t.type ${name}, %function\n${name}:\n${body}\n\t.size ${name}, .-${name}\n`;

/** gcc -O2's compose.constprop.0: call g(3.0), then tail-call f with its result. */
const COMPOSE = [
  '\tstp x29, x30, [sp, -32]!',
  '\tfmov d0, 3.0e+0',
  '\tmov x29, sp',
  '\tstr x19, [sp, 16]',
  '\tmov x19, x0',
  '\tblr x1',
  '\tmov x16, x19',
  '\tldr x19, [sp, 16]',
  '\tldp x29, x30, [sp], 32',
  '\tbr x16',
].join('\n');
const HALF = fn('half', '\tfmov d1, 5.0e-1\n\tfmul d0, d0, d1\n\tret');

async function translate(text: string, name: string) {
  const parsed = parseAsm(text, 't.s', 'aarch64');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const program = buildProgram(parsed.file);
  const t = translateProgram(program, { prototypes: await libcPrototypes() });
  const k = program.functions.findIndex((f) => f.name === name);
  const result = t.results[k]!;
  return { program, fn: program.functions[k]!, result, privateBytes: t.privateBytes };
}

async function translated(text: string, name: string) {
  const r = await translate(text, name);
  if (r.result.kind !== 'translated') throw new Error(`refused: ${r.result.reason}`);
  const blocks = r.result.blocks.map((b) => ({ ...b.translation, target: parseTargetLines(b.lines.filter((l) => !l.endsWith(':')), 'test') }));
  return { ...r, blocks };
}

function verify(block: BlockTranslation, privateBytes: number, sourceProgram?: AsmProgram): Promise<BlockStatus> {
  return verifyBlock({
    srcIsa: 'aarch64', tgtIsa: 'riscv64', block, ...(sourceProgram ? { sourceProgram } : {}),
    privateAreas: [{ symbol: '__tp_private', bytes: Math.max(privateBytes, 8) }],
    runs: 32, seed: 1, timeoutMs: 20_000,
  });
}

/** The block with its target text edited (a wrong translation the rules would never emit). */
function withTarget(block: BlockTranslation, edit: (lines: string[]) => string[]): BlockTranslation {
  const lines = block.target.map((ins) => `${ins.mnemonic} ${ins.operands.map((o) => printOperand(o)).join(', ')}`);
  return { ...block, target: parseTargetLines(edit(lines), 'test'), sourceSteps: undefined } as BlockTranslation;
}

function printOperand(op: InstructionStatement['operands'][number]): string {
  if (op.kind === 'reg') return op.name;
  if (op.kind === 'imm' || op.kind === 'expr') return op.expr.kind === 'num' ? String(op.expr.value) : op.expr.kind === 'unary' && op.expr.arg.kind === 'num' ? `-${op.expr.arg.value}` : op.expr.kind === 'sym' ? op.expr.name : '?';
  if (op.kind === 'rvmem') return `${op.offset ? printOperand({ kind: 'imm', expr: op.offset, prefix: '' } as never) : 0}(${op.base})`;
  throw new Error(`operand ${op.kind}`);
}

const indirectExit = (b: BlockTranslation): ExitPromise => b.exits.find((e) => e.kind === 'tail-call' && e.indirect)!;

describe('indirect tail calls (br xN after the frame is torn down)', () => {
  it('translates compose.constprop.0 to jr of the register x16 lives in, proves the block and the function', async () => {
    const { program, fn: f, blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const block = blocks[0]!;
    const last = block.target[block.target.length - 1]!;
    expect(last.mnemonic).toBe('jr');
    const exit = indirectExit(block);
    expect(exit.label).toBeUndefined();
    // The exit mapping is a function entry's: arguments, sp, return address, callee-saved registers.
    const srcs = new Set(exit.mapping.facts.map((f) => f.src));
    for (const r of ['x0', 'x7', 'v0', 'v7', 'sp', 'x30', 'x19', 'x29']) expect(srcs.has(r), r).toBe(true);
    const status = await verify(block, privateBytes);
    expect(status).toEqual({ status: 'proven' });
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn: f, blocks: [{ translation: block, status }] });
    // compose overwrites d0 before reading it, so v0 is dead at entry and needs no claim. The one
    // problem left is not the tail call's: the `blr` claims x8 (a possible struct-return address) as read,
    // and no caller outside the translation guarantees where x8 is.
    expect(lift.problems).toEqual(['the entry mapping claims x8 -> x29, which no caller guarantees (the function reads x8 before writing it)']);
  }, 120_000);

  it('loads a register that lives in a private slot into a scratch register and jumps through it; proven', async () => {
    // x8-x10 are used most, so they get t3-t5 and x17 lives in a slot of the private area. (x8 stays in a
    // register on purpose: it is an argument register live across the blr, and the call model gives a
    // slot-held caller-saved register a fresh value on the source but keeps the slot on the target.)
    const busy = fn('busy', '\tadd x8, x8, 1\n\tadd x9, x9, 1\n\tadd x10, x10, 1\n\tadd x8, x8, x9\n\tadd x9, x9, x10\n\tadd x10, x10, x8\n\tret');
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE.replace('mov x16, x19', 'mov x17, x19').replace('br x16', 'br x17')) + busy + HALF, 'compose');
    const block = blocks[0]!;
    const lines = block.target.map((i) => `${i.mnemonic} ${i.operands.map(printOperand).join(', ')}`);
    expect(lines.slice(-2)[0]).toMatch(/^ld (t[0-2]|t6), \d+\(t[0-2]|t6\)$/);
    expect(lines.slice(-1)[0]).toMatch(/^jr (t[0-2]|t6)$/);
    expect(await verify(block, privateBytes)).toEqual({ status: 'proven' });
  }, 120_000);

  it('refutes a jump through the wrong register', async () => {
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const wrong = withTarget(blocks[0]!, (ls) => [...ls.slice(0, -1), 'jr s1']);
    const status = await verify(wrong, privateBytes);
    expect(status.status).toBe('refuted');
    if (status.status === 'refuted') expect(status.counterexample).toMatch(/jump address/);
  }, 120_000);

  it.each([
    ['sp not restored', /^addi sp, sp, 32$/, /jumps through a register: sp -> x2/],
    ['x30 not restored', /^ld ra, /, /jumps through a register: x30 -> x1/],
    ['callee-saved x19 not restored', /^ld s1, /, /jumps through a register: x19 -> x9/],
  ])('refutes a target that jumps with %s', async (_what, drop, why) => {
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const wrong = withTarget(blocks[0]!, (ls) => {
      expect(ls.some((l) => drop.test(l)), ls.join('\n')).toBe(true);
      return ls.filter((l) => !drop.test(l));
    });
    const status = await verify(wrong, privateBytes);
    expect(status.status).toBe('refuted');
    if (status.status === 'refuted') expect(status.counterexample).toMatch(why);
  }, 120_000);

  it.each([
    ['before sp is restored', COMPOSE.replace('\tldp x29, x30, [sp], 32', '\tldp x29, x30, [sp]'), /sp may differ/],
    ['before x30 is restored', COMPOSE.replace('\tldp x29, x30, [sp], 32', '\tldr x29, [sp]\n\tadd sp, sp, 32'), /x30 may not hold/],
    ['before callee-saved x19 is restored', COMPOSE.replace('\tldr x19, [sp, 16]\n', ''), /callee-saved x19/],
    ['with a callee-saved register clobbered', COMPOSE.replace('\tbr x16', '\tmov x20, 1\n\tbr x16'), /callee-saved x20/],
    ['after storing over the saved x30', COMPOSE.replace('\tmov x16, x19', '\tmov x16, x19\n\tstr x0, [sp, 8]'), /x30 may not hold/],
  ])('refuses a source that jumps through a register %s', async (_what, body, why) => {
    const { result } = await translate(fn('compose', body) + HALF, 'compose');
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.reason).toMatch(why);
  }, 60_000);

  it('refuses a br when a label of the function has its address taken (a computed goto)', async () => {
    const body = '\tadr x16, .Lthere\n\tcbz x0, .Lthere\n\tbr x16\n.Lthere:\n\tret';
    const { result } = await translate(fn('g', body), 'g');
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.reason).toMatch(/address of label '\.Lthere' is taken/);
  }, 60_000);

  it('refutes a target that jumps through a register where the source returns', async () => {
    const { blocks, privateBytes } = await translated(fn('h', '\tadd x0, x0, 1\n\tret'), 'h');
    const wrong = withTarget(blocks[0]!, (ls) => [...ls.slice(0, -1), 'mv t0, ra', 'jr t0']);
    const status = await verify(wrong, privateBytes);
    expect(status.status).toBe('refuted');
    if (status.status === 'refuted') expect(status.counterexample).toMatch(/jumps through a register where the source returns/);
  }, 60_000);

  it('refutes a call through the wrong register before the tail call', async () => {
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const wrong = withTarget(blocks[0]!, (ls) => ls.map((l) => (l === 'jalr a1' ? 'jalr a2' : l)));
    expect(wrong.target.some((i) => i.mnemonic === 'jalr' && i.operands[0]?.kind === 'reg' && i.operands[0].name === 'a2')).toBe(true);
    const status = await verify(wrong, privateBytes);
    expect(status.status).toBe('refuted');
    if (status.status === 'refuted') expect(status.counterexample).toMatch(/callee address/);
  }, 120_000);

  it('refutes a target that returns where the source tail-calls through a register', async () => {
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const wrong = withTarget(blocks[0]!, (ls) => [...ls.slice(0, -1), 'ret']);
    const status = await verify(wrong, privateBytes);
    expect(status.status).toBe('refuted');
  }, 120_000);

  it('refuses a source jump through a register without a tail-call promise (a jump table is not verifiable at block level)', async () => {
    const { blocks, privateBytes } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const block = blocks[0]!;
    const exits = block.exits.map((e) => ({ ...e, indirect: undefined }));
    const status = await verify({ ...block, exits }, privateBytes);
    expect(status.status).toBe('refused');
  }, 60_000);

  it.each([
    ['x30', /lacks x30 -> x1/],
    ['x19', /lacks x19 -> x9/],
    ['x3', /lacks x3 -> x13/],
    ['v2', /lacks v2\[63:0\] -> f12/],
  ])('the lift refuses an indirect tail-call mapping without %s', async (drop, why) => {
    const { program, fn: f, blocks } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const block = blocks[0]!;
    const exits = block.exits.map((e) => (e.indirect ? { ...e, mapping: { ...e.mapping, facts: e.mapping.facts.filter((x) => x.src !== drop) } } : e));
    // The block status does not matter here: the composition is what is checked.
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn: f, blocks: [{ translation: { ...block, exits }, status: { status: 'proven' } }] });
    expect(lift.status).toBe('refused');
    expect(lift.problems.join('\n')).toMatch(why);
  }, 60_000);

  it('the lift refuses an indirect tail call in a function one of whose labels has its address taken', async () => {
    const { blocks } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    // The same block, in a program where a label at its start is stored as data (a computed goto could reach it).
    const other = await translate(fn('compose', `.Lhere:\n${COMPOSE}`) + HALF + '\t.data\n\t.xword .Lhere\n', 'compose');
    expect(other.result.kind).toBe('refused');
    expect(other.fn.blocks[0]!.instructions.length).toBe(blocks[0]!.source.length);
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program: other.program, fn: other.fn, blocks: [{ translation: blocks[0]!, status: { status: 'proven' } }] });
    expect(lift.status).toBe('refused');
    expect(lift.problems.join('\n')).toMatch(/address of label '\.Lhere' of the function is taken/);
  }, 60_000);

  it('the lift refuses an indirect tail call claimed for a block that ends in a return', async () => {
    const { program, fn: f, blocks } = await translated(fn('h', '\tadd x0, x0, 1\n\tret'), 'h');
    const block = blocks[0]!;
    const exits = [...block.exits, { kind: 'tail-call', indirect: true, mapping: block.exits[0]!.mapping } as ExitPromise];
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn: f, blocks: [{ translation: { ...block, exits }, status: { status: 'proven' } }] });
    expect(lift.problems.join('\n')).toMatch(/does not end in an indirect jump/);
  }, 60_000);

  it('treats the tail call as a call in liveness: the arguments x0-x7 and v0-v7 are live before the br', async () => {
    const { blocks } = await translated(fn('compose', COMPOSE) + HALF, 'compose');
    const srcs = new Set(indirectExit(blocks[0]!).mapping.facts.map((f) => f.src));
    for (let i = 0; i < 8; i++) {
      expect(srcs.has(`x${i}`)).toBe(true);
      expect(srcs.has(`v${i}`)).toBe(true);
    }
  }, 60_000);
});

describe('direct tail calls (b f)', () => {
  const SRC = fn('f', '\tadd x0, x0, 1\n\tb g') + fn('g', '\tadd x0, x0, 2\n\tret');

  it('promises the tail call under the callee name and proves it', async () => {
    const { program, fn: f, blocks, privateBytes } = await translated(SRC, 'f');
    const exit = blocks[0]!.exits.find((e) => e.kind === 'tail-call')!;
    expect(exit.label).toBe('g');
    const status = await verify(blocks[0]!, privateBytes);
    expect(status).toEqual({ status: 'proven' });
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn: f, blocks: [{ translation: blocks[0]!, status }] });
    // f reads no FP register (g takes none), so v0-v7 are dead at its entry and need no claim; nothing
    // is missing, the tail call's mapping included.
    expect(lift.problems).toEqual([]);
  }, 60_000);

  it('proves an external tail call with its arguments placed for the target ABI', async () => {
    const src = fn('clear', '\tmov x2, 16\n\tmov w1, 0\n\tb memset');
    const { blocks, privateBytes } = await translated(src, 'clear');
    const exit = blocks[0]!.exits.find((e) => e.kind === 'tail-call')!;
    expect(exit.label).toBe('memset');
    expect(await verify(blocks[0]!, privateBytes)).toEqual({ status: 'proven' });
  }, 60_000);

  it('refutes a tail call to another function', async () => {
    const { blocks, privateBytes } = await translated(SRC, 'f');
    const wrong = withTarget(blocks[0]!, (ls) => [...ls.slice(0, -1), 'tail f']);
    expect((await verify(wrong, privateBytes)).status).toBe('refuted');
  }, 60_000);

  it('the lift refuses a tail-call mapping without the return address', async () => {
    const { program, fn: f, blocks } = await translated(SRC, 'f');
    const block = blocks[0]!;
    const exits = block.exits.map((e) => ({ ...e, mapping: { ...e.mapping, facts: e.mapping.facts.filter((x) => x.src !== 'x30') } }));
    const lift = liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn: f, blocks: [{ translation: { ...block, exits }, status: { status: 'proven' } }] });
    expect(lift.problems.join('\n')).toMatch(/tail-call mapping lacks x30 -> x1/);
  }, 60_000);
});

describe('FP registers around calls to translated code', () => {
  // `half` reads d0 only; its address is taken (a table of function pointers), so a call through a
  // register reads what it reads, not all of v0-v7.
  const table = '\t.section .data.rel.local\n\t.p2align 3\nops:\n\t.xword half\n';
  const caller = fn('callit', '\tstp x29, x30, [sp, -16]!\n\tmov x29, sp\n\tldr x1, [x0]\n\tfmov d0, 2.0e+0\n\tblr x1\n\tldp x29, x30, [sp], 16\n\tret');

  it('a call through a register reads the FP arguments of the functions whose address is taken', async () => {
    const { blocks } = await translated(caller + HALF + table, 'callit');
    const before = blocks[0]!.calls[0]!.before.facts.map((f) => f.src);
    expect(before).toContain('v0');
    // v1-v3 stay live through the call as possible results of callit; v4-v7 are neither read nor returned.
    expect(before.filter((r) => /^v[4-7]$/.test(r))).toEqual([]);
  }, 60_000);

  it('with no function address taken, a call through a register reads all of v0-v7', async () => {
    const { blocks } = await translated(caller + HALF, 'callit');
    const before = new Set(blocks[0]!.calls[0]!.before.facts.map((f) => f.src));
    for (let n = 0; n < 8; n++) expect(before.has(`v${n}`), `v${n}`).toBe(true);
  }, 60_000);

  it('a slot-held v register a local callee never writes is claimed in its slot after the call; proven', async () => {
    // v0 is a vector here (q0), so it lives in a 16-byte slot; `inc` writes no FP register.
    const body = '\tstp x29, x30, [sp, -16]!\n\tmov x29, sp\n\tldr q0, [x1]\n\tbl inc\n\tstr d0, [x1]\n\tldp x29, x30, [sp], 16\n\tret';
    const { program, blocks, privateBytes } = await translated(fn('keep', body) + fn('inc', '\tadd x0, x0, 1\n\tret'), 'keep');
    const after = blocks[0]!.calls[0]!.after.facts.filter((f) => f.src === 'v0');
    expect(after.length).toBeGreaterThan(0);
    for (const f of after) expect(f.to.kind).toBe('mem');
    // The verifier learns from the source program that inc never writes v0 (as translateAndVerify tells it).
    expect(await verify(blocks[0]!, privateBytes, program)).toEqual({ status: 'proven' });
    // Without the program it must assume the callee may change v0, and the slot claim fails.
    expect((await verify(blocks[0]!, privateBytes)).status).toBe('refuted');
  }, 120_000);
});
