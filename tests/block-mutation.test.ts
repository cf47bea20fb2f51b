// Mutation testing of the block verifier: corpus blocks translated onto
// themselves (identity mapping), then one small mistake injected into the
// target. An independent oracle runs both blocks on the interpreter from
// the same random states and compares every register, flag, stored byte
// and the exit. verifyBlock must never call a block proven that the oracle
// shows to differ, and should refute (nearly) every such block.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { printAsm } from '../src/asm/index.js';
import { Evaluator } from '../src/interp/eval.js';
import { stateLayout } from '../src/ir/state.js';
import { execute } from '../src/ir/symexec.js';
import { buildProgram } from '../src/program/build.js';
import type { AsmProgram } from '../src/program/model.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import { buildCorpus, corpusAsm } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import type { BlockStatus, ExitPromise, StateMapping } from '../src/translate/contract.js';
import { verifyBlock } from '../src/verify/block.js';
import { mutate, mutationSites, MUTATION_KINDS } from '../src/verify/mutate.js';
import { backgroundByte, Rng } from '../src/verify/random.js';
import { semanticsFor } from '../src/verify/semantics.js';
import { describeWithTools } from './support/tools.js';

const PROGRAMS = ['bit_tricks', 'shifts', 'divrem_negative'];
const IDENTITY: StateMapping = { facts: stateLayout('aarch64').map((c) => ({ src: c.name, to: { kind: 'reg', name: c.name } })) };

interface Case {
  where: string;
  source: InstructionStatement[];
  target: InstructionStatement[];
  exits: ExitPromise[];
  labels: string[];
}

const text = (ins: InstructionStatement[]) => ins.map((i) => `${i.mnemonic} ${i.operands.length}`).join(';');

/** Runs a straight-line block on one concrete state: every component, the stored bytes, and the exit. */
function run(ins: InstructionStatement[], seed: number): string {
  const r = execute(ins, { isa: 'aarch64', semantics: semanticsFor('aarch64') });
  const rng = new Rng(seed);
  const vals = new Map<string, bigint>();
  const ev = new Evaluator({
    variable: (n, w) => {
      if (!vals.has(n)) vals.set(n, rng.below(4) === 0 ? BigInt(rng.below(16)) : rng.next64() | (w > 64 ? rng.next64() << 64n : 0n));
      return vals.get(n)! & ((1n << BigInt(w)) - 1n);
    },
    memByte: (_m, a) => backgroundByte(seed, a),
  });
  const parts: string[] = [];
  for (const c of stateLayout('aarch64')) {
    const e = r.written.get(c.name);
    parts.push(`${c.name}=${e ? ev.value(e) : 'same'}`);
  }
  const bytes = new Map<bigint, number>();
  for (const s of ev.stores_(r.mem)) for (let i = 0; i < s.bytes; i++) bytes.set(s.addr + BigInt(i), Number((s.value >> BigInt(8 * i)) & 0xffn));
  parts.push([...bytes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([a, b]) => `${a}:${b}`).join(','));
  const x = r.exit;
  parts.push(x.kind === 'branch' ? `branch ${x.target.kind === 'symbol' ? x.target.name : '?'} ${ev.value(x.cond)}` : x.kind === 'jump' ? `jump ${x.target.kind === 'symbol' ? x.target.name : '?'}` : x.kind);
  return parts.join(' ');
}

function oracleDiffers(c: Case, runs: number): boolean {
  try {
    for (let k = 0; k < runs; k++) if (run(c.source, 1000 + k) !== run(c.target, 1000 + k)) return true;
    return false;
  } catch {
    return false; // a block the oracle cannot run (calls): no claim either way
  }
}

function cases(program: AsmProgram, name: string): Case[] {
  const out: Case[] = [];
  const parseLine = (t: string) => parseAsm(t, 'm.s', 'aarch64').file.statements.find((s): s is InstructionStatement => s.kind === 'instruction')!;
  for (const fn of program.functions.filter((f) => f.name !== 'main')) {
    for (const [k, kind] of MUTATION_KINDS.entries()) {
      const sites = mutationSites(program, fn.name, kind);
      if (!sites.length) continue;
      const m = mutate(program, fn.name, kind, sites[k % sites.length]!, k, parseLine);
      const mutant = buildProgram({ ...program.file, statements: m.statements });
      const mf = mutant.functions.find((f) => f.name === fn.name)!;
      if (mf.blocks.length !== fn.blocks.length) continue;
      for (const b of fn.blocks) {
        const source = b.instructions.map((i) => program.file.statements[i] as InstructionStatement);
        const target = mf.blocks[b.id]!.instructions.map((i) => mutant.file.statements[i] as InstructionStatement);
        if (text(source) === text(target) && printAsm({ ...program.file, statements: source }) === printAsm({ ...program.file, statements: target })) continue;
        const exits: ExitPromise[] = b.successors.map((e) => ({
          kind: e.kind,
          ...('block' in e.to ? { label: fn.blocks[e.to.block]!.labels[0] } : { label: e.to.external }),
          mapping: IDENTITY,
        })) as ExitPromise[];
        if (b.exit.kind === 'return') exits.push({ kind: 'return', mapping: IDENTITY });
        out.push({ where: `${name} ${fn.name} block ${b.id} ${kind}: ${m.description}`, source, target, exits, labels: b.labels });
      }
    }
  }
  return out;
}

describeWithTools([toolFor('aarch64', 'gcc')], 'block verifier on mutated corpus blocks', () => {
  const results: { c: Case; status: BlockStatus; differs: boolean }[] = [];
  beforeAll(async () => {
    await buildCorpus({ isas: ['aarch64'], opts: ['O0', 'O2'] });
    for (const opt of ['O0', 'O2'] as const)
      for (const f of corpusAsm('aarch64', opt).filter((f) => PROGRAMS.includes(f.name))) {
        const program = buildProgram(parseAsm(fs.readFileSync(f.asmPath, 'utf8'), f.asmPath, 'aarch64').file);
        for (const c of cases(program, `${opt}/${f.name}`)) {
          if (c.source.some((i) => i.mnemonic === 'bl' || i.mnemonic === 'blr')) continue;
          const status = await verifyBlock({
            srcIsa: 'aarch64', tgtIsa: 'aarch64', privateAreas: [], runs: 50, seed: 5, timeoutMs: 5000,
            block: { blockId: 0, labels: c.labels, source: c.source, target: c.target, entry: IDENTITY, calls: [], exits: c.exits, rules: ['identity'] },
          });
          results.push({ c, status, differs: oracleDiffers(c, 300) });
        }
      }
  }, 600_000);
  afterAll(() => closeDefaultSolvers());

  it('never proves a mutated block the interpreter shows to differ', () => {
    expect(results.length).toBeGreaterThan(20);
    const unsound = results.filter((r) => r.differs && r.status.status === 'proven');
    expect(unsound.map((r) => r.c.where)).toEqual([]);
  });

  it('refutes every mutated block the interpreter shows to differ', () => {
    const missed = results.filter((r) => r.differs && r.status.status !== 'refuted');
    const by = (s: string) => results.filter((r) => r.status.status === s).length;
    console.log(`block mutants: ${results.length}; refuted ${by('refuted')}, proven ${by('proven')}, tested ${by('tested')}, refused ${by('refused')}; the oracle shows ${results.filter((r) => r.differs).length} to differ`);
    expect(missed.map((r) => `${r.c.where}: ${JSON.stringify(r.status)}`)).toEqual([]);
  });
});
