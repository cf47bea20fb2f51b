// Which registers hold a known symbol address (or page) at each block's
// entry: a forward must-analysis over the function (facts hold on every
// path). The rules use it to read a printf format string that gcc loaded
// into a callee-saved register blocks earlier, to find a callback's
// function, and to turn `[xN, :lo12:sym]` into one `lla` when xN holds the
// page of sym.
import type { InstructionStatement } from '../asm/ast.js';
import { evalConst, printExpr } from '../asm/expr.js';
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

// ---------------------------------------------------------------- frame at an indirect tail call

/**
 * What a register or 8-byte frame slot holds, as far as a tail call cares:
 * `entry:R` the value R had at function entry (for v8-v15 their low 64 bits),
 * `sp:K` the entry stack pointer plus K. Absent: unknown.
 */
type FrameState = { regs: Map<string, string>; slots: Map<number, string> };

const CALLEE_SAVED_AT_TAIL_CALL = [
  ...Array.from({ length: 11 }, (_, i) => `x${19 + i}`), 'x30',
  ...Array.from({ length: 8 }, (_, i) => `v${8 + i}`),
];

function frameEntry(): FrameState {
  return { regs: new Map([['sp', 'sp:0'], ...CALLEE_SAVED_AT_TAIL_CALL.map((r): [string, string] => [r, `entry:${r}`])]), slots: new Map() };
}

function spValue(v: string | undefined): number | undefined {
  return v?.startsWith('sp:') ? Number(v.slice(3)) : undefined;
}

function numberOf(op: InstructionStatement['operands'][number] | undefined): number | undefined {
  if (!op) return 0;
  const k = op.kind === 'imm' || op.kind === 'expr' ? evalConst(op.expr) : undefined;
  return k === undefined ? undefined : Number(BigInt.asIntN(64, k));
}

/** A 64-bit register operand by the name the frame state uses (`x19`, `v8` for d8), and its width in bytes. */
function frameReg(op: InstructionStatement['operands'][number] | undefined): { name?: string; bytes: number } {
  if (op?.kind !== 'reg') return { bytes: 16 };
  const g = gprOf(op.name);
  if (g) return g.root.startsWith('x') && g.w === 64 ? { name: g.root, bytes: 8 } : { bytes: g.w / 8 };
  const m = /^([bhsdq])(\d+)$/.exec(op.name);
  if (!m) return { bytes: 16 };
  const bytes = { b: 1, h: 2, s: 4, d: 8, q: 16 }[m[1] as 'b' | 'h' | 's' | 'd' | 'q'];
  return m[1] === 'd' ? { name: `v${m[2]}`, bytes } : { bytes };
}

function forgetSlots(s: FrameState, from: number, bytes: number): void {
  for (const k of [...s.slots.keys()]) if (k < from + bytes && from < k + 8) s.slots.delete(k);
}

/**
 * Frame effects of one instruction. Loads and stores at constant offsets from
 * sp (or x29 while it holds a known sp offset) move values between registers
 * and slots; any other store forgets the caller's frame (offsets >= 0, which
 * pointers may reach) and, when a frame address escapes, every slot.
 */
