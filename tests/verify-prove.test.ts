// Proofs of equivalence with Z3, and refusals: a counterexample the random
// tests miss must still be found, and replayed on the interpreter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { describeWithTools } from './support/tools.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-prove-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
function file(isa: 'riscv64' | 'aarch64', functions: Record<string, string>): string {
  const type = isa === 'riscv64' ? '@function' : '%function';
  const text = Object.entries(functions)
    .map(([f, body]) => `\t.globl ${f}\n\t.type ${f}, ${type}\n${f}:\n${body}\n\t.size ${f}, .-${f}\n`)
    .join('');
  const p = path.join(tmp, `f${counter++}.s`);
  fs.writeFileSync(p, `\t.text\n${text}`);
  return p;
}

async function verify(a: string, b: string, ...extra: string[]) {
  let out = '';
  const code = await main(['verify', a, b, '--runs', '50', '--json', ...extra], (s) => void (out += s), () => {});
  const doc = JSON.parse(out);
  return { code, fn: (name: string) => doc.functions.find((f: { name: string }) => f.name === name) };
}

function proofTests(solver: 'native' | 'wasm') {
  it('proves equivalent code equivalent', async () => {
    const a = file('riscv64', { f: '\tadd a0,a0,a1\n\tslli a0,a0,1\n\tret', g: '\tblt a0,a1,.L2\n\tmv a0,a1\n.L2:\n\tret' });
    const b = file('riscv64', { f: '\tadd a0,a1,a0\n\tadd a0,a0,a0\n\tret', g: '\tbge a0,a1,.L3\n\tret\n.L3:\n\tmv a0,a1\n\tret' });
    const r = await verify(a, b, '--solver', solver);
    expect(r.code).toBe(0);
    expect(r.fn('f').verdict).toBe('equivalent');
    expect(r.fn('g').how).toMatch(/Z3 proof over 2 and 2 paths/);
  });

  it('finds the one input random testing misses, and replays it', async () => {
    const a = file('riscv64', { f: '\tret' });
    const b = file('riscv64', { f: '\tli t0,0x12345678\n\tbne a0,t0,.L1\n\tli a0,0\n.L1:\n\tret' });
    const r = await verify(a, b, '--solver', solver, '--from', 'riscv64', '--to', 'riscv64');
    expect(r.code).toBe(1);
    expect(r.fn('f').verdict).toBe('different');
    expect(r.fn('f').reason).toMatch(/found by Z3/);
    expect(r.fn('f').counterexample.args[0]).toBe('0x12345678');
    expect(r.fn('f').tests.agreed).toBe(50); // the tests alone agreed
  });

  it('refuses a store that differs only for one address', async () => {
    const a = file('riscv64', { f: '\tsd a1,0(a0)\n\tret' });
    const b = file('riscv64', { f: '\tli t0,4096\n\tbeq a0,t0,.L9\n\tsd a1,0(a0)\n.L9:\n\tret' });
    const r = await verify(a, b, '--solver', solver);
    expect(r.fn('f').verdict).toBe('different');
  });

  it('proves a translation across ISAs under a prototype, and refuses a missing extension', async () => {
    const arm = file('aarch64', { f: '\tadd\tw0, w0, w1\n\tret' });
    const good = file('riscv64', { f: '\taddw a0,a0,a1\n\tret' });
    const bad = file('riscv64', { f: '\tadd a0,a0,a1\n\tret' });
    const proto = ['--prototype', 'int f(int, int)', '--from', 'aarch64', '--to', 'riscv64', '--solver', solver];
    expect((await verify(arm, good, ...proto)).fn('f').verdict).toBe('equivalent');
    const r = await verify(arm, bad, ...proto);
    expect(r.fn('f').verdict).toBe('different');
    expect(r.fn('f').reason).toMatch(/not extended/);
  });
}

describeWithTools(['z3'], 'proofs with the native z3', () => proofTests('native'));
describe('proofs with the bundled WASM z3', () => proofTests('wasm'));
