// The translate command: golden output for the example file, exit codes,
// refusals with their location, refuted blocks with and without
// --allow-unverified, and the JSON report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { expectGolden } from './support/golden.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'tp-cli-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const FN = (body: string, name = 'f'): string =>
  `\t.text\n\t.global ${name}\n\t.type ${name}, %function\n${name}:\n${body}\n\t.size ${name}, .-${name}\n`;

describe('transpile INPUT.s --to riscv64', () => {
  it('translates the example (jump table, calls, data) to the golden output', async () => {
    const r = await cli(['examples/switch.aarch64.s', '--from', 'aarch64', '--to', 'riscv64', '--no-verify']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/functions \(\d+ translated, 0 refused\)/);
    expectGolden('translate/switch.aarch64-to-riscv64.s', r.out);
  });

  it('needs --to and a supported pair', async () => {
    expect((await cli(['examples/switch.aarch64.s'])).code).toBe(2);
    const x86 = await cli(['examples/switch.x86_64.s', '--to', 'riscv64']);
    expect(x86.code).toBe(2);
    expect(x86.err).toMatch(/not supported yet/);
    expect((await cli([join(dir, 'missing.s'), '--to', 'riscv64'])).code).toBe(2);
  });

  it('refuses a function it cannot translate, with its location, and keeps the rest', async () => {
    const src = file('refuse.s', FN('\tmov x0, #1\n\tret', 'good') + FN('\tmrs x0, nzcv\n\tret', 'bad'));
    const r = await cli([src, '--to', 'riscv64', '--no-verify']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/refuse\.s:\d+:\d+: error: function 'bad' not translated/);
    expect(r.out).toMatch(/^good:\n(.*\n)*\tli a0, 1\n/m);
    expect(r.out).toMatch(/^bad:\n\t# transpile: 'bad' was not translated: .*\n\tunimp/m);
  });

  it('fails on a refuted block, or emits it marked with --allow-unverified', async () => {
    const src = file('wrong.s', FN('\tadd w0, w1, w2\n\tret'));
    const replay = file('wrong.json', JSON.stringify({ functions: { f: { '#0': ['addw a0, a1, a2', 'ret'] } } }));
    const out = join(dir, 'wrong.rv.s');
    const failed = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', replay, '--no-proof', '-o', out]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/error: block .* refuted/);
    expect(() => readFileSync(out)).toThrow();
    const report = join(dir, 'wrong.json.report');
    const allowed = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', replay, '--no-proof', '--allow-unverified', '--report', report]);
    expect(allowed.code).toBe(1);
    expect(allowed.out).toMatch(/# transpile: REFUTED block/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.summary.refuted).toBe(1);
    expect(json.functions[0].blocks[0].status).toBe('refuted');
    expect(json.functions[0].blocks[0].counterexample).toMatch(/x0/);
    expect(json.functions[0].proof).toBe('refuted');
    expect(json.functions[0].problems[0]).toMatch(/block 0 refuted/);
  });

  it('repairs a refuted guess by sketch completion, and keeps only what it proves', async () => {
    // A wrong immediate in a replayed guess: refuted, repaired by CEGIS, proven again.
    const src = file('fix.s', FN('\tadd x0, x1, 100\n\tret'));
    const replay = file('fix.json', JSON.stringify({ functions: { f: { '#0': ['addi a0, a1, 101', 'ret'] } } }));
    const report = join(dir, 'fix.report.json');
    const r = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', replay, '--report', report]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 proven.*\(1 repaired after a refutation\)/);
    expect(r.out).toMatch(/addi\s+a0,\s*a1,\s*100\b/);
    const block = JSON.parse(readFileSync(report, 'utf8')).functions[0].blocks[0];
    expect(block.status).toBe('proven');
    expect(block.repaired.counterexample).toMatch(/x0/);
    expect(block.repaired.changed).toEqual([{ index: 0, before: expect.stringMatching(/101/), after: expect.stringMatching(/100/) }]);
    // With repair turned off the refutation stands.
    const off = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', replay, '--repair-ms', '0', '-o', join(dir, 'fix.rv.s')]);
    expect(off.code).toBe(1);
  });

  it('replayed blocks may carry their own local labels; a wrong branch through them is refuted', async () => {
    // The rules lower csel with a local label of their own: the replayed lines bring different ones.
    const src = file('sel.s', FN('\tcmp x0, x1\n\tcsel x0, x0, x1, lt\n\tret'));
    const good = file('sel.json', JSON.stringify({ functions: { f: { '#0': ['blt a0, a1, .Lmine', 'mv a0, a1', '.Lmine:', 'ret'] } } }));
    const r = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', good, '--repair-ms', '0', '-o', join(dir, 'sel.rv.s')]);
    expect(r.err).toMatch(/1 proven/);
    expect(r.code).toBe(0);
    const bad = file('sel-bad.json', JSON.stringify({ functions: { f: { '#0': ['bltu a0, a1, .Lmine', 'mv a0, a1', '.Lmine:', 'ret'] } } }));
    const w = await cli([src, '--to', 'riscv64', '--guesser', 'replay', '--replay', bad, '--repair-ms', '0', '-o', join(dir, 'sel-bad.rv.s')]);
    expect(w.code).toBe(1);
    expect(w.err).toMatch(/1 refuted/);
  });

  it('proves a correct block and reports it', async () => {
    const src = file('ok.s', FN('\tadd w0, w1, w2\n\tret'));
    const report = join(dir, 'ok.json');
    const r = await cli([src, '--to', 'riscv64', '--report', report]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/1 blocks: 1 proven/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.functions[0]).toMatchObject({ name: 'f', status: 'translated', level: 'proven', proof: 'proven', problems: [] });
    expect(json.summary.lifted).toEqual({ proven: 1, tested: 0, refuted: 0, refused: 0 });
    expect(r.err).toMatch(/functions: 1 proven, 0 tested, 0 refuted, 0 refused by the lift/);
    expect(json.functions[0].blocks[0].source).toEqual(['add\tw0, w1, w2', 'ret']);
  });

  it('labels a function whose block proofs do not compose, without changing its code or the exit code', async () => {
    // main reads x8 before writing it: only translated callers put x8 where the entry mapping claims it.
    const src = file('x8.s', FN('\tmov x0, x8\n\tret', 'main'));
    const report = join(dir, 'x8.report.json');
    const r = await cli([src, '--to', 'riscv64', '--report', report]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: the block results of 'main' do not compose into a function proof: .*x8/);
    expect(r.err).toMatch(/functions: 0 proven, 0 tested, 0 refuted, 1 refused by the lift/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.functions[0].blocks[0].status).toBe('proven');
    expect(json.functions[0].proof).toBe('refused');
    expect(json.functions[0].problems.join('\n')).toMatch(/x8 -> x28, which no caller guarantees/);
    const plain = await cli([src, '--to', 'riscv64', '--no-verify']);
    expect(r.out).toBe(plain.out);
    expect(plain.err).not.toMatch(/by the lift/);
  });
});
