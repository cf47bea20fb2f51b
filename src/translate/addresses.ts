// Which registers hold a known symbol address (or page) at each block's
// entry: a forward must-analysis over the function (facts hold on every
// path). The rules use it to read a printf format string that gcc loaded
// into a callee-saved register blocks earlier, to find a callback's
// function, and to turn `[xN, :lo12:sym]` into one `lla` when xN holds the
// page of sym.
import type { InstructionStatement } from '../asm/ast.js';
import { printExpr } from '../asm/expr.js';
import { gprOf } from '../isa/aarch64/semantics/operands.js';
import type { AsmFunction, AsmProgram } from '../program/model.js';
import { instructionEffect } from './liveness.js';

/**
 * `addr`: the register holds the address of `sym`; `page`: its 4 KiB page;
 * `one-of`: the address of one of `syms` (paths that joined with different
 * constants, e.g. a printf format chosen by a switch).
 */
export type AddressFact = { kind: 'addr' | 'page'; sym: string } | { kind: 'one-of'; sym: string; syms: string[] };

const MAX_CANDIDATES = 8;

function sameFact(a: AddressFact | undefined, b: AddressFact | undefined): boolean {
  if (!a || !b || a.kind !== b.kind || a.sym !== b.sym) return false;
  return a.kind !== 'one-of' || (b.kind === 'one-of' && a.syms.join('\0') === b.syms.join('\0'));
}

/** The fact that holds after two paths join, if any. */
function joinFacts(a: AddressFact, b: AddressFact): AddressFact | undefined {
  if (sameFact(a, b)) return a;
  if (a.kind === 'page' || b.kind === 'page') return undefined;
  const syms = [...new Set([...(a.kind === 'one-of' ? a.syms : [a.sym]), ...(b.kind === 'one-of' ? b.syms : [b.sym])])].sort();
  return syms.length <= MAX_CANDIDATES ? { kind: 'one-of', sym: syms.join(','), syms } : undefined;
}
/** Registers by number; 8-byte stack slots as `sp+OFFSET` (relative to the current sp). */
export type AddressState = Map<number | string, AddressFact>;

/**
 * Whether a pointer into the function's frame may exist outside sp itself: an
 * sp- or x29-derived address copied into another register. When none can, no
 * callee and no store through another register can change the frame's slots.
 */
export function frameEscapes(program: AsmProgram, fn: AsmFunction): boolean {
  for (const b of fn.blocks) {
    for (const k of b.instructions) {
      const ins = program.file.statements[k] as InstructionStatement;
      const [d, a] = ins.operands;
      if (d?.kind !== 'reg' || a?.kind !== 'reg') continue;
      const src = gprOf(a.name)?.root;
      const dst = gprOf(d.name)?.root;
      if ((src === 'sp' || src === 'x29') && dst !== 'sp' && dst !== 'x29' && /^(add|sub|mov)$/.test(ins.mnemonic)) return true;
    }
  }
  return false;
}

function clearSlots(state: AddressState): void {
  for (const k of [...state.keys()]) if (typeof k === 'string') state.delete(k);
}

function spOffset(op: InstructionStatement['operands'][number] | undefined): number | undefined {
  if (op?.kind !== 'a64mem' || op.writeback || op.base !== 'sp') return undefined;
  if (!op.offset) return 0;
  if ((op.offset.kind === 'imm' || op.offset.kind === 'expr') && op.offset.expr.kind === 'num') return Number(op.offset.expr.value);
  return undefined;
}

