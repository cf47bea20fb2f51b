// Translates one AArch64 function block by block: liveness first, then one
// BlockLowerer per block driving the lowering rules instruction by
// instruction, then the state mappings each block promises at its entry and
// exits. Any refusal refuses the whole function (never a partial one).
import type { InstructionStatement } from '../asm/ast.js';
import { printExpr } from '../asm/expr.js';
import { formatLocation } from './location.js';
import { BlockLowerer, MissingVectorSlot, RefusedError, type BlockFacts, type CallArguments, type LowerEnv } from '../guess/context.js';
import { lowerInstruction } from '../guess/rules/index.js';
import { fpRules } from '../guess/rules/fp.js';
import { neonRules } from '../guess/rules/neon.js';
import { gprOf } from '../isa/aarch64/semantics/operands.js';
import type { AsmFunction, AsmProgram, BasicBlock, JumpTable } from '../program/model.js';
import type { BlockTranslation, CallPromise, ExitPromise, StateMapping } from './contract.js';
import { entryAddresses, frameEscapes, indirectTailCallProblem, transferAddresses } from './addresses.js';
import { lowerIndirectTailCall } from '../guess/rules/flow.js';
import { isaDescription } from '../isa/index.js';
import { addressTakenLabels } from '../program/regflow.js';
import { FORMAT_PARAM } from '../abi/libc.js';
import { argumentListOf, formatArguments, runtimeRouteOf } from '../guess/rules/calls.js';
import type { FpInterproc } from './interproc.js';
import { bitsRead, FLAGS, functionLiveness } from './liveness.js';
import { mappingFor } from './mapping.js';
import type { RegisterMap } from './regmap.js';

export interface TranslatedBlock {
  translation: BlockTranslation;
  /** Target assembly lines (instructions and translator-local labels). */
  lines: string[];
  /** Index of the block's first statement (label or instruction) in the source file. */
  firstInstruction: number | undefined;
}

export type FunctionResult =
  | { kind: 'translated'; name: string; blocks: TranslatedBlock[]; jumpTables: JumpTable[] }
  | { kind: 'refused'; name: string; reason: string; location: string };

export interface FunctionEnv {
  program: AsmProgram;
  map: RegisterMap;
  labelCounter: { n: number };
  isLocalFunction(name: string): boolean;
  /** Output name of a label (numeric labels resolved and renamed). */
  outputLabel(name: string, at: number): string;
  prototype: LowerEnv['prototype'];
  stringAt: LowerEnv['stringAt'];
  callbackWrapper: LowerEnv['callbackWrapper'];
  singleOnly: LowerEnv['singleOnly'];
  fp: FpInterproc;
  /** Registers each local function may change (see callClobbers). */
  clobbers: Map<string, Set<number>>;
  /** Functions whose address is taken (they may be called from C library code). */
  escapes: Set<string>;
}

const TERMINATORS = new Set(['jump', 'branch', 'return', 'indirect-jump', 'tail-call', 'trap']);

export function translateFunction(fn: AsmFunction, env: FunctionEnv): FunctionResult {
  const vectors = vectorRegisters(fn, env.program);
  for (;;) {
    try {
      return translateWithVectors(fn, env, vectors);
    } catch (e) {
      // A rule wanted a register as a whole vector that the scan did not see as one: put it in its slot and start over.
      if (e instanceof MissingVectorSlot && !vectors.has(e.n) && env.map.vectorSlotOffset(e.n) !== undefined) {
        vectors.add(e.n);
        continue;
      }
      throw e;
    }
  }
}

