// Functions with loops. When the loop structure corresponds, verify pairs
// the loop headers by concrete runs, guesses an invariant from the states
// seen there and proves it inductive with Z3 (cut points at the headers):
// `equivalent` for all iterations. Otherwise it unrolls loops to a bound and
// says so ("equivalent up to bound K"). Wrong loops are never equivalent.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { loopCutCandidates, loopHeaders } from '../src/program/dominators.js';
import { add, c, load, store, sub, v } from '../src/ir/build.js';
import type { Mem } from '../src/ir/expr.js';
import { Evaluator } from '../src/interp/eval.js';
import { LoadForwarder } from '../src/verify/loop-simplify.js';
import { buildCorpus, corpusAsm } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { smtChecker } from '../src/verify/checker.js';
import { verifyPrograms } from '../src/verify/verify.js';
import { describeWithTools } from './support/tools.js';
import { verifyFixture } from './support/verify-fixture.js';

const { file, verify } = verifyFixture('loops');

/** aarch64 file against riscv64 file with a prototype; short test runs (the loops run up to n times). */
async function across(a: string, b: string, prototype: string) {
  let out = '';
  const { main } = await import('../src/cli/main.js');
  const args = ['verify', a, b, '--from', 'aarch64', '--to', 'riscv64', '--runs', '40', '--max-steps', '20000', '--json', '--prototype', prototype];
  const code = await main(args, (s) => void (out += s), () => {});
  return { code, f: JSON.parse(out).functions[0] };
}

// Sum of 0..(a0 & 3): at most 3 iterations, so the bound covers every input.
const SUM = '\tandi a1,a0,3\n\tli a0,0\n.L1:\n\tbeqz a1,.L2\n\tadd a0,a0,a1\n\taddi a1,a1,-1\n\tj .L1\n.L2:\n\tret';
// The same loop counting up: no equality relates the two counters, so no cut-point proof.
const SUM_UP = '\tandi a2,a0,3\n\tli a0,0\n\tli a1,1\n.L1:\n\tbgtu a1,a2,.L2\n\tadd a0,a0,a1\n\taddi a1,a1,1\n\tj .L1\n.L2:\n\tret';
// SUM with other registers and operand order.
const SUM_RENAMED = '\tmv a5,a0\n\tandi a2,a5,3\n\tli a0,0\n.L1:\n\tbeqz a2,.L2\n\tadd a0,a2,a0\n\taddi a2,a2,-1\n\tj .L1\n.L2:\n\tret';

// long sum(long *p, long n): the sum of p[0..n), for any n (no bound).
const SUM_ARRAY_A64 = '\tmov\tx2, 0\n\tmov\tx3, 0\n\tcmp\tx1, 0\n\tble\t.L2\n.L3:\n\tldr\tx4, [x0, x3, lsl 3]\n\tadd\tx2, x2, x4\n\tadd\tx3, x3, 1\n\tcmp\tx3, x1\n\tblt\t.L3\n.L2:\n\tmov\tx0, x2\n\tret';
const SUM_ARRAY_RV = (body = '\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\taddi\ta2,a2,1\n\tblt\ta2,a1,.L3') =>
  `\tli\ta5,0\n\tli\ta2,0\n\tble\ta1,zero,.L2\n.L3:\n\tslli\ta3,a2,3\n\tadd\ta3,a0,a3\n${body}\n.L2:\n\tmv\ta0,a5\n\tret`;
// void fill(long *p, long n, long x): p[i] = x + i, writing memory in the loop.
const FILL_A64 = '\tcmp\tx1, 0\n\tble\t.L2\n\tmov\tx3, 0\n.L3:\n\tadd\tx4, x2, x3\n\tstr\tx4, [x0, x3, lsl 3]\n\tadd\tx3, x3, 1\n\tcmp\tx1, x3\n\tbne\t.L3\n.L2:\n\tret';
const FILL_RV = '\tble\ta1,zero,.L2\n\tli\ta5,0\n.L3:\n\tslli\ta4,a5,3\n\tadd\ta4,a0,a4\n\tadd\ta3,a2,a5\n\tsd\ta3,0(a4)\n\taddi\ta5,a5,1\n\tbne\ta1,a5,.L3\n.L2:\n\tret';

