// The question repair asks about one translated block: started from states
// related by the entry mapping, do the source block and the target block end
// in states related by the exit mapping, with the same memory and the same
// branch decision? The formula is true when they differ. It is built with
// whatever semantics the caller gives for the target, so the same code asks
// it of a sketch (holes as variables) and of a plain candidate.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { c, extract, FALSE, load, ne, or, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { InstructionSemantics } from '../ir/semantics.js';
import { componentWidth } from '../ir/state.js';
import { execute, type ExecResult } from '../ir/symexec.js';
import type { BlockTranslation, MappedBits, StateMapping } from '../translate/contract.js';

export class BlockQuestionError extends Error {}

export interface BlockOutput {
  fact: MappedBits;
  src: BV;
  tgt: BV;
}

export interface BlockQuestion {
  differs: BV;
  outputs: BlockOutput[];
  /** The exits' conditions differ (1 bit), when both blocks end in a conditional branch. */
  branchDiffers: BV;
  memDiffers: BV;
}

/** Source component `name` starts as `in.<name>`; the target components the entry mapping names start equal to it. */
function entryValues(srcIsa: Isa, tgtIsa: Isa, entry: StateMapping): Map<string, BV> {
  const out = new Map<string, BV>();
  for (const f of entry.facts) {
    if (f.bits || f.to.kind !== 'reg' || f.to.bits) throw new BlockQuestionError(`repair handles whole-register mappings only (entry fact for ${f.src})`);
    const w = componentWidth(srcIsa, f.src);
    if (componentWidth(tgtIsa, f.to.name) !== w) throw new BlockQuestionError(`${f.src} and ${f.to.name} differ in width`);
    out.set(f.to.name, v(w, `in.${f.src}`));
  }
  return out;
}

function final(r: ExecResult, name: string, initial: (n: string) => BV): BV {
  return r.written.get(name) ?? initial(name);
}

function run(
  isa: Isa,
  instructions: readonly InstructionStatement[],
  semantics: (m: string) => InstructionSemantics | undefined,
  initial: (n: string) => BV,
  mem: Mem,
): ExecResult {
  return execute(instructions, {
    isa,
    semantics,
    initial,
    mem,
    onCall: () => {
      throw new BlockQuestionError('repair does not handle blocks with calls yet');
    },
  });
}

export function blockQuestion(
  srcIsa: Isa,
  tgtIsa: Isa,
  block: BlockTranslation,
  target: readonly InstructionStatement[],
  srcSemantics: (m: string) => InstructionSemantics | undefined,
  tgtSemantics: (m: string) => InstructionSemantics | undefined,
): BlockQuestion {
  const exit = block.exits[0];
  if (!exit) throw new BlockQuestionError('the block has no exit mapping');
  if (block.localLabels?.length) throw new BlockQuestionError('repair does not handle target blocks with internal labels yet');
  const mem: Mem = { op: 'mem0', name: 'mem' };
  const srcInit = (n: string) => v(componentWidth(srcIsa, n), `in.${n}`);
  const mapped = entryValues(srcIsa, tgtIsa, block.entry);
  const tgtInit = (n: string) => mapped.get(n) ?? v(componentWidth(tgtIsa, n), `tgt.${n}`);
  const s = run(srcIsa, block.source, srcSemantics, srcInit, mem);
  const t = run(tgtIsa, target, tgtSemantics, tgtInit, mem);

  const outputs: BlockOutput[] = [];
  let differs: BV = FALSE;
  for (const f of exit.mapping.facts) {
    const whole = final(s, f.src, srcInit);
    const src = f.bits ? extract(f.bits.hi, f.bits.lo, whole) : whole;
    let tgt: BV;
    if (f.to.kind === 'reg') {
      const place = final(t, f.to.name, tgtInit);
      tgt = f.to.bits ? extract(f.to.bits.hi, f.to.bits.lo, place) : place;
    } else if (f.to.kind === 'const') {
      tgt = c(src.w, f.to.value);
    } else {
      throw new BlockQuestionError(`repair does not handle spill slots yet (exit fact for ${f.src})`);
    }
    if (src.w !== tgt.w) throw new BlockQuestionError(`exit fact for ${f.src}: ${src.w} and ${tgt.w} bits`);
    outputs.push({ fact: f, src, tgt });
    differs = or(differs, ne(src, tgt));
  }
  const probe = v(64, 'probe');
  const memDiffers = ne(load(s.mem, probe, 1), load(t.mem, probe, 1));
  let branchDiffers: BV = FALSE;
  const se = s.exit;
  const te = t.exit;
  if (se.kind === 'branch' && te.kind === 'branch') branchDiffers = ne(se.cond, te.cond);
  else if (se.kind === 'branch' || te.kind === 'branch') {
    // One side decides and the other does not: they differ whenever the source would take its branch.
    branchDiffers = se.kind === 'branch' ? se.cond : te.kind === 'branch' ? te.cond : FALSE;
  }
  if (se.kind !== te.kind && !(se.kind === 'branch' || te.kind === 'branch') && !(se.kind === 'fall' && te.kind === 'jump') && !(se.kind === 'jump' && te.kind === 'fall'))
    throw new BlockQuestionError(`the blocks leave differently (${se.kind} and ${te.kind})`);
  return { differs: or(or(differs, memDiffers), branchDiffers), outputs, branchDiffers, memDiffers };
}