function translateWithVectors(fn: AsmFunction, env: FunctionEnv, vectors: Set<number>): FunctionResult {
  const { program } = env;
  const st = program.file.statements;
  let current: InstructionStatement | undefined;
  try {
    const escapes = frameEscapes(program, fn);
    const addressesIn = entryAddresses(program, fn, env.isLocalFunction, env.clobbers, escapes);
    const live = functionLiveness(program, fn, env.isLocalFunction, env.fp.fpArgs, env.fp.writes.get(fn.name));
    const blockLabels = new Set(fn.blocks.flatMap((b) => b.labels));
    const singleViews = singleViewRegisters(fn, program);
    const singles = singleOnlyRegisters(fn, program);
    const fnMap = env.map.forFunction(vectors);
    const tailCalls = indirectTailCalls(fn, env, (ins) => (current = ins));
    const blocks: TranslatedBlock[] = [];
    for (const block of fn.blocks) {
      const bi = block.id;
      const liveAfter = live.liveAfter[bi]!;
      const facts: BlockFacts = {
        flagsLiveAfter: liveAfter.map((s) => s.has(FLAGS)),
        flagsLiveIn: live.liveIn[bi]!.has(FLAGS),
        flagsLiveOut: live.liveOut[bi]!.has(FLAGS),
        liveAfter,
      };
      let at = block.instructions[0] ?? fn.labelAt;
      const lowerEnv: LowerEnv = {
        label: (name) => env.outputLabel(name, at),
        isBlockLabel: (name) => blockLabels.has(program.labels.resolve(name, at) ?? name),
        isLocalFunction: env.isLocalFunction,
        prototype: env.prototype,
        stringAt: env.stringAt,
        callbackWrapper: env.callbackWrapper,
        singleOnly: env.singleOnly,
        callClobbers: (name) => env.clobbers.get(name),
        fpWrites: (name) => env.fp.writes.get(name),
      };
      const ctx = new BlockLowerer(fnMap, facts, env.labelCounter, fn.name, lowerEnv);
      // Only addresses are carried into a block (calls need them to place arguments); a page known from
      // another block is not used to shorten :lo12: accesses, because the block's entry mapping cannot state it.
      const addresses = new Map(addressesIn[bi]!);
      if (bi === 0) {
        ctx.begin(0);
        ctx.functionEntry(new Set([...(env.fp.argUses.get(fn.name) ?? [])].map((n) => `v${n}`)));
      }
      ctx.signExtendReturn = env.escapes.has(fn.name) && returnsWord(fn, block, program);
      const jt = fn.jumpTables.find((t) => t.dispatchBlock === bi);
      const steps: number[] = [];
      const prelude = ctx.lines.length;
      const calls: CallPromise[] = [];
      const source: InstructionStatement[] = [];
      const n = block.instructions.length;
      let dispatchFrom = jt ? jumpTableLoadIndex(block, program, jt) : n;
      for (let i = 0; i < n; i++) {
        at = block.instructions[i]!;
        const ins = st[at] as InstructionStatement;
        current = ins;
        source.push(ins);
        ctx.begin(i);
        // The address facts that hold before this instruction (the rules add what they learn within it).
        ctx.knownAddress.clear();
        ctx.pageFacts.clear();
        ctx.knownAddressSets.clear();
        for (const [r, f] of addresses) {
          if (typeof r !== 'number') continue;
          if (f.kind === 'one-of') ctx.knownAddressSets.set(r, f.syms);
          else (f.kind === 'addr' ? ctx.knownAddress : ctx.pageFacts).set(r, f.sym);
        }
        transferAddresses(addresses, ins, env.isLocalFunction, env.clobbers, escapes);
        const before = ctx.lines.length;
        const isTerminator = i === n - 1 && TERMINATORS.has(block.terminator);
        if (isTerminator || i === dispatchFrom) endOfBlock(ctx, facts, live.liveOut[bi]!);
        if (jt && i >= dispatchFrom) {
          if (i === dispatchFrom) lowerJumpTable(ins, jt, ctx, env, at);
          else ctx.rule('jump-table');
        } else if (i === n - 1 && tailCalls.has(bi)) {
          lowerIndirectTailCall(ins, ctx);
        } else {
          ctx.callArguments = undefined;
          lowerInstruction(ins, ctx);
        }
        steps.push(ctx.lines.length - before + (i === 0 ? prelude : 0));
        if (ins.mnemonic === 'bl' || ins.mnemonic === 'blr') {
          const op = ins.operands[0];
          const callee = op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name : '<indirect>';
          const liveBefore = i === 0 ? live.liveIn[bi]! : liveAfter[i - 1]!;
          const before = mappingFor(liveBefore, fnMap, singleViews, true, singles, ctx.lastCallSingles);
          const variadic = ctx.callArguments && argumentListOf(ctx.callArguments);
          calls.push({
            callee,
            external: ins.mnemonic === 'bl' && !env.isLocalFunction(callee),
            before: ctx.callArguments ? withArguments(before, ctx.callArguments) : before,
            after: afterCall(liveAfter[i]!, fnMap, singleViews, singles, ins.mnemonic === 'bl' && env.isLocalFunction(callee) ? env.fp.writes.get(callee) : undefined),
            ...(variadic ? { variadic } : {}),
            ...(runtimeRouteOf(ctx.callArguments) ? { runtime: runtimeRouteOf(ctx.callArguments)! } : {}),
          });
        }
      }
      if (n === 0 || !TERMINATORS.has(block.terminator)) {
        const before = ctx.lines.length;
        endOfBlock(ctx, facts, live.liveOut[bi]!);
        if (steps.length) steps[steps.length - 1]! += ctx.lines.length - before;
      }
      const exits = exitPromises(block, fn, live.liveIn, live.liveOut[bi]!, fnMap, singleViews, singles, program);
      // An external tail call passes its arguments as adaptExternalCall placed them.
      // (`b printf` is a jump by its instruction; the CFG edge says it leaves the function.)
      const tailArgs = block.successors.some((e) => e.kind === 'tail-call') ? ctx.callArguments : undefined;
      if (tailArgs) for (const e of exits) if (e.kind === 'tail-call') e.mapping = withArguments(e.mapping, tailArgs);
      // A tail call through a register hands over like a call: FP arguments in fa0-fa7, as beforeCall placed them.
      if (tailCalls.has(bi)) exits.push({ kind: 'tail-call', indirect: true, mapping: mappingFor(live.liveOut[bi]!, fnMap, singleViews, true, singles, ctx.lastCallSingles) });
      const localLabels: { name: string; before: number }[] = [];
      let count = 0;
      for (const line of ctx.lines) {
        if (line.endsWith(':')) localLabels.push({ name: line.slice(0, -1), before: count });
        else count++;
      }
      blocks.push({
        translation: {
          blockId: bi,
          labels: block.labels.map((l) => env.outputLabel(l, at)),
          source,
          target: [],
          ...(localLabels.length ? { localLabels } : {}),
          // At function entry FP arguments are still in fa0-fa7 (the prelude copies them to slots).
          // Single-only FP arguments arrive NaN-boxed (LP64D, and beforeCall of local callers).
          entry: mappingFor(live.liveIn[bi]!, fnMap, bi === 0 ? entrySingleViews(fn, program, singleViews) : singleViews, bi === 0, singles, singles),
          calls,
          exits,
          ...(localLabels.length ? {} : { sourceSteps: steps }),
          rules: [...ctx.rulesUsed],
        },
        lines: ctx.lines,
        firstInstruction: block.instructions[0],
      });
      dispatchFrom = n;
    }
    return { kind: 'translated', name: fn.name, blocks, jumpTables: fn.jumpTables };
  } catch (e) {
    if (e instanceof MissingVectorSlot) throw e;
    if (e instanceof RefusedError) {
      return {
        kind: 'refused',
        name: fn.name,
        reason: current ? `${e.reason} (in '${current.mnemonic}')` : e.reason,
        location: formatLocation(program.file.fileName, current?.span ?? fn.span),
      };
    }
    throw e;
  }
}