describe('verify: loops by cut points at corresponding headers', () => {
  it('proves a loop equivalent for all iterations and documents the invariant', async () => {
    const r = await verify(file(SUM), file(SUM_RENAMED));
    expect(r.f.verdict).toBe('equivalent');
    expect(r.code).toBe(0);
    expect(r.f.how).toMatch(/for all iterations with cut points in the loops at \.L1\/\.L1 and an invariant of \d+ facts/);
    expect(r.f.loops.headers).toEqual([['.L1', '.L1']]);
    // The accumulators and the counters correspond.
    expect(r.f.loops.invariant).toContain('at .L1: A.x10 = B.x10');
    expect(r.f.loops.invariant).toContain('at .L1: A.x11 = B.x12');
  });

  it('proves an unbounded array loop across ISAs (aarch64 against riscv64)', async () => {
    const { code, f } = await across(file(SUM_ARRAY_A64), file(SUM_ARRAY_RV()), 'long f(long *, long)');
    expect(f.verdict).toBe('equivalent');
    expect(code).toBe(0);
    expect(f.loops.headers).toEqual([['.L3', '.L3']]);
  }, 60_000);

  it('proves a loop that writes memory across ISAs', async () => {
    const { code, f } = await across(file(FILL_A64), file(FILL_RV), 'void f(long *, long, long)');
    expect(f.verdict).toBe('equivalent');
    expect(code).toBe(0);
  }, 60_000);
});

describe('verify: a loop cut at its body when the other side is rotated', () => {
  // gcc -O0 shape: jump to the condition at the bottom; the condition block is
  // entered n+1 times, the body n times, as the rotated loop's header.
  const BOTTOM_TEST = '\tli\ta5,0\n\tli\ta2,0\n\tj\t.L2\n.L3:\n\tslli\ta3,a2,3\n\tadd\ta3,a0,a3\n\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\taddi\ta2,a2,1\n.L2:\n\tblt\ta2,a1,.L3\n\tmv\ta0,a5\n\tret';
  it('pairs the body of the bottom-tested loop with the rotated loop header', async () => {
    const r = await verify(file(BOTTOM_TEST), file(SUM_ARRAY_RV()));
    expect(r.f.verdict).toBe('equivalent');
    expect(r.f.loops.headers).toEqual([['.L3', '.L3']]);
  }, 60_000);
});

describe('verify: wrong loops are never equivalent', () => {
  const against = (body: string) => across(file(SUM_ARRAY_A64), file(SUM_ARRAY_RV(body)), 'long f(long *, long)');
  const cases: [string, string][] = [
    ['off-by-one bound', '\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\taddi\ta2,a2,1\n\tble\ta2,a1,.L3'],
    ['wrong step', '\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\taddi\ta2,a2,2\n\tblt\ta2,a1,.L3'],
    ['wrong accumulator op', '\tld\ta4,0(a3)\n\txor\ta5,a5,a4\n\taddi\ta2,a2,1\n\tblt\ta2,a1,.L3'],
    ['wrong exit condition', '\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\taddi\ta2,a2,1\n\tblt\ta1,a2,.L3'],
  ];
  for (const [what, body] of cases)
    it(`${what}: different, with a counterexample`, async () => {
      const r = await against(body);
      expect(r.f.verdict).toBe('different');
      expect(r.f.counterexample).not.toBeNull();
      expect(r.code).toBe(1);
    }, 60_000);

  it('a difference only after 1000 iterations (beyond tests and bound) is not proven', async () => {
    // From the 1001st element on, B adds one more: no test reaches it, the unrolling bound does not either.
    const late = '\tld\ta4,0(a3)\n\tadd\ta5,a5,a4\n\tli\ta6,1000\n\tblt\ta2,a6,.L4\n\taddi\ta5,a5,1\n.L4:\n\taddi\ta2,a2,1\n\tblt\ta2,a1,.L3';
    const r = await against(late);
    expect(r.f.verdict).not.toBe('equivalent');
    expect(r.code).not.toBe(0);
  }, 60_000);

  it('an accumulator that differs only in bits the tests never set is not proven', async () => {
    // B clears bit 62 of the sum when the loop exits: tests with small sums agree.
    const SUM_ARRAY_RV_MASKED = SUM_ARRAY_RV().replace('.L2:\n\tmv\ta0,a5', '.L2:\n\tli\ta6,1\n\tslli\ta6,a6,62\n\tnot\ta6,a6\n\tand\ta5,a5,a6\n\tmv\ta0,a5');
    const r = await across(file(SUM_ARRAY_A64), file(SUM_ARRAY_RV_MASKED), 'long f(long *, long)');
    expect(r.f.verdict).not.toBe('equivalent');
  }, 60_000);
});

describe('verify: loops by bounded unrolling', () => {
  it('proves loops equivalent up to the bound and says so', async () => {
    const r = await verify(file(SUM), file(SUM_UP));
    expect(r.f.verdict).toBe('equivalent-bounded');
    expect(r.f.bound).toBe(4);
    expect(r.f.how).toMatch(/entering no block more than 5 times/);
    expect(r.f.how).toMatch(/no proof by cut points/);
    expect(r.code).toBe(3); // not a full proof
  });

  it('finds a difference inside the bound', async () => {
    const wrong = SUM_UP.replace('bgtu a1,a2', 'bgeu a1,a2');
    const r = await verify(file(SUM), file(wrong));
    expect(r.f.verdict).toBe('different');
    expect(r.code).toBe(1);
  });
});

