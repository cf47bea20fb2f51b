// `transpile sketch`: completed assembly on stdout, exit codes 0/1/3/2,
// positioned errors for bad holes, JSON output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseAsm } from '../src/asm/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-sketch-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

function file(name: string, body: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, `\t.text\n\t.globl f\n\t.type f, @function\nf:\n${body}\n\tret\n\t.size f, .-f\n`);
  return p;
}

describe('transpile sketch', () => {
  const spec = file('spec.s', '\tslli a1,a0,2\n\tadd a0,a0,a1');

  it('prints the completed assembly and exits 0', async () => {
    const sk = file('mul5.s', '\tslli a1,a0,??\n\t{add|sub} a0,a0,a1');
    const r = await run('sketch', sk, '--isa', 'riscv64', '--spec', spec);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('slli\ta1,a0,2');
    expect(r.out).toContain('add\ta0,a0,a1');
    expect(parseAsm(r.out, 'out.s', 'riscv64').diagnostics).toEqual([]);
    expect(r.err).toMatch(/completed: proven equivalent/);
  });

  it('exits 1 when no completion exists', async () => {
    const sk = file('none.s', '\t{xor|or} a0,a0,a1');
    const r = await run('sketch', sk, '--isa', 'riscv64', '--spec', spec);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/no completion exists/);
  });

  it('exits 3 on timeout', async () => {
    const sk = file('slow.s', '\tslli a1,a0,??\n\t{add|sub} a0,a0,a1');
    const r = await run('sketch', sk, '--isa', 'riscv64', '--spec', spec, '--timeout-ms', '0');
    expect(r.code).toBe(3);
  });

  it('completes from examples and says the result is not proven', async () => {
    const sk = file('ex.s', '\taddi a0,a0,??');
    const ex = path.join(tmp, 'ex.json');
    fs.writeFileSync(ex, JSON.stringify({ prototype: 'long f(long)', examples: [{ args: [1], result: 8 }, { args: ['-3'], result: '4' }] }));
    const r = await run('sketch', sk, '--isa', 'riscv64', '--examples', ex, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.status).toBe('completed');
    expect(j.how).toMatch(/not proven/);
    expect(j.holes[0].chosen).toBe('addi\ta0,a0,7');
  });

  it('reports a bad hole at its line and column, exit 2', async () => {
    const sk = file('bad.s', '\t{add|} a0,a0,a1');
    const r = await run('sketch', sk, '--isa', 'riscv64', '--spec', spec);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.s:5:2: error: an alternative in '\{add\|\}' is empty/);
  });

  it('reports an immediate hole with no known range at its position', async () => {
    const sk = file('norange.s', '\tcsrrwi a0,fflags,??');
    const r = await run('sketch', sk, '--isa', 'riscv64', '--spec', spec);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/norange\.s:5:\d+: error: no immediate range is known/);
  });

  it('usage errors exit 2', async () => {
    expect((await run('sketch', spec, '--isa', 'riscv64')).code).toBe(2);
    expect((await run('sketch', '--isa', 'riscv64', '--spec', spec)).code).toBe(2);
    expect((await run('sketch', spec, '--spec', spec)).code).toBe(2);
    expect((await run('sketch', path.join(tmp, 'missing.s'), '--isa', 'riscv64', '--spec', spec)).code).toBe(2);
  });
});