/**
 * The FP registers each printf-style call reads, from its constant format
 * (named float parameters first, then one d register per floating-point
 * conversion): without this every v0-v7 would look live before such a call.
 * Calls whose format is not known here keep the conservative answer (all eight).
 */
export function formatFpArguments(
  fn: AsmFunction,
  env: Pick<FunctionEnv, 'program' | 'isLocalFunction' | 'prototype' | 'stringAt' | 'clobbers'>,
  out: Map<InstructionStatement, string[]>,
): void {
  const escapes = frameEscapes(env.program, fn);
  const addressesIn = entryAddresses(env.program, fn, env.isLocalFunction, env.clobbers, escapes);
  const st = env.program.file.statements;
  for (const block of fn.blocks) {
    const state = new Map(addressesIn[block.id]!);
    for (const k of block.instructions) {
      const ins = st[k] as InstructionStatement;
      const op = ins.operands[0];
      const callee = ins.mnemonic === 'bl' && op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name : undefined;
      const proto = callee && !env.isLocalFunction(callee) ? env.prototype(callee) : undefined;
      const fmtIndex = callee ? FORMAT_PARAM.get(callee) : undefined;
      if (proto?.variadic && fmtIndex !== undefined) {
        const fact = state.get(fmtIndex);
        const labels = fact?.kind === 'addr' ? [fact.sym] : fact?.kind === 'one-of' ? fact.syms : [];
        const counts = labels.map((l) => {
          const f = env.stringAt(l);
          const args = f === undefined ? undefined : formatArguments(f);
          return args?.filter((a) => a.kind === 'double').length;
        });
        if (counts.length && counts.every((c) => c !== undefined && c === counts[0])) {
          const named = proto.params.filter((p) => p.kind === 'float').length;
          out.set(ins, Array.from({ length: Math.min(8, named + counts[0]!) }, (_, n) => `v${n}`));
        }
      }
      transferAddresses(state, ins, env.isLocalFunction, env.clobbers, escapes);
    }
  }
}

