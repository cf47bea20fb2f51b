// The `transpile` command line, run in-process: views, detection, and the
// messages and exit codes users get for their mistakes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fixture = (isa: string) => new URL(`../examples/switch.${isa}.s`, import.meta.url).pathname;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

function write(name: string, content: string | Buffer): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

describe('transpile inspect', () => {
  it('detects the dialect, says so on stderr, and lists the CFG', async () => {
    for (const isa of ['aarch64', 'riscv64', 'x86_64']) {
      const r = await run('inspect', fixture(isa));
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/reading as .* \(detected; pass --isa to choose\)/);
      expect(r.out).toContain('function classify');
      expect(r.out).toContain('function main');
    }
  });

  it('prints the file back with --print', async () => {
    const r = await run('inspect', fixture('riscv64'), '--isa', 'riscv64', '--print');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('\tcall\tprintf@plt');
  });

  it('writes documented JSON with --json', async () => {
    const r = await run('inspect', fixture('x86_64'), '--json');
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ format: 'transpile-inspect', version: 1, isa: 'x86_64' });
    const classify = doc.functions.find((f: { name: string }) => f.name === 'classify');
    expect(classify.jumpTables).toHaveLength(1);
  });

  it('writes Graphviz with --dot', async () => {
    const r = await run('inspect', fixture('aarch64'), '--dot');
    expect(r.out.startsWith('digraph cfg {')).toBe(true);
    expect(r.out).toContain('subgraph cluster_0');
  });

  it('reports every error as file:line:col with a caret, and exits 2', async () => {
    const p = write('bad.s', '\tadd x0, x1\n\tldr x0, [x1\n\tmov x0, x1\n\tfrob x2\n');
    const r = await run('inspect', p, '--isa', 'aarch64');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const heads = r.err.split('\n').filter((l) => l.startsWith(p));
    expect(heads).toHaveLength(3);
    expect(heads[0]).toMatch(new RegExp(`^${p}:1:2: error: `));
    expect(heads[1]).toMatch(new RegExp(`^${p}:2:\\d+: error: `));
    expect(heads[2]).toMatch(new RegExp(`^${p}:4:2: error: unknown AArch64 instruction 'frob'`));
    expect(r.err).toContain('3 errors in');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('suggests the right --isa when the file is in another dialect', async () => {
    const r = await run('inspect', fixture('x86_64'), '--isa', 'aarch64');
    expect(r.code).toBe(2);
    expect(r.err).toContain('looks like x86-64 assembly, not AArch64; did you mean --isa x86_64?');
  });

  it('gives clear messages for missing, empty, binary, huge and unreadable inputs', async () => {
    expect((await run('inspect', path.join(tmp, 'nope.s'))).err).toMatch(/nope\.s: no such file/);
    expect((await run('inspect', write('empty.s', ''))).err).toMatch(/file is empty/);
    expect((await run('inspect', write('bin.o', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])))).err).toMatch(/binary file/);
    const huge = path.join(tmp, 'huge.s');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 100 * 1024 * 1024);
    const r = await run('inspect', huge);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/file is 100 MB, over the 64 MB input limit/);
    expect((await run('inspect', tmp)).err).toMatch(/is a directory/);
    expect((await run('inspect', write('prose.s', 'hello there, this is not assembly\n'))).err).toMatch(/cannot tell which assembly dialect/);
  });

  it('rejects bad usage with exit 2 and a pointer to --help', async () => {
    expect((await run('inspect')).code).toBe(2);
    expect((await run('inspect', fixture('x86_64'), '--bogus')).err).toMatch(/Unknown option '--bogus'[\s\S]*--help/);
    expect((await run('inspect', fixture('x86_64'), '--isa', 'mips')).err).toMatch(/--isa must be one of aarch64, riscv64, x86_64/);
    expect((await run('inspect', fixture('x86_64'), '--cfg', '--json')).err).toMatch(/choose one view/);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('teaches with --help', async () => {
    const r = await run('inspect', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: transpile inspect FILE');
    expect((await run('--help')).out).toContain('Commands:');
  });
});

describe('the installed bin', () => {
  it('runs from bin/transpile.js after a build', async () => {
    execFileSync('npx', ['tsc', '-p', '.'], { cwd: new URL('..', import.meta.url).pathname, stdio: 'pipe' });
    const r = spawnSync(process.execPath, [new URL('../bin/transpile.js', import.meta.url).pathname, 'inspect', fixture('riscv64'), '--cfg'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('function classify');
  });
});
