// The question repair asks about one translated block: started from states
// related by the entry mapping, do the source block and the target block keep
// every promise of the translation (exit mappings, spill slots, calls, memory
// outside the private areas, the way out)? The formula is true when they do
// not, under the block verifier's layout assumptions. It is assembled from
// the block verifier's own pieces (entry state, call models, path runner,
// obligations), with whatever semantics the caller gives for the target, so
// the same code asks it of a sketch (holes as variables) and of a candidate.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { and, FALSE, load, ne, not, or, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { InstructionSemantics } from '../ir/semantics.js';
import { conventionFor } from '../abi/conventions.js';
import type { BlockTranslation } from '../translate/contract.js';
import { layoutAssumptions } from '../verify/block-assume.js';
import { callModels } from '../verify/block-calls.js';
import { memoryAccesses, runSide, type SidePath } from '../verify/block-exec.js';
import { buildObligations, inPrivate, MissingPromise } from '../verify/block-obligations.js';
import { BadRequest, entryState } from '../verify/block-state.js';

export class BlockQuestionError extends Error {}

/** The variable address at which a memory promise compares the two memories. */
export const PROBE = 'probe';

/** One promise of the translation, and when (at the counterexample) it is broken. */
export interface BlockOutput {
  what: string;
  /** 1 when the promise is broken. */
  broken: BV;
  /** What the promise is about on the target: a register (canonical name), memory, or the way out. */
  about: { kind: 'reg'; name: string } | { kind: 'memory' } | { kind: 'exit' };
  /** For a memory promise: both final memories (`broken` compares them at the address `probe`). */
  mems?: { src: Mem; tgt: Mem };
}

export interface BlockQuestion {
  differs: BV;
  outputs: BlockOutput[];
}

function about(what: string, isMem: boolean): BlockOutput['about'] {
  if (isMem) return { kind: 'memory' };
  const reg = /-> ([xf]\d+)(\[\d+:\d+\])?$/.exec(what);
  if (reg) return { kind: 'reg', name: reg[1]! };
  if (/-> \S+\+\d+\(\d+\)/.test(what) || /memory/.test(what)) return { kind: 'memory' };
  return { kind: 'exit' };
}

function roots(paths: SidePath[]) {
  return paths.flatMap((p) => [p.cond, p.final.mem, ...p.written.values(), ...(p.exit.kind === 'return' ? [p.exit.via] : []), ...p.calls.map((cs) => cs.before.mem)]);
}

export function blockQuestion(
  srcIsa: Isa,
  tgtIsa: Isa,
  block: BlockTranslation,
  target: readonly InstructionStatement[],
  srcSemantics: (m: string) => InstructionSemantics | undefined,
  tgtSemantics: (m: string) => InstructionSemantics | undefined,
  privateAreas: ReadonlyMap<string, number> = new Map(),
): BlockQuestion {
  if (!block.exits.length) throw new BlockQuestionError('the block has no exit mapping');
  try {
    const entry = entryState(srcIsa, tgtIsa, block.entry, privateAreas);
    const models = callModels(srcIsa, tgtIsa, block.calls, privateAreas);
    const localLabels = new Map((block.localLabels ?? []).map((l) => [l.name, l.before] as const));
    for (const at of localLabels.values()) if (at > target.length) throw new BlockQuestionError('a local label lies outside the target');
    const source = runSide({ isa: srcIsa, instructions: block.source, semantics: srcSemantics, localLabels: new Map(), initial: entry.srcInitial, mem: entry.srcMem, call: models.source });
    const tgt = runSide({ isa: tgtIsa, instructions: target, semantics: tgtSemantics, localLabels, initial: entry.tgtInitial, mem: entry.tgtMem, call: models.target });
    if (source.length > 2) throw new BlockQuestionError(`the source is not one basic block (${source.length} paths)`);
    const accesses = memoryAccesses(roots(source));
    const set = buildObligations({ srcIsa, tgtIsa, block }, source, tgt, privateAreas, accesses);
    const layout = layoutAssumptions({
      stackPointers: [entry.srcInitial(conventionFor(srcIsa).stackPointer), entry.tgtInitial(conventionFor(tgtIsa).stackPointer)],
      accesses: [...accesses, ...memoryAccesses(roots(tgt))],
      roots: set.obligations.flatMap((ob) => (ob.kind === 'eq' ? [ob.guard, ob.lhs, ob.rhs] : [ob.guard])),
      privateAreas,
    });
    const probe = v(64, PROBE);
    const outputs: BlockOutput[] = set.obligations.map((ob) => ({
      what: ob.what,
      broken:
        ob.kind === 'eq'
          ? and(ob.guard, ne(ob.lhs, ob.rhs))
          : and(ob.guard, and(not(inPrivate(probe, privateAreas)), ne(load(ob.src, probe, 1), load(ob.tgt, probe, 1)))),
      about: about(ob.what, ob.kind === 'mem'),
      ...(ob.kind === 'mem' ? { mems: { src: ob.src, tgt: ob.tgt } } : {}),
    }));
    let broken: BV = FALSE;
    for (const o of outputs) broken = or(broken, o.broken);
    let assumed: BV = not(FALSE);
    for (const a of [...set.assumptions, ...layout]) assumed = and(assumed, a);
    return { differs: and(assumed, broken), outputs };
  } catch (e) {
    if (e instanceof BadRequest || e instanceof MissingPromise) throw new BlockQuestionError(e.message);
    throw e;
  }
}