const ARGUMENT_REGS = new Set([...Array.from({ length: 8 }, (_, k) => `x${k}`), ...Array.from({ length: 8 }, (_, k) => `v${k}`)]);

/**
 * The mapping just before an external call: argument registers are claimed
 * exactly as the call placed them for the target ABI (the liveness model
 * treats all of x0-x7 as read by any call, which claims too much: a narrow
 * int is sign-extended, an unused register holds anything); the rest of the
 * live state as usual.
 */
function withArguments(m: StateMapping, args: CallArguments): StateMapping {
  const facts = [...m.facts.filter((f) => !ARGUMENT_REGS.has(f.src)), ...args.facts];
  const targetOnly = [...(m.targetOnly ?? []), ...args.targetOnly];
  return targetOnly.length ? { facts, targetOnly } : { facts };
}

/**
 * The blocks ending in a `br` that is a tail call: not a recognised jump
 * table, the frame torn down (indirectTailCallProblem), and no label of the
 * function used as an address (else the register might hold one: a computed
 * goto, which is no call). Any other `br` refuses the function with the reason.
 */
function indirectTailCalls(fn: AsmFunction, env: FunctionEnv, at: (ins: InstructionStatement) => void): Set<number> {
  const { program } = env;
  const st = program.file.statements;
  const out = new Set<number>();
  let taken: Set<string> | undefined;
  for (const b of fn.blocks) {
    if (b.exit.kind !== 'unknown-indirect' || b.terminator !== 'indirect-jump') continue;
    const last = st[b.instructions[b.instructions.length - 1]!] as InstructionStatement;
    if (last.mnemonic !== 'br') continue;
    taken ??= addressTakenLabels(st, (ins) => isaDescription('aarch64').control(ins), (name, k) => program.labels.resolve(name, k));
    const label = fn.blocks.flatMap((x) => x.labels).find((l) => taken!.has(l));
    const why = label !== undefined ? `the address of label '${label}' is taken (a computed goto may jump there)` : indirectTailCallProblem(program, fn, b.id, env.isLocalFunction);
    if (why) {
      at(last);
      throw new RefusedError(`an indirect jump that is neither a jump table (${b.exit.reason}) nor a tail call (${why})`);
    }
    out.add(b.id);
  }
  return out;
}

/**
 * The mapping just after a call. FP results come back in fa0-fa3 and the
 * lowering copies them to the slots of slot-held v registers the callee may
 * change (afterCall); a slot-held v register a local callee never writes
 * (`unchanged`: its FP write set) is not copied, so it is claimed in its
 * slot, which the call leaves alone.
 */
function afterCall(live: Set<string>, map: RegisterMap, singleViews: Set<number>, singles: Set<number>, writes: Set<number> | undefined): StateMapping {
  const atCall = mappingFor(live, map, singleViews, true, singles);
  if (!writes) return atCall;
  const kept = new Set([...live].filter((r) => /^v[0-7]$/.test(r) && map.vectorSlot(Number(r.slice(1))) !== undefined && !writes.has(Number(r.slice(1)))));
  if (!kept.size) return atCall;
  const inSlots = mappingFor(live, map, singleViews, false, singles);
  const facts = [...atCall.facts.filter((f) => !kept.has(f.src)), ...inSlots.facts.filter((f) => kept.has(f.src))];
  const targetOnly = (atCall.targetOnly ?? []).filter((t) => !(t.place.kind === 'reg' && [...kept].some((r) => t.place.kind === 'reg' && t.place.name === `f${10 + Number(r.slice(1))}`)));
  return targetOnly.length ? { facts, targetOnly } : { facts };
}

