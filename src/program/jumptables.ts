// Recognises the jump tables gcc emits for dense `switch` statements, in all
// three ISAs, from the table data they read:
//   x86-64   leaq .L4(%rip), %rdx ... jmp *%rax     .L4: .long .L7-.L4
//   RISC-V   lla a4,.L4 ... jr a5                    .L4: .word .L7-.L4   (or .dword .L7)
//   AArch64  adrp/add .L4 ... adr x2, .Lrtx4 ... br  .L4: .byte (.L7 - .Lrtx4) / 4
// A table is accepted only when every entry names a label of the same function,
// all entries share one encoding, and a register provably holds the table's
// address (and any base label's) at the jump: gcc often hoists the address out
// of an interpreter loop, so the definition may sit in a dominating block.
// This is pattern evidence, not a proof of the jump's computation; the
// verifier checks that later. Anything else stays unknown, never guessed.
import type { AsmFile, Expr, InstructionStatement, Isa } from '../asm/ast.js';
import { evalConst } from '../asm/expr.js';
import { dataDirectiveSize } from './data.js';
import type { LabelTable } from './labels.js';
import type { BasicBlock, JumpTable, Section } from './model.js';
import { labelAddress, mayWrite, mentionedRoots, pageAddress } from './regflow.js';

interface Entry {
  target: string;
  base?: string;
  scale: number;
}

/** Reads one table entry: `T`, `T-B`, or `(T-B)/k`. */
function readEntry(e: Expr): Entry | undefined {
  if (e.kind === 'sym') return { target: e.name, scale: 1 };
  if (e.kind === 'binary' && e.op === '-' && e.left.kind === 'sym' && e.right.kind === 'sym')
    return { target: e.left.name, base: e.right.name, scale: 1 };
  if (e.kind === 'binary' && e.op === '/') {
    const inner = readEntry(e.left);
    const k = evalConst(e.right);
    if (inner?.base !== undefined && inner.scale === 1 && k !== undefined && [1n, 2n, 4n, 8n].includes(k))
      return { ...inner, scale: Number(k) };
  }
  return undefined;
}

export interface JumpTableContext {
  file: AsmFile;
  isa: Isa;
  sections: Map<string, Section>;
  sectionOf: string[];
  labels: LabelTable;
  /** Block id of each label of the function, by resolved name. */
  blockOfLabel: Map<string, number>;
  blocks: BasicBlock[];
  /**
   * Blocks ending in an indirect jump not (yet) understood: they may lead
   * anywhere, so they count as predecessors of every block.
   */
  unresolved: Set<number>;
}

interface LabelDef {
  block: number;
  /** Position of the defining instruction in the block. */
  pos: number;
  root: string;
  label: string;
}

function instructionAt(ctx: JumpTableContext, index: number): InstructionStatement {
  return ctx.file.statements[index] as InstructionStatement;
}

/** Every instruction of the function that puts a label's address in a register. */
function labelDefinitions(ctx: JumpTableContext): LabelDef[] {
  const defs: LabelDef[] = [];
  for (const b of ctx.blocks) {
    const pages = new Map<string, string>();
    b.instructions.forEach((i, pos) => {
      const ins = instructionAt(ctx, i);
      const def = labelAddress(ctx.isa, ins, (root) => pages.get(root));
      for (const root of [...pages.keys()]) if (mayWrite(ctx.isa, ins, root)) pages.delete(root);
      const page = pageAddress(ctx.isa, ins);
      if (page) pages.set(page.root, ctx.labels.resolve(page.label, i) ?? page.label);
      if (def) defs.push({ block: b.id, pos, root: def.root, label: ctx.labels.resolve(def.label, i) ?? def.label });
    });
  }
  return defs;
}

/**
 * Does the register set by `def` still hold the label's address when the
 * instruction at `usePos` of block `to` reads it? True only when every path
 * from the function's entry to that instruction passes the definition, and
 * no instruction after it on any such path may write the register.
 */
