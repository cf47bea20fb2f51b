// Liveness of AArch64 registers and flags inside one function, from the
// instruction semantics themselves: an instruction's uses are the components
// its symbolic execution reads before writing, its definitions the ones it
// writes. Calls and returns use what the calling convention passes. Used to
// decide when the lazily kept flags or a pending `adrp` page must be
// materialised at a block's end, and which components a state mapping lists.
import type { InstructionStatement } from '../asm/ast.js';
import { v } from '../ir/build.js';
import { execute, type ExecResult } from '../ir/symexec.js';
import { childrenOf, walkDag } from '../ir/walk.js';
import { outputsOf, readsInitial } from '../ir/reads.js';
import { aarch64Semantics } from '../isa/aarch64/semantics/index.js';
import type { AsmFunction, AsmProgram } from '../program/model.js';
import { mentionedRoots } from '../program/regflow.js';

export const FLAGS = 'nzcv';

/**
 * The upper 64 bits of a v register, tracked as their own component: every
 * call leaves them undefined on AArch64 (v8-v15 keep only their low halves),
 * and scalar FP code never reads them, so a 16-byte vector slot is claimed
 * whole only where a vector view of the register is still to be read.
 */
export const upperHalf = (n: number): string => `v${n}.hi`;
const ALL_UPPER_HALVES = Array.from({ length: 32 }, (_, n) => upperHalf(n));

/** v registers an instruction names through a whole-register view (q, an arrangement, a list). */
function wholeViews(ins: InstructionStatement): Set<number> {
  const out = new Set<number>();
  for (const op of ins.operands) {
    if (op.kind === 'reg' && /^q\d+$/.test(op.name)) out.add(Number(op.name.slice(1)));
    else if (op.kind === 'vreg') out.add(Number(op.name.replace(/^v/, '')));
    else if (op.kind === 'vlist') op.regs.forEach((r) => out.add(Number(r.name.replace(/^v/, ''))));
  }
  return out;
}

/** Adds the upper-half components: any write of a v register writes them (scalar writes zero them), vector reads read them. */
function withUpperHalves(ins: InstructionStatement, e: InstrEffect): InstrEffect {
  const whole = wholeViews(ins);
  for (const u of [...e.uses]) {
    const m = /^v(\d+)$/.exec(u);
    if (m && whole.has(Number(m[1]))) e.uses.add(upperHalf(Number(m[1])));
  }
  for (const d of [...e.defs]) {
    const m = /^v(\d+)$/.exec(d);
    if (m) e.defs.add(upperHalf(Number(m[1])));
  }
  return e;
}

const INT_ARG_REGS = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'sp'];
const FP_ARG_REGS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7'];

/** Which FP argument registers (`v0`..) a call (`ins`, when known) reads; undefined: all eight. */
export type FpArgUses = (callee: string | undefined, ins?: InstructionStatement) => string[] | undefined;
/** v registers an external callee may change (AAPCS64 caller-saved; v8-v15 keep only their low halves, so they stay live). */
const CLOBBERED_V = [...Array.from({ length: 8 }, (_, i) => `v${i}`), ...Array.from({ length: 16 }, (_, i) => `v${16 + i}`)];
const RETURN_USES = ['x0', 'x1', 'v0', 'v1', 'v2', 'v3', 'sp',
  ...Array.from({ length: 12 }, (_, i) => `x${19 + i}`), ...Array.from({ length: 8 }, (_, i) => `v${8 + i}`)];
const FLAG_NAMES = ['n', 'z', 'c', 'v'];

export interface InstrEffect {
  uses: Set<string>;
  defs: Set<string>;
}

function normalise(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const n of names) out.add(FLAG_NAMES.includes(n) ? FLAGS : n);
  return out;
}

/** Uses and definitions of one instruction (conservative where the semantics cannot tell). */
const effectCache = new WeakMap<InstructionStatement, InstrEffect>();

export function instructionEffect(ins: InstructionStatement, isLocalFunction: (name: string) => boolean, fpArgs?: FpArgUses): InstrEffect {
  const m = ins.mnemonic;
  if (m === 'bl' || m === 'blr') {
    const op = ins.operands[0];
    const callee = op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name : undefined;
    // Through a register (`blr`), fpArgs answers for the functions whose address the program takes.
    const uses = new Set([...INT_ARG_REGS, ...(fpArgs?.(m === 'bl' ? callee : undefined, ins) ?? FP_ARG_REGS)]);
    if (m === 'blr') for (const r of mentionedRoots('aarch64', ins)) uses.add(r);
    // A local callee may leave caller-saved registers alone (gcc -fipa-ra relies on it): kill nothing but x30 and flags.
    const defs = new Set(['x30', FLAGS, ...ALL_UPPER_HALVES]);
    if (callee && !isLocalFunction(callee)) {
      for (let i = 0; i <= 18; i++) defs.add(`x${i}`);
      // A C library callee leaves caller-saved v registers undefined (their values do not live across it);
      // libgcc's outline atomics are lowered inline and leave them alone.
      if (!callee.startsWith('__aarch64_')) CLOBBERED_V.forEach((r) => defs.add(r));
    }
    return { uses, defs };
  }
  // A return's uses are the block exit's (functionLiveness), which knows the function's results.
  if (m === 'ret') return { uses: new Set(), defs: new Set() };
  const cached = effectCache.get(ins);
  if (cached) return cached;
  const e = withUpperHalves(ins, semanticEffect(ins));
  effectCache.set(ins, e);
  return e;
}