/** At the end of a block: materialise what successors read (pending pages, flags). */
function endOfBlock(ctx: BlockLowerer, facts: BlockFacts, liveOut: Set<string>): void {
  ctx.materialiseAllPages(liveOut);
  if (facts.flagsLiveOut) ctx.spillFlags();
}

function exitPromises(
  block: BasicBlock,
  fn: AsmFunction,
  liveIn: Set<string>[],
  liveOut: Set<string>,
  map: RegisterMap,
  singleViews: Set<number>,
  singles: Set<number>,
  program: AsmProgram,
): ExitPromise[] {
  const out: ExitPromise[] = [];
  for (const e of block.successors) {
    if ('block' in e.to) {
      const to = fn.blocks[e.to.block]!;
      out.push({ label: to.labels[0], kind: e.kind, mapping: mappingFor(liveIn[e.to.block]!, map, singleViews, false, singles) });
    } else out.push({ kind: 'tail-call', label: e.to.external, mapping: mappingFor(liveOut, map, singleViews, false, singles) });
  }
  // beforeReturn hands single-only results over NaN-boxed.
  if (block.exit.kind === 'return') out.push({ kind: 'return', mapping: mappingFor(liveOut, map, singleViews, true, singles, singles) });
  if (block.exit.kind === 'trap') {
    out.push({ kind: 'trap', mapping: { facts: [] } });
    // A noreturn call (`bl exit`) ending the function: the CFG calls it a trap, but the call's semantics
    // return, so both sides fall off the end there. That point is never reached; it claims nothing.
    const last = block.instructions.length ? (program.file.statements[block.instructions[block.instructions.length - 1]!] as InstructionStatement) : undefined;
    if (last?.mnemonic === 'bl') out.push({ kind: 'fallthrough', mapping: { facts: [] } });
  }
  return out;
}

/** v registers the function uses as whole vectors (q views, arrangements, lists): they live in 16-byte slots. */
export function vectorRegisters(fn: AsmFunction, program: AsmProgram): Set<number> {
  const out = new Set<number>();
  for (const b of fn.blocks) {
    for (const k of b.instructions) {
      const ins = program.file.statements[k] as InstructionStatement;
      // NEON instructions (even on scalar views, `movi d0, #0`) work on the 16-byte slot.
      const neonOnly = neonRules[ins.mnemonic] !== undefined && fpRules[ins.mnemonic] === undefined;
      for (const op of ins.operands) {
        if (op.kind === 'reg' && (/^[qbh]\d+$/.test(op.name) || (neonOnly && /^[sd]\d+$/.test(op.name)))) out.add(Number(op.name.slice(1)));
        else if (op.kind === 'vreg') out.add(Number(op.name.replace(/^v/, '')));
        else if (op.kind === 'vlist') op.regs.forEach((r) => out.add(Number(r.name.replace(/^v/, ''))));
      }
    }
  }
  return out;
}

/** v registers the function uses only through their single-precision view. */
export function singleOnlyRegisters(fn: AsmFunction, program: AsmProgram): Set<number> {
  const singles = singleViewRegisters(fn, program);
  for (const b of fn.blocks) {
    for (const k of b.instructions) {
      const ins = program.file.statements[k] as InstructionStatement;
      for (const op of ins.operands) if (op.kind === 'reg' && /^[dq]\d+$/.test(op.name)) singles.delete(Number(op.name.slice(1)));
    }
  }
  return singles;
}

/** v registers the function reads or writes through their single-precision view. */
function singleViewRegisters(fn: AsmFunction, program: AsmProgram): Set<number> {
  const out = new Set<number>();
  for (const b of fn.blocks) {
    for (const k of b.instructions) {
      const ins = program.file.statements[k] as InstructionStatement;
      for (const op of ins.operands) if (op.kind === 'reg' && /^s\d+$/.test(op.name)) out.add(Number(op.name.slice(1)));
    }
  }
  return out;
}

/**
 * The single-view registers whose value at function entry is still claimed in
 * 32 bits: an FP argument the entry block first reads through its `d` view is
 * a double (the caller passes all 64 bits), even when the function later
 * writes a single into the same register (`fcvt s0, d0`).
 */
