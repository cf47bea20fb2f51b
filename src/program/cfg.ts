// Splits a function into basic blocks and links them. A block starts at a
// label or after an instruction that leaves (jump, branch, return, indirect
// jump, trap); calls stay inside blocks. Every edge either names a block of
// the function or says plainly that control leaves it.
import type { AsmFile, Expr, InstructionStatement, Isa } from '../asm/ast.js';
import type { IsaDescription } from '../isa/types.js';
import type { FunctionExtent } from './functions.js';
import { recognizeJumpTable } from './jumptables.js';
import type { LabelTable } from './labels.js';
import type { BasicBlock, Edge, JumpTable, Section } from './model.js';

/** C library functions that never return: a call to them may end a function. */
const NORETURN = new Set(['abort', 'exit', '_exit', '_Exit', '__stack_chk_fail', '__assert_fail', 'longjmp', '__longjmp_chk', 'siglongjmp', 'quick_exit', 'pthread_exit']);

export interface CfgContext {
  file: AsmFile;
  isa: Isa;
  desc: IsaDescription;
  labels: LabelTable;
  sections: Map<string, Section>;
  sectionOf: string[];
}

export interface FunctionCfg {
  blocks: BasicBlock[];
  jumpTables: JumpTable[];
  callees: string[];
}

function targetName(ctx: CfgContext, target: Expr | undefined, at: number): string | undefined {
  let e = target;
  // `call printf@plt` and `call f@PLT` name `f`.
  if (e?.kind === 'reloc' && e.style === 'at') e = e.arg;
  if (e?.kind !== 'sym') return undefined;
  return ctx.labels.resolve(e.name, at) ?? e.name;
}

export function buildCfg(ctx: CfgContext, fn: FunctionExtent): FunctionCfg {
  const blocks: BasicBlock[] = [];
  const callees = new Set<string>();
  let current: BasicBlock | undefined;
  let ended = true;

  const newBlock = (): BasicBlock => {
    const b: BasicBlock = {
      id: blocks.length,
      labels: [],
      instructions: [],
      terminator: 'fallthrough',
      successors: [],
      predecessors: [],
      exit: { kind: 'edges' },
    };
    blocks.push(b);
    return b;
  };

  // Blocks that start a cold part: nothing falls through into them.
  const partStarts = new Set<number>();
  const parts = [fn, ...fn.coldParts];
  const statements = parts.flatMap((part, k) => {
    // Labels after a part's last instruction (gcc's `.LFE3:`) mark its end
    // address; they start no block.
    let lastInstruction = -1;
    part.statements.forEach((i, n) => {
      if (ctx.file.statements[i]!.kind === 'instruction') lastInstruction = n;
    });
    return part.statements
      .filter((i, n) => n <= lastInstruction || i === part.labelAt)
      .map((i) => ({ i, partStart: k > 0 && i === part.labelAt }));
  });
  for (const { i, partStart } of statements) {
    const st = ctx.file.statements[i]!;
    if (partStart) {
      current = newBlock();
      partStarts.add(current.id);
      current.labels.push(st.kind === 'label' ? st.name : '');
      ended = false;
      continue;
    }
    if (st.kind === 'label') {
      if (i === fn.labelAt) continue;
      if (!current || current.instructions.length > 0) current = newBlock();
      current.labels.push(ctx.labels.nameAt.get(i) ?? st.name);
      ended = false;
    } else if (st.kind === 'instruction') {
      if (!current || ended) current = newBlock();
      ended = false;
      current.instructions.push(i);
      const control = ctx.desc.control(st);
      const flow = control.kind;
      current.terminator = flow;
      if (flow !== 'fallthrough' && flow !== 'call' && flow !== 'indirect-call') ended = true;
      if (flow === 'call') {
        const callee = targetName(ctx, control.target, i);
        if (callee) callees.add(callee);
      }
    }
  }

  const blockOfLabel = new Map<string, number>();
  for (const b of blocks) for (const l of b.labels) blockOfLabel.set(l, b.id);

  const jumpTables: JumpTable[] = [];
  const link = (b: BasicBlock, edge: Edge): void => {
    b.successors.push(edge);
    if ('block' in edge.to) blocks[edge.to.block]!.predecessors.push(b.id);
  };
  const toLabel = (name: string | undefined): Edge['to'] | undefined => {
    if (name === undefined) return undefined;
    const block = blockOfLabel.get(name);
    return block !== undefined ? { block } : { external: name };
  };

  const indirect: BasicBlock[] = [];
  for (const b of blocks) {
    const lastIndex = b.instructions[b.instructions.length - 1];
    const after = blocks[b.id + 1];
    const next = after && !partStarts.has(after.id) ? after : undefined;
    const fallthrough = (kind: Edge['kind']): void => {
      if (next) link(b, { kind, to: { block: next.id } });
      else b.exit = { kind: 'falls-off-end' };
    };
    if (lastIndex === undefined) {
      // A label with no instruction after it: control passes to the next block.
      fallthrough('fallthrough');
      continue;
    }
    const last = ctx.file.statements[lastIndex] as InstructionStatement;
    const control = ctx.desc.control(last);
    const target = toLabel(targetName(ctx, control.target, lastIndex));
    switch (control.kind) {
      case 'fallthrough':
      case 'indirect-call':
        fallthrough('fallthrough');
        break;
      case 'call': {
        const callee = targetName(ctx, control.target, lastIndex);
        if (!next && callee && NORETURN.has(callee)) b.exit = { kind: 'trap' };
        else fallthrough('fallthrough');
        break;
      }
      case 'jump':
      case 'tail-call':
        if (!target) b.exit = { kind: 'unknown-indirect', reason: 'jump target is not a plain label' };
        else link(b, { kind: 'block' in target ? 'jump' : 'tail-call', to: target });
        break;
      case 'branch':
        if (!target) b.exit = { kind: 'unknown-indirect', reason: 'branch target is not a plain label' };
        else link(b, { kind: 'block' in target ? 'taken' : 'tail-call', to: target });
        fallthrough('not-taken');
        break;
      case 'return':
        b.exit = { kind: 'return' };
        break;
      case 'trap':
        b.exit = { kind: 'trap' };
        break;
      case 'indirect-jump':
        indirect.push(b);
        break;
    }
  }

  // Indirect jumps last, once every direct edge is known: recognising a
  // table needs the predecessors of the dispatching block. Each unresolved
  // indirect jump counts as a possible predecessor of every block.
  const unresolved = new Set(indirect.map((b) => b.id));
  for (const b of indirect) {
    unresolved.delete(b.id);
    const found = recognizeJumpTable({ ...ctx, blockOfLabel, blocks, unresolved }, b);
    if ('reason' in found) {
      b.exit = { kind: 'unknown-indirect', reason: found.reason };
      unresolved.add(b.id);
    } else {
      const table: JumpTable = { id: jumpTables.length, dispatchBlock: b.id, ...found };
      jumpTables.push(table);
      b.exit = { kind: 'jump-table', table: table.id };
      for (const t of new Set(found.targets)) link(b, { kind: 'jump-table', to: { block: t } });
    }
  }
  return { blocks, jumpTables, callees: [...callees] };
}