function defReaches(ctx: JumpTableContext, def: LabelDef, to: number, usePos: number, tableTargets: ReadonlySet<number>): boolean {
  const writesIn = (block: number, from: number, until: number): boolean => {
    const ins = ctx.blocks[block]!.instructions;
    for (let k = from; k < until; k++) if (mayWrite(ctx.isa, instructionAt(ctx, ins[k]!), def.root)) return true;
    return false;
  };
  if (def.block === to && def.pos < usePos) return !writesIn(to, def.pos + 1, usePos);
  if (writesIn(to, 0, usePos)) return false;
  const seen = new Set<number>([to]);
  const work = [to];
  while (work.length) {
    const b = work.pop()!;
    if (b === 0) return false; // reached the entry without passing the definition
    // The table's own targets are reached from the dispatch (a loop, in an
    // interpreter); a block nothing reaches is dead and lies on no path.
    const preds = new Set([...ctx.blocks[b]!.predecessors, ...ctx.unresolved]);
    if (tableTargets.has(b)) preds.add(to);
    for (const p of preds) {
      if (p === def.block) {
        const n = ctx.blocks[p]!.instructions.length;
        if (writesIn(p, def.pos + 1, n)) return false;
        continue;
      }
      if (seen.has(p)) continue;
      seen.add(p);
      if (writesIn(p, 0, ctx.blocks[p]!.instructions.length)) return false;
      work.push(p);
    }
  }
  return true;
}

/**
 * Tries to read a jump table for the block ending in an indirect jump. The
 * evidence required: an instruction of the dispatching block that reads a
 * register provably holding the table's address (see defReaches), well-formed table
 * data whose entries all name blocks of this function, and for tables of
 * offsets from another base label (AArch64 `.Lrtx`), that base's address
 * held the same way. Returns the table, or why none was recognised.
 */
export function recognizeJumpTable(
  ctx: JumpTableContext,
  dispatch: BasicBlock,
): Omit<JumpTable, 'id' | 'dispatchBlock'> | { reason: string } {
  const jumpAt = dispatch.instructions[dispatch.instructions.length - 1]!;
  const uses = dispatch.instructions.map((i) => mentionedRoots(ctx.isa, instructionAt(ctx, i)));
  const defs = labelDefinitions(ctx);
  // Some instruction of the dispatching block reads a register holding the label's address.
  const holds = (label: string, targets: ReadonlySet<number>): boolean =>
    defs.some(
      (d) => d.label === label && uses.some((roots, pos) => roots.has(d.root) && defReaches(ctx, d, dispatch.id, pos, targets)),
    );
  let sawTableData = false;
  for (const def of defs) {
    const at = ctx.labels.index.get(def.label);
    if (at === undefined || ctx.sections.get(ctx.sectionOf[at]!)?.executable) continue;
    const table = readTable(ctx, def.label, at, ctx.sectionOf[at]!, jumpAt);
    if (!table) continue;
    sawTableData = true;
    const targets = new Set(table.targets);
    if (!holds(def.label, targets)) continue;
    if (table.encoding.kind === 'relative' && table.encoding.base !== def.label && !holds(table.encoding.base, targets)) continue;
    return table;
  }
  return {
    reason: sawTableData
      ? 'indirect jump near table data, but no register provably holds the table address where the jump reads it'
      : 'indirect jump whose targets are not a recognised jump table',
  };
}

function readTable(
  ctx: JumpTableContext,
  label: string,
  labelAt: number,
  section: string,
  jumpAt: number,
): Omit<JumpTable, 'id' | 'dispatchBlock'> | undefined {
  const stmts = ctx.sections.get(section)!.statements;
  let k = stmts.indexOf(labelAt) + 1;
  const entries: Entry[] = [];
  const dataStatements: number[] = [];
  let entrySize: number | undefined;
  for (; k < stmts.length; k++) {
    const st = ctx.file.statements[stmts[k]!]!;
    if (st.kind !== 'directive') break;
    const size = dataDirectiveSize(st.name, ctx.isa);
    if (size === undefined) break;
    if (entrySize !== undefined && size !== entrySize) return undefined;
    entrySize = size;
    for (const a of st.args) {
      if (a.kind !== 'expr') return undefined;
      const e = readEntry(a.expr);
      if (!e) return undefined;
      entries.push(e);
    }
    dataStatements.push(stmts[k]!);
  }
  if (entries.length === 0 || entrySize === undefined) return undefined;

  const first = entries[0]!;
  const targets: number[] = [];
  for (const e of entries) {
    if (e.base !== first.base || e.scale !== first.scale) return undefined;
    const resolved = ctx.labels.resolve(e.target, jumpAt);
    const block = resolved !== undefined ? ctx.blockOfLabel.get(resolved) : undefined;
    if (block === undefined) return undefined;
    targets.push(block);
  }
  const encoding =
    first.base === undefined
      ? ({ kind: 'absolute' } as const)
      : ({ kind: 'relative', base: first.base, scale: first.scale } as const);
  return { label, section, entrySize, encoding, targets, dataStatements };
}
