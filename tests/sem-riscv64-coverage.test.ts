// Coverage of the RISC-V64 semantics: every mnemonic of the instruction
// table and of the gcc corpus has semantics, every corpus instruction runs
// through them (the refusals are the documented ones), and every mnemonic
// is difftested against qemu or listed here with the reason it is not.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InstructionStatement } from '../src/asm/ast.js';
import { parseAsm } from '../src/asm/index.js';
import { UnsupportedInstruction } from '../src/ir/semantics.js';
import { execute } from '../src/ir/symexec.js';
import { RISCV64 } from '../src/isa/riscv64/instructions.js';
import { riscvSemanticMnemonics, riscvSemantics } from '../src/isa/riscv64/semantics/index.js';
import { buildCorpus, type CorpusEntry } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { DEFAULT_LAYOUT } from '../src/difftest/harness.js';
import { Rng } from '../src/difftest/random.js';
import { target } from '../src/difftest/riscv64.js';
import { describeWithTools } from './support/tools.js';

/** Mnemonics with semantics that no difftest form runs, and why. */
const NOT_DIFFTESTED: Record<string, string> = {
  auipc: 'refused: the value depends on the pc',
  lga: 'binutils 2.40 does not assemble it',
  ecall: 'a system call with random registers',
  frcsr: 'refused: reads fcsr (exception flags are not modelled)',
  frflags: 'refused: reads fflags',
};

describe('RISC-V64 semantic coverage', () => {
  it('has semantics for every mnemonic of the instruction table', () => {
    const missing = [...RISCV64.instructions.keys()].filter((m) => !riscvSemantics(m));
    expect(missing).toEqual([]);
  });

  it('describes only instructions the table knows', () => {
    expect(riscvSemanticMnemonics().filter((m) => !RISCV64.instructions.has(m))).toEqual([]);
  });

  it('difftests every mnemonic against qemu, except the documented ones', () => {
    const tested = new Set<string>();
    for (const form of target.forms()) {
      const instance = form.instance(new Rng('coverage'), DEFAULT_LAYOUT);
      const parsed = parseAsm(instance.text.replace(/CASE_/g, 'l_'), 'f.s', 'riscv64');
      for (const s of parsed.file.statements) if (s.kind === 'instruction') tested.add(s.mnemonic);
    }
    const untested = [...RISCV64.instructions.keys()].filter((m) => !tested.has(m) && !(m in NOT_DIFFTESTED));
    expect(untested).toEqual([]);
    expect(Object.keys(NOT_DIFFTESTED).filter((m) => tested.has(m))).toEqual([]);
  });
});

describeWithTools([toolFor('riscv64', 'gcc')], 'RISC-V64 semantics on the gcc corpus', () => {
  let files: CorpusEntry[] = [];
  beforeAll(async () => {
    files = (await buildCorpus({ isas: ['riscv64'] })).filter((e) => e.ok);
  }, 600_000);

  const instructions = (): InstructionStatement[] =>
    files.flatMap((f) =>
      parseAsm(fs.readFileSync(f.asmPath, 'utf8'), f.asmPath, 'riscv64').file.statements.filter(
        (s): s is InstructionStatement => s.kind === 'instruction',
      ),
    );

  it('has semantics for every mnemonic gcc emits', () => {
    const all = instructions();
    expect(all.length).toBeGreaterThan(1000);
    const missing = [...new Set(all.map((i) => i.mnemonic))].filter((m) => !riscvSemantics(m)).sort();
    expect(missing).toEqual([]);
  });

  it('runs every corpus instruction; the only refusals are reads of the FP exception flags', () => {
    const refused = new Map<string, number>();
    for (const ins of instructions()) {
      try {
        execute([ins], { isa: 'riscv64', semantics: riscvSemantics, onCall: () => {} });
      } catch (err) {
        if (!(err instanceof UnsupportedInstruction)) throw err;
        const key = `${ins.mnemonic}: ${err.message}`;
        refused.set(key, (refused.get(key) ?? 0) + 1);
      }
    }
    expect([...refused.keys()].filter((k) => !/^frflags: .*exception flags/.test(k))).toEqual([]);
  });
});