/** Stack-slot effects of loads and stores; returns true when the instruction was fully handled. */
function transferSlots(state: AddressState, ins: InstructionStatement, escapes: boolean): boolean {
  const m = ins.mnemonic;
  const ops = ins.operands;
  const isStore = /^(str|stur|stp|stnp)/.test(m) || /^stlr/.test(m);
  const isLoad = /^(ldr|ldur|ldp|ldnp)/.test(m) && !/^ldrs/.test(m) && ops[1]?.kind === 'a64mem' || (/^ldp/.test(m) && ops[2]?.kind === 'a64mem');
  if (!isStore && !isLoad) return false;
  const pair = m.endsWith('p');
  const memIdx = pair ? 2 : 1;
  const mem = ops[memIdx];
  const regs = pair ? [ops[0], ops[1]] : [ops[0]];
  const off = spOffset(mem);
  const wide = regs.every((r) => r?.kind === 'reg' && (gprOf(r.name)?.w === 64 || /^[xd]/.test(r.name))) && (m === 'str' || m === 'stp' || m === 'ldr' || m === 'ldp');
  if (isStore) {
    if (mem?.kind === 'a64mem' && mem.base === 'sp' && mem.writeback) clearSlots(state);
    if (off === undefined) {
      if (mem?.kind === 'a64mem' && mem.base === 'sp') clearSlots(state);
      else if (escapes) clearSlots(state);
      return true;
    }
    const bytes = wide ? 8 : 16;
    regs.forEach((r, k) => {
      const at = off + k * (wide ? 8 : 4);
      // Anything overlapping the written bytes is forgotten first.
      for (const key of [...state.keys()]) if (typeof key === 'string' && Math.abs(Number(key.slice(3)) - at) < Math.max(8, bytes)) state.delete(key);
      const n = xreg(r);
      const f = n === undefined ? undefined : state.get(n);
      if (wide && f) state.set(`sp+${at}`, f);
    });
    if (ops[memIdx + 1]) clearSlots(state); // post-index on sp
    return true;
  }
  // Loads: the destination registers get the slot's fact (or lose theirs).
  regs.forEach((r, k) => {
    const root = r?.kind === 'reg' ? gprOf(r.name)?.root : undefined;
    if (!root?.startsWith('x')) return;
    const n = Number(root.slice(1));
    const f = off !== undefined && wide ? state.get(`sp+${off + k * 8}`) : undefined;
    if (f && xreg(r) !== undefined) state.set(n, f);
    else state.delete(n);
  });
  if (mem?.kind === 'a64mem' && (mem.writeback || ops[memIdx + 1])) {
    const b = gprOf(mem.base)?.root;
    if (b === 'sp') clearSlots(state);
    else if (b?.startsWith('x')) state.delete(Number(b.slice(1)));
  }
  return true;
}

function xreg(op: InstructionStatement['operands'][number] | undefined): number | undefined {
  if (op?.kind !== 'reg') return undefined;
  const g = gprOf(op.name);
  return g && g.w === 64 && g.root.startsWith('x') ? Number(g.root.slice(1)) : undefined;
}

/** Registers x0..x30 a call to each local function may change, through everything it calls (gcc's -fipa-ra view). */
export function callClobbers(program: AsmProgram): Map<string, Set<number>> {
  const st = program.file.statements;
  const names = new Set(program.functions.map((f) => f.name));
  const isLocal = (n: string): boolean => names.has(n);
  const all = new Set(Array.from({ length: 19 }, (_, i) => i).concat([30]));
  const own = new Map<string, Set<number>>();
  const callees = new Map<string, string[]>();
  for (const fn of program.functions) {
    const set = new Set<number>([30]);
    const calls: string[] = [];
    for (const b of fn.blocks) {
      for (const k of b.instructions) {
        const ins = st[k] as InstructionStatement;
        const op = ins.operands[0];
        const target = op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name : undefined;
        if (ins.mnemonic === 'bl' || (ins.mnemonic === 'b' && target && isLocal(target) && target !== fn.name)) {
          if (target && isLocal(target)) calls.push(target);
          else all.forEach((r) => set.add(r));
          continue;
        }
        if (ins.mnemonic === 'blr' || ins.mnemonic === 'br') {
          all.forEach((r) => set.add(r));
          continue;
        }
        if (ins.mnemonic === 'b' && target && !isLocal(target) && !b.labels.length && !fn.blocks.some((x) => x.labels.includes(target))) {
          all.forEach((r) => set.add(r));
          continue;
        }
        for (const def of instructionEffect(ins, isLocal).defs) {
          const m = /^x(\d+)$/.exec(def);
          // x19-x29 are callee-saved: a callee that writes them restores them before it returns.
          if (m && (Number(m[1]) <= 18 || Number(m[1]) === 30)) set.add(Number(m[1]));
        }
      }
    }
    // The translation's own scratch use is t registers only; registers in spill slots are memory, untouched by others.
    own.set(fn.name, set);
    callees.set(fn.name, calls);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, set] of own) {
      for (const c of callees.get(name)!) {
        for (const r of own.get(c) ?? all) {
          if (!set.has(r)) {
            set.add(r);
            changed = true;
          }
        }
      }
    }
  }
  return own;
}

