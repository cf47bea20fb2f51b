// Mutation testing of the verifier: inject each kind of mistake into the
// functions of real programs and check that `verify` never calls a mutant
// equivalent while the interpreter shows it behaves differently. Reports
// the kill rate and how verdicts are spread.
import type { InstructionStatement } from '../asm/ast.js';
import { parseAsm } from '../asm/index.js';
import { buildProgram } from '../program/build.js';
import type { AsmProgram } from '../program/model.js';
import { FunctionRunner } from './concrete.js';
import { buildImage, SharedSymbols } from './image.js';
import { MUTATION_KINDS, mutate, mutationSites, type MutationKind } from './mutate.js';
import type { SatChecker } from './prove.js';
import { conventionFor } from '../abi/conventions.js';
import { semanticsFor } from './semantics.js';
import { DEFAULT_PROTOTYPE, testEquivalence } from './testing.js';
import { verifyPrograms, type Verdict } from './verify.js';

export interface MutantResult {
  program: string;
  fn: string;
  kind: MutationKind;
  description: string;
  verdict: Verdict['kind'];
  reason: string;
  /** The interpreter, with many more tests than verify ran, found a difference. */
  interpreterDiffers: boolean;
  /** verify said equivalent although the interpreter differs: a soundness bug. */
  unsound: boolean;
}

function parseLineFor(program: AsmProgram): (text: string) => InstructionStatement {
  return (text) => {
    const r = parseAsm(text, 'mutation.s', program.file.isa);
    const ins = r.file.statements.find((s): s is InstructionStatement => s.kind === 'instruction');
    if (!ins || r.diagnostics.length) throw new Error(`mutation line does not parse: ${text}`);
    return ins;
  };
}

/** Mutants of the functions of one program, one site per (function, kind). */
export async function runMutants(
  name: string,
  original: AsmProgram,
  opts: { checker?: SatChecker; runs: number; oracleRuns: number; seed: number; functions?: string[]; maxSteps?: number },
): Promise<MutantResult[]> {
  const out: MutantResult[] = [];
  const fns = (opts.functions ?? original.functions.map((f) => f.name)).filter((f) => f !== 'main');
  const parseLine = parseLineFor(original);
  for (const fn of fns) {
    for (const [k, kind] of MUTATION_KINDS.entries()) {
      const sites = mutationSites(original, fn, kind);
      if (!sites.length) continue;
      const site = sites[(opts.seed + k * 7) % sites.length]!;
      const m = mutate(original, fn, kind, site, opts.seed + k, parseLine);
      const mutant = buildProgram({ ...original.file, statements: m.statements });
      const report = await verifyPrograms(original, mutant, {
        runs: opts.runs,
        seed: opts.seed,
        maxSteps: opts.maxSteps ?? 20_000,
        prototypes: new Map(),
        functions: [fn],
        ...(opts.checker ? { checker: opts.checker } : {}),
      });
      const v = report.functions[0]!.verdict;
      // The oracle: many more tests, other inputs, on the same interpreter.
      const shared = new SharedSymbols();
      const isa = original.file.isa;
      const mk = (p: AsmProgram, base: bigint) => {
        const machine = { program: p, image: buildImage(p, base, shared), semantics: semanticsFor(isa), convention: conventionFor(isa) };
        return { label: base === 0x1000_0000_0000n ? 'A' : 'B', machine, runner: new FunctionRunner(machine), fn };
      };
      const oracle = testEquivalence(mk(original, 0x1000_0000_0000n), mk(mutant, 0x2000_0000_0000n), DEFAULT_PROTOTYPE, opts.oracleRuns, opts.seed + 1000, {
        maxSteps: opts.maxSteps ?? 20_000,
        maxDepth: 32,
      });
      const interpreterDiffers = oracle.counterexample !== undefined;
      out.push({
        program: name,
        fn,
        kind,
        description: m.description,
        verdict: v.kind,
        reason: 'reason' in v ? v.reason : v.how,
        interpreterDiffers,
        unsound: (v.kind === 'equivalent' || v.kind === 'equivalent-bounded') && interpreterDiffers,
      });
    }
  }
  return out;
}

export function summariseMutants(results: MutantResult[]) {
  const by = (k: string) => results.filter((r) => r.verdict === k).length;
  const differing = results.filter((r) => r.interpreterDiffers);
  return {
    mutants: results.length,
    different: by('different'),
    equivalent: by('equivalent'),
    bounded: by('equivalent-bounded'),
    inconclusive: by('inconclusive'),
    interpreterDiffers: differing.length,
    /** Of the mutants the interpreter shows to differ, the share verify calls different. */
    killRate: differing.length ? differing.filter((r) => r.verdict === 'different').length / differing.length : 1,
    unsound: results.filter((r) => r.unsound),
  };
}
