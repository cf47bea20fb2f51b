// The state-mapping claims the translator makes around external calls: the
// `before` mapping of a call claims the argument bits exactly where the
// target ABI receives them (a sign-extended int agrees in its low 32 bits
// only, a printf double moves to an integer register, unused argument
// registers are not claimed), and FP registers a printf format does not
// read do not look live across the call. Each claim is also checked by the
// block verifier, which must prove the block (and refute a wrong claim).
import { describe, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { libcPrototypes } from '../src/abi/libc.js';
import { translateProgram } from '../src/translate/program.js';
import { verifyBlock } from '../src/verify/block.js';
import type { BlockTranslation, MappedBits } from '../src/translate/contract.js';

const MAIN = (body: string, data = ''): string =>
  `\t.section\t.rodata\n${data}\t.text\n\t.global main\n\t.type main, %function\nmain:\n${body}\n\t.size main, .-main\n`;

async function translate(text: string): Promise<{ blocks: BlockTranslation[]; privateBytes: number }> {
  const parsed = parseAsm(text, 't.s', 'aarch64');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const t = translateProgram(buildProgram(parsed.file), { prototypes: await libcPrototypes() });
  const fn = t.results[0]!;
  if (fn.kind !== 'translated') throw new Error(`refused: ${fn.reason}`);
  const blocks = fn.blocks.map((b) => ({ ...b.translation, target: [] as BlockTranslation['target'] }));
  // The target instructions as the run stage parses them.
  const { parseTargetLines } = await import('../src/translate/run.js');
  fn.blocks.forEach((b, k) => (blocks[k]!.target = parseTargetLines(b.lines.filter((l) => !l.endsWith(':')), 'test')));
  return { blocks, privateBytes: t.privateBytes };
}

const argFacts = (facts: MappedBits[]): string[] =>
  facts.filter((f) => /^[xv][0-7]$/.test(f.src)).map((f) => {
    const to = f.to.kind === 'reg' ? `${f.to.name}${f.to.bits ? `[${f.to.bits.hi}:${f.to.bits.lo}]` : ''}` : f.to.kind;
    return `${f.src}${f.bits ? `[${f.bits.hi}:${f.bits.lo}]` : ''}->${to}`;
  });

async function verify(block: BlockTranslation, privateBytes: number) {
  return verifyBlock({
    srcIsa: 'aarch64',
    tgtIsa: 'riscv64',
    block,
    privateAreas: [{ symbol: '__tp_private', bytes: Math.max(privateBytes, 8) }],
    runs: 32,
    seed: 1,
    timeoutMs: 20_000,
  });
}

describe('call claims', () => {
  it('printf("%d", int): x1 low 32 bits in a1, no other argument register claimed; proven', async () => {
    const { blocks, privateBytes } = await translate(
      MAIN('\tstp x29, x30, [sp, -16]!\n\tmov w1, -10\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret', '.LC0:\n\t.string "%d\\n"\n'),
    );
    const call = blocks[0]!.calls[0]!;
    expect(argFacts(call.before.facts).sort()).toEqual(['x0->x10', 'x1[31:0]->x11[31:0]']);
    expect((await verify(blocks[0]!, privateBytes)).status).toBe('proven');
  }, 60_000);

  it('printf("%f", double): the double is claimed in a1, where the RISC-V callee reads it', async () => {
    const { blocks } = await translate(
      MAIN('\tstp x29, x30, [sp, -16]!\n\tfmov d0, 1.5e+0\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret', '.LC0:\n\t.string "%f\\n"\n'),
    );
    expect(argFacts(blocks[0]!.calls[0]!.before.facts).sort()).toEqual(['v0[63:0]->x11[63:0]', 'x0->x10']);
  }, 60_000);

  it('FP registers are not claimed before a printf whose format takes no floating-point argument, nor across a C library call', async () => {
    const { blocks } = await translate(
      MAIN(
        '\tstp x29, x30, [sp, -16]!\n\tmovi v0.4s, 0\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl puts\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret',
        '.LC0:\n\t.string "x\\n"\n',
      ),
    );
    for (const c of blocks[0]!.calls) {
      expect(c.before.facts.filter((f) => /^v[0-7]$/.test(f.src))).toEqual([]);
    }
  }, 60_000);

  it('a claim that the whole x1 reaches printf is refuted (the target sign-extends it)', async () => {
    const { blocks, privateBytes } = await translate(
      MAIN('\tstp x29, x30, [sp, -16]!\n\tmov w1, -10\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret', '.LC0:\n\t.string "%d\\n"\n'),
    );
    const b = structuredClone(blocks[0]!);
    const call = b.calls[0]!;
    call.before.facts = call.before.facts.map((f) => (f.src === 'x1' ? { src: 'x1', to: { kind: 'reg', name: 'x11' } } : f));
    expect((await verify(b, privateBytes)).status).toBe('refuted');
  }, 60_000);
});

// Variadic FP arguments: the verifier places printf's argument list itself
// (LP64D: variadic doubles in the next a register) and checks each claim.
describe('variadic call claims', () => {
  const PRINTF_F = MAIN('\tstp x29, x30, [sp, -16]!\n\tfmov d0, 1.5e+0\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret', '.LC0:\n\t.string "%f\\n"\n');
  const MIXED = MAIN(
    '\tstp x29, x30, [sp, -16]!\n\tmov w1, 7\n\tfmov d0, 2.5e+0\n\tmov x2, -3\n\tfmov d1, -1.0e+0\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret',
    '.LC0:\n\t.string "%d %f %ld %g\\n"\n',
  );
  const status = async (b: BlockTranslation, privateBytes: number) => (await verify(b, privateBytes)).status;
  const retarget = (b: BlockTranslation, src: string, to: MappedBits['to']): BlockTranslation => {
    const c = structuredClone(b);
    c.calls[0]!.before.facts = c.calls[0]!.before.facts.map((f) => (f.src === src ? { ...f, to } : f));
    return c;
  };

  it('printf("%f", double): the call carries its argument list and the block is proven', async () => {
    const { blocks, privateBytes } = await translate(PRINTF_F);
    expect(blocks[0]!.calls[0]!.variadic).toEqual({ fixed: 1, args: [{ src: 'x0', class: 'int' }, { src: 'v0', class: 'fp' }] });
    expect(await status(blocks[0]!, privateBytes)).toBe('proven');
  }, 60_000);

  it('printf("%d %f %ld %g"): ints and doubles interleave in a1-a4 by position; proven', async () => {
    const { blocks, privateBytes } = await translate(MIXED);
    const call = blocks[0]!.calls[0]!;
    expect(argFacts(call.before.facts).sort()).toEqual(['v0[63:0]->x12[63:0]', 'v1[63:0]->x14[63:0]', 'x0->x10', 'x1[31:0]->x11[31:0]', 'x2->x13']);
    expect(await status(blocks[0]!, privateBytes)).toBe('proven');
  }, 60_000);

  it('the double claimed in the wrong integer register is refused', async () => {
    const { blocks, privateBytes } = await translate(PRINTF_F);
    const bits = { hi: 63, lo: 0 };
    expect(await status(retarget(blocks[0]!, 'v0', { kind: 'reg', name: 'x12', bits }), privateBytes)).toBe('refused');
    // Where a named double would be (fa0) is not where printf reads a variadic one.
    expect(await status(retarget(blocks[0]!, 'v0', { kind: 'reg', name: 'f10', bits }), privateBytes)).toBe('refused');
  }, 60_000);

  it('in a mixed list, two arguments swapped or an int claimed in an fa register are refused', async () => {
    const { blocks, privateBytes } = await translate(MIXED);
    expect(await status(retarget(blocks[0]!, 'x2', { kind: 'reg', name: 'x12' }), privateBytes)).toBe('refused');
    const r = { hi: 31, lo: 0 };
    expect(await status(retarget(blocks[0]!, 'x1', { kind: 'reg', name: 'f11', bits: r }), privateBytes)).toBe('refused');
  }, 60_000);

  it('the argument list is not trusted: a wrong source register, a missing claim or no list at all is refused', async () => {
    const { blocks, privateBytes } = await translate(PRINTF_F);
    const wrongSource = structuredClone(blocks[0]!);
    wrongSource.calls[0]!.variadic!.args[1]!.src = 'v1';
    expect(await status(wrongSource, privateBytes)).toBe('refused');
    // Claiming the double is an int argument moves its expected place nowhere the claim matches.
    const wrongClass = structuredClone(blocks[0]!);
    wrongClass.calls[0]!.variadic!.args[1] = { src: 'x1', class: 'int' };
    expect(await status(wrongClass, privateBytes)).toBe('refused');
    const unclaimed = structuredClone(blocks[0]!);
    unclaimed.calls[0]!.before.facts = unclaimed.calls[0]!.before.facts.filter((f) => f.src !== 'v0');
    expect(await status(unclaimed, privateBytes)).toBe('refused');
    const noList = structuredClone(blocks[0]!);
    delete noList.calls[0]!.variadic;
    expect(await status(noList, privateBytes)).toBe('refused');
  }, 60_000);

  it('a true claim that the double is still in a1 but a wrong value is refuted, not proven', async () => {
    // The translator's fmv.x.d is replaced by a move of the wrong register: the claim v0 -> a1 is then false.
    const { blocks, privateBytes } = await translate(PRINTF_F);
    const b = structuredClone(blocks[0]!);
    const k = b.target.findIndex((s) => s.mnemonic === 'fmv.x.d');
    expect(k).toBeGreaterThanOrEqual(0);
    const { parseTargetLines } = await import('../src/translate/run.js');
    b.target[k] = parseTargetLines(['fmv.x.d a1, fa1'], 'test')[0]!;
    expect(await status(b, privateBytes)).toBe('refuted');
  }, 60_000);
});

// Calls the static lowering cannot place go through the variadic runtime
// (src/runtime/va.c): a va_list passed on to vsnprintf, a printf whose format
// is only known at run time. The call promise says so (`runtime`), claims the
// registers the wrapper reads in their 1:1 places, and the block proves; the
// same call with a wrong argument, or a constant-format call routed to the
// wrapper with the static lowering's argument moves, is refuted or refused.
describe('calls through the variadic runtime', () => {
  const FORWARD =
    '\t.text\n\t.global fwd\n\t.type fwd, %function\nfwd:\n\tstp x29, x30, [sp, -16]!\n\tmov x29, sp\n\tbl vsnprintf\n\tldp x29, x30, [sp], 16\n\tret\n\t.size fwd, .-fwd\n';
  const RUNTIME_FORMAT = MAIN('\tstp x29, x30, [sp, -32]!\n\tldr x0, [sp, 24]\n\tmov w1, 5\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 32\n\tret');
  const PRINTF_F = MAIN('\tstp x29, x30, [sp, -16]!\n\tfmov d0, 1.5e+0\n\tadrp x0, .LC0\n\tadd x0, x0, :lo12:.LC0\n\tbl printf\n\tmov w0, 0\n\tldp x29, x30, [sp], 16\n\tret', '.LC0:\n\t.string "%f\\n"\n');
  const ONE_TO_ONE = [...Array.from({ length: 8 }, (_, k) => `x${k}->x${10 + k}`), ...Array.from({ length: 8 }, (_, k) => `v${k}[63:0]->f${10 + k}[63:0]`)];

  it('vsnprintf(buf, n, fmt, ap): called as __tp_rt_vsnprintf with x0-x3 claimed 1:1; proven', async () => {
    const { blocks, privateBytes } = await translate(FORWARD);
    const call = blocks[0]!.calls[0]!;
    expect(call.runtime).toEqual({ wrapper: '__tp_rt_vsnprintf' });
    expect(call.variadic).toBeUndefined();
    expect(argFacts(call.before.facts).sort()).toEqual(['x0->x10', 'x1->x11', 'x2->x12', 'x3->x13']);
    expect(blocks[0]!.target.some((s) => s.mnemonic === 'call' && JSON.stringify(s.operands).includes('__tp_rt_vsnprintf'))).toBe(true);
    expect((await verify(blocks[0]!, privateBytes)).status).toBe('proven');
  }, 60_000);

  it('printf with a format loaded from memory: __tp_rt_printf, every argument register claimed 1:1; proven', async () => {
    const { blocks, privateBytes } = await translate(RUNTIME_FORMAT);
    const call = blocks[0]!.calls[0]!;
    expect(call.runtime).toEqual({ wrapper: '__tp_rt_printf' });
    expect(argFacts(call.before.facts).sort()).toEqual([...ONE_TO_ONE].sort());
    expect((await verify(blocks[0]!, privateBytes)).status).toBe('proven');
  }, 60_000);

  it('a constant format keeps the static lowering (no runtime)', async () => {
    const { blocks } = await translate(PRINTF_F);
    expect(blocks[0]!.calls[0]!.runtime).toBeUndefined();
    expect(blocks[0]!.calls[0]!.variadic).toBeDefined();
  }, 60_000);

  it('a constant-format call routed to the wrapper with the static lowering\'s moves: refused, or refuted with 1:1 claims', async () => {
    const { blocks, privateBytes } = await translate(PRINTF_F);
    const { parseTargetLines } = await import('../src/translate/run.js');
    const routed = structuredClone(blocks[0]!);
    const call = routed.calls[0]!;
    delete call.variadic;
    call.runtime = { wrapper: '__tp_rt_printf' };
    const k = routed.target.findIndex((s) => s.mnemonic === 'call');
    routed.target[k] = parseTargetLines(['call __tp_rt_printf'], 'test')[0]!;
    // The static claims (the double in a1) are not the wrapper's convention.
    expect((await verify(routed, privateBytes)).status).toBe('refused');
    // With 1:1 claims, a1 holds the double's bits where the wrapper reads x1: refuted.
    const oneToOne = structuredClone(routed);
    oneToOne.calls[0]!.before.facts = [
      ...oneToOne.calls[0]!.before.facts.filter((f) => !/^[xv][0-7]$/.test(f.src)),
      ...Array.from({ length: 8 }, (_, n): MappedBits => ({ src: `x${n}`, to: { kind: 'reg', name: `x${10 + n}` } })),
      ...Array.from({ length: 8 }, (_, n): MappedBits => ({ src: `v${n}`, bits: { hi: 63, lo: 0 }, to: { kind: 'reg', name: `f${10 + n}`, bits: { hi: 63, lo: 0 } } })),
    ];
    const s = await verify(oneToOne, privateBytes);
    expect(s.status).toBe('refuted');
  }, 60_000);

  it('a tail call to vsnprintf is refused, not passed a va_list the RISC-V C library cannot read', async () => {
    const tail = '\t.text\n\t.global fwd\n\t.type fwd, %function\nfwd:\n\tb vsnprintf\n\t.size fwd, .-fwd\n';
    await expect(translate(tail)).rejects.toThrow(/va_list/);
  }, 60_000);
});
