// `transpile verify`: verdicts, exit codes, JSON, prototypes, usage errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-verify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

function rv(name: string, functions: Record<string, string>): string {
  const text = Object.entries(functions)
    .map(([f, body]) => `\t.globl ${f}\n\t.type ${f}, @function\n${f}:\n${body}\n\t.size ${f}, .-${f}\n`)
    .join('');
  const p = path.join(tmp, name);
  fs.writeFileSync(p, `\t.text\n${text}`);
  return p;
}

describe('transpile verify', () => {
  const a = rv('a.s', { add2: '\tadd a0,a0,a1\n\tret', keep: '\tmv a0,a1\n\tret' });

  it('exits 1 with a counterexample when a function differs', async () => {
    const b = rv('b.s', { add2: '\tsub a0,a0,a1\n\tret', keep: '\tmv a0,a1\n\tret' });
    const r = await run('verify', a, b, '--from', 'riscv64', '--to', 'riscv64', '--runs', '50');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/add2\s+different: results differ/);
    expect(r.out).toMatch(/inputs: arg0=0x/);
    expect(r.out).toMatch(/keep\s+equivalent \(Z3 proof over 1 and 1 paths, after 50 inputs agree\)/);
  });

  it('exits 0 when every function is proven, and 3 when tests agree but proofs are off', async () => {
    const b = rv('b2.s', { add2: '\tadd a0,a1,a0\n\tret', keep: '\tadd a0,a1,zero\n\tret' });
    const proven = await run('verify', a, b, '--runs', '20');
    expect(proven.code).toBe(0);
    expect(proven.err).toMatch(/reading as RISC-V64 \(detected/);
    const tested = await run('verify', a, b, '--runs', '20', '--no-proof');
    expect(tested.code).toBe(3);
    expect(tested.out).toMatch(/add2\s+inconclusive: tested: 20 inputs agree; not proven \(proofs were not requested\)/);
  });

  it('reports a function missing from one side as different', async () => {
    const b = rv('b3.s', { add2: '\tadd a0,a0,a1\n\tret' });
    const r = await run('verify', a, b, '--runs', '5', '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ format: 'transpile-verify', version: 1, exitCode: 1 });
    expect(doc.functions.find((f: { name: string }) => f.name === 'keep')).toMatchObject({ verdict: 'different' });
  });

  it('compares only the bits a prototype defines', async () => {
    // Both return the same low 32 bits; the upper bits differ, and RISC-V
    // requires an int result sign-extended, which `addw` gives and `add` does not.
    const x = rv('x.s', { f: '\taddw a0,a0,a1\n\tret' });
    const y = rv('y.s', { f: '\tadd a0,a0,a1\n\tret' });
    const whole = await run('verify', x, y, '--runs', '50');
    expect(whole.code).toBe(1);
    const typed = await run('verify', x, y, '--runs', '50', '--prototype', 'int f(int, int)');
    expect(typed.code).toBe(1);
    expect(typed.out).toMatch(/not extended as its calling convention requires/);
    const unsigned = await run('verify', x, x, '--runs', '50', '--prototype', 'unsigned f(unsigned, unsigned)');
    expect(unsigned.code).toBe(0);
  });

  it('turns mistakes into messages and exit code 2', async () => {
    expect((await run('verify', a)).code).toBe(2);
    const badProto = await run('verify', a, a, '--prototype', 'int f(int');
    expect(badProto.code).toBe(2);
    expect(badProto.err).toMatch(/--prototype.*error: cannot read/);
    expect((await run('verify', a, a, '--runs=-3')).err).toMatch(/--runs takes a non-negative whole number/);
    expect((await run('verify', a, path.join(tmp, 'missing.s'))).err).toMatch(/no such file/);
  });
});

describe('transpile verify: values the semantics leave unknown', () => {
  // `flw fa5, sym, a5` leaves a5 holding the auipc half of the address (unknown to the IR).
  const data = '\t.section\t.rodata\n\t.align\t2\n.LC0:\n\t.word\t1065353216\n\t.text\n';
  const withData = (name: string, body: string) => {
    const p = rv(name, { f: body });
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8') + data);
    return p;
  };
  it('runs code that leaves an unknown value in a scratch register (no crash)', async () => {
    const a = withData('u1.s', '\tflw fa5,.LC0,a5\n\tfcvt.w.s a0,fa5,rtz\n\tret');
    const b = withData('u2.s', '\tli a0,1\n\tret');
    const r = await run('verify', a, b, '--no-proof', '--prototype', 'int f(void)');
    expect(r.err).not.toMatch(/uninterpreted|Error/);
    expect(r.out).toMatch(/f\s+inconclusive: tested/);
  });
  it('shows a difference when a result depends on the unknown value', async () => {
    const a = withData('u3.s', '\tflw fa5,.LC0,a5\n\tmv a0,a5\n\tret');
    const b = withData('u4.s', '\tli a0,0\n\tret');
    const r = await run('verify', a, b, '--no-proof', '--prototype', 'long f(void)');
    expect(r.code).toBe(1);
  });
});