function transferFrame(s: FrameState, ins: InstructionStatement, isLocal: (name: string) => boolean, escapes: boolean): void {
  const m = ins.mnemonic;
  const ops = ins.operands;
  const memIdx = ops.findIndex((op) => op.kind === 'a64mem');
  const set = (r: string, value: string | undefined): void => void (value === undefined ? s.regs.delete(r) : s.regs.set(r, value));
  if (memIdx >= 0) {
    const mem = ops[memIdx] as Extract<InstructionStatement['operands'][number], { kind: 'a64mem' }>;
    const baseRoot = gprOf(mem.base)?.root;
    const base = baseRoot === undefined ? undefined : spValue(s.regs.get(baseRoot));
    const imm = mem.offset === undefined ? 0 : numberOf(mem.offset);
    const post = memIdx + 1 < ops.length ? numberOf(ops[memIdx + 1]) : 0;
    const plainLoad = /^(ldr|ldur|ldp|ldnp)$/.test(m);
    const plainStore = /^(str|stur|stp|stnp)$/.test(m);
    const regs = ops.slice(0, memIdx).map(frameReg);
    const addr = base !== undefined && imm !== undefined && post !== undefined ? base + (mem.writeback || memIdx + 1 >= ops.length ? imm : 0) : undefined;
    if (plainStore) {
      if (addr === undefined) {
        if (base !== undefined || escapes) s.slots.clear();
        else forgetSlots(s, 0, Number.MAX_SAFE_INTEGER);
      } else {
        let at = addr;
        for (const r of regs) {
          forgetSlots(s, at, r.bytes);
          const value = r.name === undefined ? undefined : s.regs.get(r.name);
          if (r.bytes === 8 && value !== undefined) s.slots.set(at, value);
          at += r.bytes;
        }
      }
    } else if (plainLoad) {
      let at = addr;
      for (const r of regs) {
        const value = at === undefined || r.bytes !== 8 ? undefined : s.slots.get(at);
        const op = ops[regs.indexOf(r)];
        const g = op?.kind === 'reg' ? gprOf(op.name) : undefined;
        if (r.name) set(r.name, value);
        else if (g) s.regs.delete(g.root); // a w load zeroes the upper half
        else if (op?.kind === 'reg') {
          const v = /^[bhsq](\d+)$/.exec(op.name);
          if (v) s.regs.delete(`v${v[1]}`);
        }
        if (at !== undefined) at += r.bytes;
      }
    } else {
      // Narrow and sign-extending loads only change registers; any other memory instruction
      // (atomics, exclusives, NEON stores) may also store.
      if (!/^(ldr|ldur|ldp|ldnp|ldar|ldapr|ldapur)(s?[bhw])?$|^ld[1-4]r?$/.test(m)) {
        if (base !== undefined || escapes) s.slots.clear();
        else forgetSlots(s, 0, Number.MAX_SAFE_INTEGER);
      }
      for (const d of instructionEffect(ins, isLocal).defs) s.regs.delete(d);
    }
    if (baseRoot !== undefined && (mem.writeback || memIdx + 1 < ops.length)) {
      const wb = base === undefined || imm === undefined || post === undefined ? undefined : base + imm + post;
      set(baseRoot, wb === undefined ? undefined : `sp:${wb}`);
    }
    return;
  }
  const [d, a, b] = ops;
  const dst = d?.kind === 'reg' ? gprOf(d.name) : undefined;
  const srcG = a?.kind === 'reg' ? gprOf(a.name) : undefined;
  if (dst?.w === 64 && srcG?.w === 64 && (m === 'mov' || m === 'add' || m === 'sub') && dst.root !== 'zr' && srcG.root !== 'zr') {
    const k = m === 'mov' ? (ops.length === 2 ? 0 : undefined) : b === undefined ? undefined : numberOf(b);
    const from = s.regs.get(srcG.root);
    if (k !== undefined && ops.length <= 3) {
      const off = spValue(from);
      if (m === 'mov') set(dst.root, from);
      else set(dst.root, off === undefined ? undefined : `sp:${m === 'add' ? off + k : off - k}`);
      return;
    }
  }
  if (m === 'bl' || m === 'blr') {
    // AAPCS64: a callee keeps sp, x19-x29 and the low halves of v8-v15; x30 holds the return address.
    s.regs.delete('x30');
    for (let r = 0; r <= 18; r++) s.regs.delete(`x${r}`);
    if (escapes) s.slots.clear();
    else forgetSlots(s, 0, Number.MAX_SAFE_INTEGER);
    return;
  }
  for (const def of instructionEffect(ins, isLocal).defs) s.regs.delete(def);
}

function sameState(a: FrameState, b: FrameState): boolean {
  const same = <K>(x: Map<K, string>, y: Map<K, string>) => x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
  return same(a.regs, b.regs) && same(a.slots, b.slots);
}

function joinFrames(a: FrameState, b: FrameState): FrameState {
  const meet = <K>(x: Map<K, string>, y: Map<K, string>) => new Map([...x].filter(([k, v]) => y.get(k) === v));
  return { regs: meet(a.regs, b.regs), slots: meet(a.slots, b.slots) };
}

/**
 * Why the `br` ending `block` is not a tail call, or undefined when it is: on
 * every path from the function's entry, just before the `br`, sp equals its
 * entry value, x30 holds the entry return address, and x19-x29 and the low
 * halves of v8-v15 hold their entry values (the frame is torn down, as at a
 * return). A forward must-analysis over the function; any doubt is a reason.
 */
export function indirectTailCallProblem(program: AsmProgram, fn: AsmFunction, blockId: number, isLocal: (name: string) => boolean): string | undefined {
  const st = program.file.statements;
  const escapes = frameEscapes(program, fn);
  const entry: (FrameState | undefined)[] = fn.blocks.map((_b, i) => (i === 0 ? frameEntry() : undefined));
  const exitOf = new Map<number, FrameState>();
  let changed = true;
  for (let rounds = 0; changed; rounds++) {
    if (rounds > 50) return 'the frame analysis did not settle';
    changed = false;
    for (const b of fn.blocks) {
      let state = b.id === 0 ? frameEntry() : undefined;
      for (const p of b.predecessors) {
        const out = exitOf.get(p);
        if (out) state = state ? joinFrames(state, out) : out;
      }
      if (!state) continue;
      const prev = entry[b.id];
      if (!prev || !sameState(prev, state) || !exitOf.has(b.id)) {
        entry[b.id] = state;
        changed = true;
        const out: FrameState = { regs: new Map(state.regs), slots: new Map(state.slots) };
        for (const k of b.instructions) transferFrame(out, st[k] as InstructionStatement, isLocal, escapes);
        exitOf.set(b.id, out);
      }
    }
  }
  const block = fn.blocks[blockId]!;
  const at = entry[blockId];
  if (!at) return 'the jump is not reachable from the function entry';
  const s: FrameState = { regs: new Map(at.regs), slots: new Map(at.slots) };
  for (const k of block.instructions.slice(0, -1)) transferFrame(s, st[k] as InstructionStatement, isLocal, escapes);
  if (s.regs.get('sp') !== 'sp:0') return 'sp may differ from its value at function entry';
  for (const r of CALLEE_SAVED_AT_TAIL_CALL) {
    if (s.regs.get(r) !== `entry:${r}`) return r === 'x30' ? 'x30 may not hold the return address' : `callee-saved ${r} may not hold its value from function entry`;
  }
  return undefined;
}
