// Which FP registers each function reads as arguments and which it may
// change, through everything it calls. Functions keep a v register in a
// 16-byte slot when they use it as a vector, and hand FP arguments and
// results over in fa0-fa7; gcc's -fipa-ra lets a caller keep a value in a
// caller-saved v register across a call to a function that leaves it alone.
// So the hand-over copies happen only where the source itself passes or
// changes that register: at entry for arguments the function reads, after a
// call for registers the callee may change, before a return for registers
// the function changes.
import type { InstructionStatement } from '../asm/ast.js';
import type { Prototype } from '../cfront/ctypes.js';
import type { AsmProgram } from '../program/model.js';
import { functionLiveness, instructionEffect, type FpArgUses } from './liveness.js';
import { isOutlineAtomic } from '../guess/rules/calls.js';
import { isaDescription } from '../isa/index.js';
import { addressTakenLabels } from '../program/regflow.js';

const CALLER_SAVED_V = [...Array.from({ length: 8 }, (_, i) => i), ...Array.from({ length: 16 }, (_, i) => 16 + i)];

export interface FpInterproc {
  /** v0-v7 numbers a function reads at entry (its FP arguments). */
  argUses: Map<string, Set<number>>;
  /** v register numbers a call to the function may change. */
  writes: Map<string, Set<number>>;
  /** The call-use model for liveness. */
  fpArgs: FpArgUses;
}

/**
 * `callSites`: the FP registers particular calls read, where the caller knows
 * better than the callee's prototype (a printf's constant format).
 */
export function fpInterproc(program: AsmProgram, prototypes: Map<string, Prototype>, callSites: ReadonlyMap<InstructionStatement, string[]> = new Map()): FpInterproc {
  const st = program.file.statements;
  const names = new Set(program.functions.map((f) => f.name));
  const isLocal = (n: string): boolean => names.has(n);
  const writes = new Map<string, Set<number>>();
  const callees = new Map<string, string[]>();
  for (const fn of program.functions) {
    const set = new Set<number>();
    const calls: string[] = [];
    for (const b of fn.blocks) {
      for (const k of b.instructions) {
        const ins = st[k] as InstructionStatement;
        const op = ins.operands[0];
        const target = op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name : undefined;
        const isCall = ins.mnemonic === 'bl' || ins.mnemonic === 'blr' || ins.mnemonic === 'br' || (ins.mnemonic === 'b' && target !== undefined && !fn.blocks.some((x) => x.labels.includes(target)));
        if (isCall) {
          if (target && isLocal(target) && ins.mnemonic !== 'blr' && ins.mnemonic !== 'br') calls.push(target);
          else if (!(target && isOutlineAtomic(target))) CALLER_SAVED_V.forEach((r) => set.add(r));
          continue;
        }
        for (const d of instructionEffect(ins, isLocal).defs) {
          const m = /^v(\d+)$/.exec(d);
          if (m) set.add(Number(m[1]));
        }
      }
    }
    writes.set(fn.name, set);
    callees.set(fn.name, calls);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, set] of writes) {
      for (const c of callees.get(name)!) {
        for (const r of writes.get(c)!) {
          if (!set.has(r)) {
            set.add(r);
            changed = true;
          }
        }
      }
    }
  }
  const argUses = new Map<string, Set<number>>(program.functions.map((f) => [f.name, new Set<number>()]));
  // A call or tail call through a register goes to a translated function (the assumption `blr` and `br`
  // are lowered under): one whose address the program takes. It reads what any of them reads.
  const desc = isaDescription('aarch64');
  const pointedTo = [...addressTakenLabels(st, (ins) => desc.control(ins), (name, k) => program.labels.resolve(name, k))].filter(isLocal);
  const fpArgs: FpArgUses = (callee, ins) => {
    if (!callee) {
      if (!pointedTo.length) return undefined;
      const union = new Set<number>();
      for (const f of pointedTo) for (const n of argUses.get(f)!) union.add(n);
      return [...union].sort((a, b) => a - b).map((n) => `v${n}`);
    }
    if (isOutlineAtomic(callee)) return [];
    const site = ins && callSites.get(ins);
    if (site) return site;
    const local = argUses.get(callee);
    if (local) return [...local].map((n) => `v${n}`);
    const proto = prototypes.get(callee);
    if (!proto || proto.variadic) return undefined;
    const count = proto.params.filter((p) => p.kind === 'float').length;
    return Array.from({ length: Math.min(count, 8) }, (_, i) => `v${i}`);
  };
  // Grow the argument sets until nothing changes (each round can only add registers).
  for (let round = 0; round < 8; round++) {
    let grew = false;
    for (const fn of program.functions) {
      if (!fn.blocks.length) continue;
      const live = functionLiveness(program, fn, isLocal, fpArgs, writes.get(fn.name)).liveIn[0]!;
      const set = argUses.get(fn.name)!;
      for (let n = 0; n < 8; n++) {
        if (live.has(`v${n}`) && !set.has(n)) {
          set.add(n);
          grew = true;
        }
      }
    }
    if (!grew) return { argUses, writes, fpArgs };
  }
  // Did not settle: assume every function reads all FP argument registers.
  for (const set of argUses.values()) for (let n = 0; n < 8; n++) set.add(n);
  return { argUses, writes, fpArgs };
}