function semanticEffect(ins: InstructionStatement): InstrEffect {
  try {
    const r = execute([ins], {
      isa: 'aarch64',
      semantics: aarch64Semantics,
      onCall: (_e, state) => FLAG_NAMES.forEach((f) => state.set(f, v(1, `call.${f}`))),
    });
    const uses = normalise([...r.liveIn].filter((n) => !/^v\d+$/.test(n) || readsInitial(r, n)));
    const written = [...r.written.keys()];
    const defs = normalise(written.filter((n) => !FLAG_NAMES.includes(n)));
    if (FLAG_NAMES.every((f) => r.written.has(f))) defs.add(FLAGS);
    else if (FLAG_NAMES.some((f) => r.written.has(f))) uses.add(FLAGS);
    // Partial writes of vector registers (lane inserts) keep the rest: the semantics reads them, so they are uses already.
    return { uses, defs };
  } catch {
    return { uses: new Set([...mentionedRoots('aarch64', ins), FLAGS]), defs: new Set() };
  }
}

/**
 * How many low bits of the initial value of `name` one instruction reads:
 * 1 + the highest bit that reaches an output (0 when none does). A read
 * through an `s` view extracts bits 31:0, one through `d` bits 63:0.
 */
export function bitsRead(ins: InstructionStatement, name: string): number {
  let r: ExecResult;
  try {
    r = execute([ins], { isa: 'aarch64', semantics: aarch64Semantics, onCall: (_e, state) => FLAG_NAMES.forEach((f) => state.set(f, v(1, `call.${f}`))) });
  } catch {
    return Infinity;
  }
  if (!r.liveIn.has(name)) return 0;
  let top = 0;
  const parents = new Set<object>();
  walkDag(outputsOf(r), (e) => {
    if (e.op === 'extract' && e.a.op === 'var' && e.a.name === name) {
      parents.add(e);
      top = Math.max(top, e.hi + 1);
    }
  });
  // A use of the variable other than through an extract reads all of it.
  const roots = outputsOf(r);
  for (const e of roots) if (e.op === 'var' && e.name === name) top = Math.max(top, e.w);
  walkDag(roots, (e) => {
    if (parents.has(e)) return;
    for (const c of childrenOf(e)) if (c.op === 'var' && c.name === name) top = Math.max(top, c.w);
  });
  return top;
}

export interface FunctionLiveness {
  /** Per block: live after each instruction. */
  liveAfter: Set<string>[][];
  liveIn: Set<string>[];
  liveOut: Set<string>[];
}

export function functionLiveness(
  program: AsmProgram,
  fn: AsmFunction,
  isLocalFunction: (name: string) => boolean,
  fpArgs?: FpArgUses,
  /** v0-v3 that may carry a result (those the function changes); default all four. */
  resultRegs?: Set<number>,
): FunctionLiveness {
  const st = program.file.statements;
  const returnUses = RETURN_USES.filter((r) => !/^v[0-3]$/.test(r) || !resultRegs || resultRegs.has(Number(r.slice(1))));
  const effects = fn.blocks.map((b) => b.instructions.map((k) => instructionEffect(st[k] as InstructionStatement, isLocalFunction, fpArgs)));
  const liveIn = fn.blocks.map(() => new Set<string>());
  const liveOut = fn.blocks.map(() => new Set<string>());
  const exitUses = fn.blocks.map((b) => {
    const s = new Set<string>();
    if (b.exit.kind === 'return') returnUses.forEach((r) => s.add(r));
    // A tail call: the callee reads the arguments (FP ones as a call to it would: a local callee
    // its own, an unknown one all eight), and then returns what a return of this function hands back.
    // A `br` that is no jump table can only be translated as a tail call through a register
    // (translateFunction refuses it otherwise), to an unknown callee.
    const indirectTailCall = b.exit.kind === 'unknown-indirect' && b.terminator === 'indirect-jump';
    for (const e of [...b.successors, ...(indirectTailCall ? [{ to: { external: '' } }] : [])]) {
      if ('external' in e.to) {
        const last = st[b.instructions[b.instructions.length - 1]!] as InstructionStatement | undefined;
        INT_ARG_REGS.forEach((r) => s.add(r));
        (fpArgs?.(e.to.external || undefined, last) ?? FP_ARG_REGS).forEach((r) => s.add(r));
        returnUses.forEach((r) => s.add(r));
      }
    }
    return s;
  });
  let changed = true;
  while (changed) {
    changed = false;
    for (let bi = fn.blocks.length - 1; bi >= 0; bi--) {
      const b = fn.blocks[bi]!;
      const out = new Set(exitUses[bi]);
      for (const e of b.successors) if ('block' in e.to) for (const r of liveIn[e.to.block]!) out.add(r);
      const live = new Set(out);
      for (let i = effects[bi]!.length - 1; i >= 0; i--) {
        const ef = effects[bi]![i]!;
        for (const d of ef.defs) live.delete(d);
        for (const u of ef.uses) live.add(u);
      }
      if (live.size !== liveIn[bi]!.size || [...live].some((r) => !liveIn[bi]!.has(r))) {
        liveIn[bi] = live;
        changed = true;
      }
      liveOut[bi] = out;
    }
  }
  const liveAfter = fn.blocks.map((_b, bi) => {
    const after: Set<string>[] = [];
    const live = new Set(liveOut[bi]);
    for (let i = effects[bi]!.length - 1; i >= 0; i--) {
      after[i] = new Set(live);
      const ef = effects[bi]![i]!;
      for (const d of ef.defs) live.delete(d);
      for (const u of ef.uses) live.add(u);
    }
    return after;
  });
  return { liveAfter, liveIn, liveOut };
}
