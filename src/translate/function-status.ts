// Function statuses for the translate command: after every block of the
// program is verified (and repaired), liftFunction composes each function's
// block results along its CFG. Which arguments each translated function
// reads comes from one interprocedural liveness over the source, so a call
// between translated functions is checked to pass what its callee reads.
// Lifting only labels: it never changes the emitted code.
import type { AsmProgram } from '../program/model.js';
import type { BlockStatus, BlockTranslation, StateMapping } from './contract.js';
import { entryLiveness } from '../verify/block-lift-liveness.js';
import { liftFunction, type FunctionLift } from '../verify/block-lift.js';
import type { FunctionRun, ReportedStatus } from './run.js';

/** A block the verifier did not check (its error) counts as refused for the lift. */
function asBlockStatus(s: ReportedStatus): BlockStatus {
  return s.status === 'unverified' ? { status: 'refused', reason: s.why } : s;
}

/** The mappings at each function's returns, and at the returns of the translated functions it tail-calls directly. */
function returnMappings(functions: FunctionRun[]): Map<string, StateMapping[]> {
  const own = new Map<string, { returns: StateMapping[]; tails: string[] }>();
  for (const f of functions) {
    if (f.result.kind !== 'translated') continue;
    const exits = f.blocks.flatMap((b) => b.block.translation.exits);
    own.set(f.result.name, { returns: exits.filter((e) => e.kind === 'return').map((e) => e.mapping), tails: exits.flatMap((e) => (e.kind === 'tail-call' && !e.indirect && e.label ? [e.label] : [])) });
  }
  const out = new Map<string, StateMapping[]>();
  for (const name of own.keys()) {
    const seen = new Set<string>();
    const todo = [name];
    const all: StateMapping[] = [];
    while (todo.length) {
      const n = todo.pop()!;
      const o = own.get(n);
      if (!o || seen.has(n)) continue;
      seen.add(n);
      all.push(...o.returns);
      todo.push(...o.tails);
    }
    out.set(name, all);
  }
  return out;
}

export function liftFunctions(program: AsmProgram, functions: FunctionRun[]): Map<FunctionRun, FunctionLift> {
  const out = new Map<FunctionRun, FunctionLift>();
  const translated = functions.flatMap((f) => {
    const fn = f.result.kind === 'translated' ? program.functions.find((x) => x.name === f.result.name) : undefined;
    return fn ? [{ f, fn, translations: new Map<number, BlockTranslation>(f.blocks.map((b) => [b.block.translation.blockId, b.block.translation])) }] : [];
  });
  const callees = entryLiveness('aarch64', 'riscv64', program, translated.map(({ fn, translations }) => ({ fn, translations, results: ['x0'] })));
  const calleeReturns = returnMappings(functions);
  for (const { f, fn } of translated) {
    const blocks = f.blocks.map((b) => ({ translation: b.block.translation, status: asBlockStatus(b.status) }));
    try {
      out.set(f, liftFunction({ srcIsa: 'aarch64', tgtIsa: 'riscv64', program, fn, blocks, callees, calleeReturns }));
    } catch (e) {
      const counts = { proven: 0, tested: 0, refuted: 0, refused: 0 };
      const problem = `internal: the lift failed: ${(e as Error).message}`;
      out.set(f, { status: 'refused', problems: [problem], composition: [problem], counts });
    }
  }
  return out;
}
