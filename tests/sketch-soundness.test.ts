// Soundness of sketch completion, checked against brute force: for small
// hole spaces, every assignment is verified on its own by the verifier
// (tests, then Z3). "No completion exists" must mean none of them is
// equivalent; a completion must be one of those that are, and is verified
// again here.
import { afterAll, describe, expect, it } from 'vitest';
import type { Isa } from '../src/asm/ast.js';
import { parseSketch } from '../src/asm/holes.js';
import { dialectFor, parseAsm } from '../src/asm/index.js';
import { printStatement } from '../src/asm/printer.js';
import { parsePrototype } from '../src/cfront/prototypes.js';
import { buildProgram } from '../src/program/build.js';
import { completeSketch } from '../src/sketch/index.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import { smtChecker } from '../src/verify/checker.js';
import { verifyPrograms } from '../src/verify/verify.js';

afterAll(async () => {
  await closeDefaultSolvers();
});

const fn = (isa: Isa, body: string) =>
  `\t.text\n\t.globl f\n\t.type f, ${isa === 'riscv64' ? '@' : '%'}function\nf:\n${body}\n\t.size f, .-f\n`;

/** Every concrete program of a sketch whose holes are all alternatives. */
function allPrograms(text: string, isa: Isa): string[] {
  const sk = parseSketch(text, 's.s', isa);
  expect(sk.diagnostics).toEqual([]);
  const d = dialectFor(isa);
  let out: Map<unknown, string>[] = [new Map()];
  for (const site of sk.sites) out = out.flatMap((m) => site.variants.map((v) => new Map(m).set(site.statement, printStatement(v.ins, d))));
  return out.map((m) => sk.file.statements.map((st) => m.get(st) ?? printStatement(st, d)).join('\n') + '\n');
}

async function equivalent(a: string, b: string, isaA: Isa, isaB: Isa, proto: string): Promise<boolean> {
  const pa = buildProgram(parseAsm(a, 'a.s', isaA).file);
  const pb = buildProgram(parseAsm(b, 'b.s', isaB).file);
  const r = await verifyPrograms(pa, pb, { runs: 200, seed: 3, maxSteps: 10_000, prototypes: new Map([['f', await parsePrototype(proto)]]), checker: smtChecker(20_000) });
  return r.functions[0]!.verdict.kind === 'equivalent';
}

const cases: { name: string; isa: Isa; sketch: string; spec: string; specIsa?: Isa; proto: string }[] = [
  { name: 'register choice', isa: 'riscv64', sketch: '\tsub a0,{a0|a1|a2},{a0|a1|a2}\n\tret', spec: '\tsub a0,a2,a1\n\tret', proto: 'long f(long, long, long)' },
  { name: 'opcode choice, none right', isa: 'riscv64', sketch: '\t{add|sub|and|or}\ta0,a0,a1\n\tret', spec: '\txor a0,a0,a1\n\tret', proto: 'long f(long, long)' },
  { name: 'branch condition', isa: 'riscv64', sketch: '\t{blt|bge|bltu|bgeu|beq|bne} a0,a1,.L1\n\tmv a0,a1\n.L1:\n\tret', spec: '\tbgeu a1,a0,.L2\n\tret\n.L2:\n\tmv a0,a1\n\tret', proto: 'unsigned long f(unsigned long, unsigned long)' },
  { name: 'store width and offset', isa: 'riscv64', sketch: '\t{sd|sw|sh} a1,{0|4|8}(a0)\n\tret', spec: '\tsw a1,4(a0)\n\tret', proto: 'void f(int *, int)' },
  { name: 'store that no alternative matches', isa: 'riscv64', sketch: '\t{sd|sh} a1,{0|4}(a0)\n\tret', spec: '\tsw a1,4(a0)\n\tret', proto: 'void f(int *, int)' },
  { name: 'load extension under an int prototype', isa: 'riscv64', sketch: '\t{lw|lwu|ld} a0,0(a0)\n\tret', spec: '\tldr w0, [x0]\n\tret', specIsa: 'aarch64', proto: 'int f(int *)' },
  { name: 'flags and conditions', isa: 'aarch64', sketch: '\tcmp x0, x1\n\tcsel x0, {x0|x1}, {x0|x1}, {lt|gt|hi|lo}\n\tret', spec: '\tcmp x0, x1\n\tb.hs .L1\n\tmov x0, x1\n.L1:\n\tret', proto: 'unsigned long f(unsigned long, unsigned long)' },
  { name: 'flags, none right', isa: 'aarch64', sketch: '\tcmp x0, x1\n\tcset x0, {eq|ne|lt}\n\tret', spec: '\tcmp x0, x1\n\tcset x0, hi\n\tret', proto: 'long f(unsigned long, unsigned long)' },
];

describe('completeSketch against brute force', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const sketch = fn(c.isa, c.sketch);
      const spec = fn(c.specIsa ?? c.isa, c.spec);
      const good: string[] = [];
      for (const p of allPrograms(sketch, c.isa)) if (await equivalent(spec, p, c.specIsa ?? c.isa, c.isa, c.proto)) good.push(p);
      const r = await completeSketch({ sketch, isa: c.isa, spec, ...(c.specIsa ? { specIsa: c.specIsa } : {}), prototype: c.proto, timeoutMs: 30_000 });
      if (good.length === 0) {
        expect(r.status, r.how).toBe('no completion exists');
      } else {
        expect(r.status, r.how).toBe('completed');
        expect(await equivalent(spec, r.completion!, c.specIsa ?? c.isa, c.isa, c.proto)).toBe(true);
      }
    }, 120_000);
  }
});
