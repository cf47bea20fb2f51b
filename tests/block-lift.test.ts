// Lifting block results to a function status: edges must compose, the entry
// and returns must follow the calling conventions, live flags must be mapped.
import { afterAll, describe, expect, it } from 'vitest';
import type { InstructionStatement, Isa } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import type { BlockTranslation, ExitPromise, MappedBits, StateMapping } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { liftFunction, liveFlags } from '../src/verify/block-lift.js';
import { entryLiveness } from '../src/verify/block-lift-liveness.js';

afterAll(() => closeDefaultSolvers());

function code(isa: Isa, text: string): InstructionStatement[] {
  const r = parseAsm(text.split(';').join('\n') + '\n', 't.s', isa);
  return r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

const reg = (src: string, name: string, hi?: number): MappedBits =>
  hi === undefined ? { src, to: { kind: 'reg', name } } : { src, bits: { hi, lo: 0 }, to: { kind: 'reg', name, bits: { hi, lo: 0 } } };

/** The 1:1 map of the design notes: arguments, sp, ra, callee-saved registers. */
function abiMap(extra: MappedBits[] = [], drop: string[] = []): StateMapping {
  const facts: MappedBits[] = [];
  for (let i = 0; i < 8; i++) facts.push(reg(`x${i}`, `x${10 + i}`), reg(`v${i}`, `f${10 + i}`, 63));
  facts.push(reg('sp', 'x2'), reg('x30', 'x1'), reg('x29', 'x8'));
  const sTargets = ['x9', 'x18', 'x19', 'x20', 'x21', 'x22', 'x23', 'x24', 'x25', 'x26'];
  for (let i = 19; i <= 28; i++) facts.push(reg(`x${i}`, sTargets[i - 19]!));
  const fTargets = ['f8', 'f9', 'f18', 'f19', 'f20', 'f21', 'f22', 'f23'];
  for (let i = 8; i <= 15; i++) facts.push(reg(`v${i}`, fTargets[i - 8]!, 63));
  return { facts: [...facts.filter((f) => !drop.includes(f.src)), ...extra] };
}

const SRC = `\t.text\n\t.globl f\n\t.type f, %function\nf:\n\tcmp x0, x1\n\tb.lt .L2\n\tmov x0, x1\n.L2:\n\tret\n\t.size f, .-f\n`;

async function translate(exitDrop: string[] = [], tgt1 = 'mv a0, a1') {
  const program = buildProgram(parseAsm(SRC, 'f.s', 'aarch64').file);
  const fn = program.functions[0]!;
  const ins = (k: number) => fn.blocks[k]!.instructions.map((i) => program.file.statements[i] as InstructionStatement);
  const m = abiMap();
  const t: BlockTranslation[] = [
    { blockId: 0, labels: ['f'], source: ins(0), target: code('riscv64', 'blt a0, a1, .L2'), entry: m, calls: [], rules: [],
      exits: [{ kind: 'taken', label: '.L2', mapping: m }, { kind: 'not-taken', mapping: m }] },
    { blockId: 1, labels: [], source: ins(1), target: code('riscv64', tgt1), entry: m, calls: [], rules: [],
      exits: [{ kind: 'fallthrough', label: '.L2', mapping: abiMap([], exitDrop) }] },
    { blockId: 2, labels: ['.L2'], source: ins(2), target: code('riscv64', 'ret'), entry: m, calls: [], rules: [],
      exits: [{ kind: 'return', mapping: m } as ExitPromise] },
  ];
  const blocks = [];
  for (const translation of t) {
    const status = await verifyBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: translation, privateAreas: [], runs: 50, seed: 1, timeoutMs: 10_000 });
    blocks.push({ translation, status });
  }
  return liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn, blocks });
}