describeWithTools([toolFor('riscv64', 'gcc')], 'verify: corpus loops across -O1 and -O2', () => {
  it('proves loop functions of the same C at -O1 and -O2 equivalent for all iterations', async () => {
    await buildCorpus({ isas: ['riscv64'], opts: ['O1', 'O2'] });
    const load = (opt: 'O1' | 'O2') => {
      const p = corpusAsm('riscv64', opt).find((f) => f.name === 'loops_control')!.asmPath;
      return buildProgram(parseAsm(fs.readFileSync(p, 'utf8'), p, 'riscv64').file);
    };
    const [o1, o2] = [load('O1'), load('O2')];
    expect(loopHeaders(o1.functions.find((f) => f.name === 'digits_sum')!).length).toBeGreaterThan(0);
    const r = await verifyPrograms(o1, o2, { runs: 64, seed: 1, maxSteps: 200_000, prototypes: new Map(), functions: ['digits_sum'], checker: smtChecker(10_000) });
    expect(r.functions[0]!.verdict.kind).toBe('equivalent');
  }, 120_000);
});

describe('loop cut points: control flow', () => {
  const program = (body: string) => buildProgram(parseAsm(`\t.text\n\t.globl f\n\t.type f, @function\nf:\n${body}\n\t.size f, .-f\n`, 'f.s', 'riscv64').file);
  it('finds natural loop headers and the blocks every iteration passes', () => {
    // Bottom-tested loop: the condition block .L2 is the header, the body .L3 is on every iteration.
    const p = program('\tli\ta2,0\n\tj\t.L2\n.L3:\n\taddi\ta2,a2,1\n\tbeqz\ta3,.L4\n\taddi\ta2,a2,1\n.L4:\n\tnop\n.L2:\n\tblt\ta2,a1,.L3\n\tret');
    const fn = p.functions[0]!;
    const name = (id: number) => fn.blocks[id]!.labels[0];
    expect(loopHeaders(fn).map(name)).toEqual(['.L2']);
    // .L3 dominates the latch (.L4); the block after the beqz does not (it can be skipped).
    expect(loopCutCandidates(fn).get(loopHeaders(fn)[0]!)!.map(name)).toEqual(['.L2', '.L3', '.L4']);
  });
  it('finds no header in loop-free code', () => {
    expect(loopHeaders(program('\tbeqz\ta0,.L1\n\tli\ta0,1\n.L1:\n\tret').functions[0]!)).toEqual([]);
  });
});

describe('loop proofs: load forwarding is exact', () => {
  it('gives every load the value the interpreter reads, on random chains and states', () => {
    const rng = (() => {
      let x = 0x12345678n;
      return () => (x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n));
    })();
    const sp0 = v(64, 'sp0');
    const other = v(64, 'p');
    const addrs = [sp0, other];
    let forwarded = 0;
    for (let round = 0; round < 200; round++) {
      let mem: Mem = { op: 'mem0', name: 'mem' };
      for (let k = 0; k < 6; k++) {
        const base = addrs[Number(rng() % 2n)]!;
        const bytes = [1, 2, 4, 8][Number(rng() % 4n)]!;
        mem = store(mem, add(base, c(64, BigInt.asUintN(64, (rng() % 24n) - 12n))), v(bytes * 8, `val${k}`));
      }
      const bytes = [1, 2, 4, 8][Number(rng() % 4n)]!;
      const base = addrs[Number(rng() % 2n)]!;
      const e = load(mem, sub(add(base, c(64, rng() % 24n)), c(64, 12)), bytes);
      const simplified = new LoadForwarder().simplify(e);
      if (simplified !== e) forwarded++;
      for (let s = 0; s < 5; s++) {
        const vals = new Map<string, bigint>();
        const env = {
          // p close to sp0 half the time, so that accesses through both bases overlap.
          variable: (n: string, w: number) => {
            if (!vals.has(n)) vals.set(n, n === 'p' && s % 2 === 0 ? 0x1000n + (rng() % 16n) : rng() & ((1n << BigInt(w)) - 1n));
            return n === 'sp0' ? 0x1000n : vals.get(n)!;
          },
          memByte: (_m: string, a: bigint) => Number((a * 7n) & 0xffn),
        };
        expect(new Evaluator(env).value(simplified)).toBe(new Evaluator(env).value(e));
      }
    }
    expect(forwarded).toBeGreaterThan(50); // the test exercises the rewrite
  });
});