export function transferAddresses(
  state: AddressState,
  ins: InstructionStatement,
  isLocal: (name: string) => boolean,
  clobbers?: Map<string, Set<number>>,
  escapes = true,
): void {
  if (transferSlots(state, ins, escapes)) return;
  const [o0, o1, o2] = ins.operands;
  const d = xreg(o0);
  const m = ins.mnemonic;
  if (m === 'adrp' && d !== undefined && (o1?.kind === 'expr' || o1?.kind === 'imm') && o1.expr.kind !== 'reloc') {
    state.set(d, { kind: 'page', sym: printExpr(o1.expr) });
    return;
  }
  if (m === 'add' && d !== undefined && o2 && (o2.kind === 'expr' || o2.kind === 'imm') && o2.expr.kind === 'reloc' && o2.expr.op === 'lo12') {
    const n = xreg(o1);
    const sym = printExpr(o2.expr.arg);
    const f = n === undefined ? undefined : state.get(n);
    if (f?.kind === 'page' && f.sym === sym) state.set(d, { kind: 'addr', sym });
    else state.delete(d);
    return;
  }
  if (m === 'adr' && d !== undefined && o1?.kind === 'expr' && o1.expr.kind === 'sym') {
    state.set(d, { kind: 'addr', sym: o1.expr.name });
    return;
  }
  if (m === 'mov' && d !== undefined && ins.operands.length === 2) {
    const n = xreg(o1);
    const f = n === undefined ? undefined : state.get(n);
    if (f) state.set(d, f);
    else state.delete(d);
    return;
  }
  if (m === 'bl' || m === 'blr') {
    if (escapes) clearSlots(state);
    const callee = o0?.kind === 'expr' && o0.expr.kind === 'sym' ? o0.expr.name : undefined;
    const killed = m === 'bl' && callee && clobbers?.get(callee);
    if (killed) for (const r of killed) state.delete(r);
    else {
      for (let r = 0; r <= 18; r++) state.delete(r);
      state.delete(30);
    }
    return;
  }
  for (const def of instructionEffect(ins, isLocal).defs) {
    const k = /^x(\d+)$/.exec(def);
    if (k) state.delete(Number(k[1]));
    if (def === 'sp') clearSlots(state);
  }
}

/** Known addresses at the entry of every block. */
export function entryAddresses(
  program: AsmProgram,
  fn: AsmFunction,
  isLocal: (name: string) => boolean,
  clobbers?: Map<string, Set<number>>,
  escapes = frameEscapes(program, fn),
): AddressState[] {
  const st = program.file.statements;
  const entry: (AddressState | undefined)[] = fn.blocks.map((_b, i) => (i === 0 ? new Map() : undefined));
  const preds = fn.blocks.map(() => [] as number[]);
  fn.blocks.forEach((b) => b.successors.forEach((e) => 'block' in e.to && preds[e.to.block]!.push(b.id)));
  const exitOf = new Map<number, AddressState>();
  let changed = true;
  let rounds = 0;
  while (changed && rounds++ < 50) {
    changed = false;
    for (const b of fn.blocks) {
      let state: AddressState | undefined;
      if (b.id === 0) state = new Map();
      for (const p of preds[b.id]!) {
        const out = exitOf.get(p);
        if (!out) continue;
        if (!state) state = new Map(out);
        else for (const [r, f] of [...state]) {
          const g = out.get(r);
          const j = g ? joinFacts(f, g) : undefined;
          if (j) state.set(r, j);
          else state.delete(r);
        }
      }
      if (!state) continue;
      const prev = entry[b.id];
      if (!prev || prev.size !== state.size || [...state].some(([r, f]) => !sameFact(prev.get(r), f))) {
        entry[b.id] = state;
        changed = true;
      }
      const out = new Map(state);
      for (const k of b.instructions) transferAddresses(out, st[k] as InstructionStatement, isLocal, clobbers, escapes);
      exitOf.set(b.id, out);
    }
  }
  if (changed) return fn.blocks.map(() => new Map()); // did not settle: know nothing
  return entry.map((e) => e ?? new Map());
}