describe('liftFunction', () => {
  it('proves a function whose blocks prove and whose mappings compose', async () => {
    const r = await translate();
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('proven');
    expect(r.counts.proven).toBe(3);
  });

  it('refuses a mapping that does not compose along an edge', async () => {
    const r = await translate(['x19']);
    expect(r.status).toBe('refused');
    expect(r.problems.join('\n')).toMatch(/edge 1 -> 2 .*x19 -> x9/);
  });

  it('reports a refuted block as a refuted function', async () => {
    const r = await translate([], 'mv a0, a2');
    expect(r.status).toBe('refuted');
  });

  it('refuses a target that writes a callee-saved register no source register lives in', async () => {
    const r = await translate([], 'mv a0, a1; li s11, 0');
    expect(r.status).toBe('refused');
    expect(r.problems.join('\n')).toMatch(/callee-saved x27/);
  });

  it('computes flag liveness from the source CFG', () => {
    const text = `\t.text\n\t.globl g\n\t.type g, %function\ng:\n\tcmp x0, x1\n\tb .L3\n.L3:\n\tb.lt .L4\n\tmov x0, 1\n.L4:\n\tret\n\t.size g, .-g\n`;
    const program = buildProgram(parseAsm(text, 'g.s', 'aarch64').file);
    const live = liveFlags('aarch64', program, program.functions[0]!);
    expect([...live[0]!]).toEqual([]);
    expect([...live[1]!].sort()).toEqual(['n', 'v']);
    expect([...live[2]!]).toEqual([]);
  });

  // Composition alone: the blocks are taken as proven, the lift must still refuse wrong claims.
  function lift(text: string, blocks: (Partial<BlockTranslation> & { exits: ExitPromise[] })[], name = 'f', extra = '', calleeReturns?: Map<string, StateMapping[]>) {
    const program = buildProgram(parseAsm(text + extra, 'c.s', 'aarch64').file);
    const fn = program.functions.find((f) => f.name === name)!;
    const translations = blocks.map((b, k): BlockTranslation => ({ blockId: k, labels: fn.blocks[k]!.labels, source: [], target: [], entry: abiMap(), calls: [], rules: [], ...b }));
    const callees = entryLiveness('aarch64', 'riscv64', program, program.functions.map((g) => ({ fn: g, translations: g === fn ? new Map(translations.map((t) => [t.blockId, t])) : new Map(), results: ['x0'] })));
    return liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn, blocks: translations.map((translation) => ({ translation, status: { status: 'proven' as const } })), callees, ...(calleeReturns ? { calleeReturns } : {}) });
  }
  const m = abiMap();
  const threeBlocks = (entry: StateMapping, ret: StateMapping = m, edge: StateMapping = m) => [
    { entry, exits: [{ kind: 'taken' as const, label: '.L2', mapping: m }, { kind: 'not-taken' as const, mapping: m }] },
    { exits: [{ kind: 'fallthrough' as const, label: '.L2', mapping: edge }] },
    { exits: [{ kind: 'return' as const, mapping: ret }] },
  ];

  it('accepts an entry mapping without argument registers the function never reads (x2..x7 of f)', () => {
    const r = lift(SRC, threeBlocks(abiMap([], ['x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'v0', 'v1'])));
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('proven');
  });

  it('refuses an entry mapping without an argument the function reads', () => {
    const r = lift(SRC, threeBlocks(abiMap([], ['x1'])));
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/entry mapping lacks x1 -> x11 .*reads x1/);
  });

  it('refuses an entry mapping that puts an argument in the wrong register', () => {
    const r = lift(SRC, threeBlocks(abiMap([reg('x1', 'x12')], ['x1', 'x2'])));
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/claims x1 -> x12, which no caller guarantees/);
  });

  it('refuses an entry claim about a register the function reads that no caller sets (x8 for main)', () => {
    const text = FN_MAIN;
    const r = lift(text, [{ entry: abiMap([reg('x8', 'x28')]), exits: [{ kind: 'return', mapping: m }] }], 'main');
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/claims x8 -> x28, which no caller guarantees \(the function reads x8/);
    // The same claim about a register the function never reads is harmless.
    const dead = lift(SRC, threeBlocks(abiMap([reg('x8', 'x28')])));
    expect(dead.status).toBe('proven');
    // A block without semantics may read anything: the claim is no longer harmless.
    const unknown = `\t.text\n\t.globl f\n\t.type f, %function\nf:\n\tdc civac, x0\n\tret\n\t.size f, .-f\n`;
    const opaque = lift(unknown, [{ entry: abiMap([reg('x8', 'x28')]), exits: [{ kind: 'return', mapping: m }] }]);
    expect(opaque.composition.join('\n')).toMatch(/claims x8 -> x28, which no caller guarantees/);
    // Two claims about one dead register cannot both be chosen.
    const twice = lift(SRC, threeBlocks(abiMap([reg('x8', 'x28'), reg('x8', 'x29')])));
    expect(twice.status).toBe('refused');
  });

  it('refuses an edge whose exit mapping lacks a claim of the successor entry', () => {
    const r = lift(SRC, threeBlocks(m, m, abiMap([], ['x0'])));
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/edge 1 -> 2 .*x0 -> x10/);
  });

  it('refuses a return mapping without x19 (callee-saved)', () => {
    const r = lift(SRC, threeBlocks(m, abiMap([], ['x19'])));
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/return mapping lacks x19 -> x9/);
  });

  it('refuses flags live into a block that its entry mapping does not map', () => {
    const text = `\t.text\n\t.globl f\n\t.type f, %function\nf:\n\tcmp x0, x1\n\tb .L3\n.L3:\n\tb.lt .L4\n\tmov x0, 1\n.L4:\n\tret\n\t.size f, .-f\n`;
    const flags = ['n', 'z', 'c', 'v'].map((f, k) => ({ src: f, to: { kind: 'reg' as const, name: `x${28 + k}`, bits: { hi: 0, lo: 0 } } }));
    const blocks = (withFlags: boolean) => {
      const e = withFlags ? abiMap(flags) : m;
      return [
        { exits: [{ kind: 'jump' as const, label: '.L3', mapping: e }] },
        { entry: e, exits: [{ kind: 'taken' as const, label: '.L4', mapping: m }, { kind: 'not-taken' as const, mapping: m }] },
        { exits: [{ kind: 'fallthrough' as const, label: '.L4', mapping: m }] },
        { exits: [{ kind: 'return' as const, mapping: m }] },
      ];
    };
    const r = lift(text, blocks(false));
    expect(r.status).toBe('refused');
    expect(r.composition.join('\n')).toMatch(/flag n is live into block 1/);
    expect(lift(text, blocks(true)).composition.join('\n')).not.toMatch(/flag/);
  });

  it('refuses a call to a translated function that does not pass an argument the callee reads', () => {
    const g = `\t.text\n\t.globl g\n\t.type g, %function\ng:\n\tadd x0, x0, x1\n\tret\n\t.size g, .-g\n`;
    const caller = `\t.globl f\n\t.type f, %function\nf:\n\tstp x29, x30, [sp, -16]!\n\tbl g\n\tldp x29, x30, [sp], 16\n\tret\n\t.size f, .-f\n`;
    const call = (before: StateMapping) => [{ calls: [{ callee: 'g', external: false, before, after: m }], exits: [{ kind: 'return' as const, mapping: m }] }];
    const bad = lift(g, call(abiMap([], ['x1'])), 'f', caller);
    expect(bad.status).toBe('refused');
    expect(bad.composition.join('\n')).toMatch(/call to g does not pass x1 -> x11, which g reads/);
    // The caller's own entry then needs x1 too: it reaches g unchanged.
    const short = lift(g, [{ entry: abiMap([], ['x1']), calls: [{ callee: 'g', external: false, before: m, after: m }], exits: [{ kind: 'return', mapping: m }] }], 'f', caller);
    expect(short.composition.join('\n')).toMatch(/entry mapping lacks x1 -> x11/);
    expect(lift(g, call(m), 'f', caller).status).toBe('proven');
  });

  it('refuses a result claimed after a call where a return of the callee does not hand it back', () => {
    const g = `\t.text\n\t.globl g\n\t.type g, %function\ng:\n\tmov x1, 5\n\tret\n\t.size g, .-g\n`;
    const caller = `\t.globl f\n\t.type f, %function\nf:\n\tstp x29, x30, [sp, -16]!\n\tbl g\n\tldp x29, x30, [sp], 16\n\tret\n\t.size f, .-f\n`;
    const blocks = [{ calls: [{ callee: 'g', external: false, before: m, after: m }], exits: [{ kind: 'return' as const, mapping: m }] }];
    const bad = lift(g, blocks, 'f', caller, new Map([['g', [abiMap([], ['x1'])]]]));
    expect(bad.status).toBe('refused');
    expect(bad.composition.join('\n')).toMatch(/after the call to g the mapping claims x1 -> x11, which a return of g does not hand back/);
    expect(lift(g, blocks, 'f', caller, new Map([['g', [m]]])).status).toBe('proven');
    // A result register g never writes keeps its value across the call: no return needs to hand it back.
    expect(lift(g, blocks, 'f', caller, new Map([['g', [abiMap([], ['v1'])]]])).status).toBe('proven');
  });
});

const FN_MAIN = `\t.text\n\t.globl main\n\t.type main, %function\nmain:\n\tmov x0, x8\n\tret\n\t.size main, .-main\n`;