function entrySingleViews(fn: AsmFunction, program: AsmProgram, singleViews: Set<number>): Set<number> {
  const out = new Set(singleViews);
  const first = fn.blocks[0];
  if (!first) return out;
  const decided = new Set<number>();
  for (const k of first.instructions) {
    const ins = program.file.statements[k] as InstructionStatement;
    const named = new Set<number>();
    for (const op of ins.operands) if (op.kind === 'reg' && /^[bhsdq]\d+$/.test(op.name)) named.add(Number(op.name.slice(1)));
    // A read of more than the low 32 bits is a double (`fcvt s0, d0`; `fcvt d0, s0` reads a single).
    for (const n of named) if (!decided.has(n) && bitsRead(ins, `v${n}`) > 32) out.delete(n);
    // Every v register this instruction names is decided by its first mention.
    for (const op of ins.operands) if (op.kind === 'reg' && /^[bhsdq]\d+$/.test(op.name)) decided.add(Number(op.name.slice(1)));
    for (const op of ins.operands) if (op.kind === 'vreg') decided.add(Number(op.name.replace(/^v/, '')));
  }
  return out;
}

/**
 * Whether the value a return block returns was last written as a `w` register
 * (a 32-bit result): then a caller in C library code expects it sign-extended.
 */
function returnsWord(fn: AsmFunction, block: BasicBlock, program: AsmProgram): boolean {
  if (block.exit.kind !== 'return') return false;
  const seen = new Set<number>();
  const visit = (b: BasicBlock): boolean | undefined => {
    if (seen.has(b.id)) return undefined;
    seen.add(b.id);
    for (let i = b.instructions.length - 1; i >= 0; i--) {
      const ins = program.file.statements[b.instructions[i]!] as InstructionStatement;
      const d = ins.operands[0];
      if (ins.mnemonic.startsWith('b') || ins.mnemonic === 'ret' || ins.mnemonic.startsWith('st') || ins.mnemonic.startsWith('cmp')) continue;
      if (d?.kind === 'reg') {
        const g = gprOf(d.name);
        if (g?.root === 'x0') return g.w === 32;
      }
    }
    const preds = b.predecessors.map((p) => visit(fn.blocks[p]!));
    if (preds.length === 0) return false;
    return preds.every((p) => p !== false);
  };
  return visit(block) === true;
}

/**
 * Where the table lookup starts in a jump-table dispatch block: the load that
 * reads the table entry (everything from there to the `br` is rebuilt).
 */
function jumpTableLoadIndex(block: BasicBlock, program: AsmProgram, jt: JumpTable): number {
  for (let i = block.instructions.length - 2; i >= 0; i--) {
    const ins = program.file.statements[block.instructions[i]!] as InstructionStatement;
    if (/^ldr(b|h|sb|sh|sw)?$/.test(ins.mnemonic) && ins.operands[1]?.kind === 'a64mem') return i;
  }
  throw new RefusedError(`jump table ${jt.label}: no table load in the dispatch block`);
}

/**
 * `ldr wI, [xT, wIdx, uxtw #k]; adr; add; br`: the table is rebuilt as 8-byte
 * absolute target addresses at the same label, so the dispatch loads entry
 * idx and jumps to it.
 */
function lowerJumpTable(ins: InstructionStatement, jt: JumpTable, ctx: BlockLowerer, env: FunctionEnv, at: number): void {
  const m = ins.operands[1];
  if (m?.kind !== 'a64mem' || m.offset?.kind !== 'reg') ctx.refuse(`jump table ${jt.label}: unexpected table load`);
  ctx.rule('jump-table');
  const idxReg = m.offset.name;
  const g = gprOf(idxReg);
  const r = ctx.readGpr(idxReg);
  const t = ctx.scratch();
  const ext = m.extend?.op;
  if (g?.w === 32 || ext === 'uxtw') {
    ctx.emit(`slli ${t}, ${r}, 32`);
    ctx.emit(`srli ${t}, ${t}, 29`);
  } else if (!ext || ext === 'lsl') ctx.emit(`slli ${t}, ${r}, 3`);
  else ctx.refuse(`jump table ${jt.label}: index extend '${ext}'`);
  const u = ctx.scratch();
  ctx.emit(`lla ${u}, ${env.outputLabel(jt.label, at)}`);
  ctx.emit(`add ${t}, ${t}, ${u}`);
  ctx.emit(`ld ${t}, 0(${t})`);
  ctx.emit(`jr ${t}`);
}

export function printTarget(e: Parameters<typeof printExpr>[0]): string {
  return printExpr(e);
}
