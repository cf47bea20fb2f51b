// Data movement between vector lanes, derived from the instruction's own
// semantics rather than written again: the AArch64 semantics of the
// instruction (zip, uzp, trn, ext, rev*, dup, ins, mov, movi, mvni, fmov
// vector immediates, uxtl, xtn ...) is executed symbolically, and every
// piece of the destination that is a bit range of a source register (or a
// constant) becomes one load (or li) and one store. An instruction whose
// result is not such a rearrangement is not this rule's (it returns false).
//
// Aliasing: when the destination is also a source, the result is built in
// two 64-bit integer words, parked in FP scratch registers, and stored only
// after every source byte was read.
import type { InstructionStatement } from '../../asm/ast.js';
import type { BV } from '../../ir/expr.js';
import { UnsupportedInstruction } from '../../ir/semantics.js';
import { execute } from '../../ir/symexec.js';
import { aarch64Semantics } from '../../isa/aarch64/semantics/index.js';
import { fpOperandOf, type FpOperand } from './fp-operands.js';
import { Slots, type LaneBytes } from './neon-slots.js';
import type { LowerContext, LowerRule } from './types.js';

/** Where bits hi..lo of an expression come from: a constant, or a bit range of an initial register. */
type Origin = { kind: 'const'; value: bigint } | { kind: 'var'; name: string; lo: number };

function origin(e: BV, hi: number, lo: number): Origin | undefined {
  const w = hi - lo + 1;
  switch (e.op) {
    case 'const':
      return { kind: 'const', value: (e.value >> BigInt(lo)) & ((1n << BigInt(w)) - 1n) };
    case 'var':
      return { kind: 'var', name: e.name, lo };
    case 'extract':
      return origin(e.a, hi + e.lo, lo + e.lo);
    case 'concat':
      if (lo >= e.b.w) return origin(e.a, hi - e.b.w, lo - e.b.w);
      if (hi < e.b.w) return origin(e.b, hi, lo);
      return undefined;
    case 'zext':
      if (lo >= e.a.w) return { kind: 'const', value: 0n };
      if (hi < e.a.w) return origin(e.a, hi, lo);
      return undefined;
    default:
      return undefined;
  }
}

/** A piece of the destination: bits [lo, lo + w) of the 128-bit register, and where they come from. */
interface Chunk {
  lo: number;
  w: number;
  from: Origin;
}

/** Splits bits [lo, lo+w) into the largest naturally aligned pieces with a known origin; undefined if some byte has none. */
function plan(value: BV, lo: number, w: number): Chunk[] | undefined {
  const from = origin(value, lo + w - 1, lo);
  const aligned = from && (from.kind === 'const' || !/^v/.test(from.name) || from.lo % w === 0);
  const known = from && (from.kind === 'const' || /^[vx][0-9]+$/.test(from.name));
  if (from && aligned && known) return [{ lo, w, from }];
  if (w === 8) return undefined;
  const a = plan(value, lo, w / 2);
  const b = a && plan(value, lo + w / 2, w / 2);
  return a && b ? [...a, ...b] : undefined;
}

/** Runs the AArch64 semantics of one instruction on symbolic registers; undefined when it has none for this form. */
export function sourceEffect(ins: InstructionStatement, ctx: LowerContext): Map<string, BV> | undefined {
  try {
    const r = execute([ins], { isa: 'aarch64', semantics: aarch64Semantics });
    if (r.exit.kind !== 'fall' || r.calls.length) return undefined;
    return r.written;
  } catch (e) {
    if (e instanceof UnsupportedInstruction) ctx.refuse(e.message);
    throw e;
  }
}

/**
 * A scalar destination (`movi d0, #0`, `mov s0, v1.s[2]`): the low word is
 * built in a register and written through the context's FP view, which
 * zeroes (or, in a slot, clears) the rest. The bits above the view must be
 * constant zero in the semantics.
 */
function scalarDestination(ctx: LowerContext, dest: FpOperand, chunks: Chunk[]): boolean {
  const bits = dest.view === 'd' ? 64 : 32;
  if (chunks.some((c) => c.lo >= bits && !(c.from.kind === 'const' && c.from.value === 0n))) return false;
  const slots = new Slots(ctx);
  const low = chunks.filter((c) => c.lo < bits);
  ctx.rule('neon-move-scalar');
  let r = 'zero';
  if (low.some((c) => !(c.from.kind === 'const' && c.from.value === 0n))) {
    r = ctx.scratch();
    const t = low.length > 1 ? ctx.scratch() : r;
    ctx.emit(`li ${r}, 0`);
    for (const c of low) {
      const v = emitChunk(ctx, slots, t, c, true);
      if (v === 'zero') continue;
      if (c.lo) ctx.emit(`slli ${t}, ${v}, ${c.lo}`);
      ctx.emit(`or ${r}, ${r}, ${c.lo ? t : v}`);
    }
  }
  const w = ctx.writeFpr(dest.name, dest.view);
  ctx.emit(`${dest.view === 'd' ? 'fmv.d.x' : 'fmv.w.x'} ${w.reg}, ${r}`);
  w.commit();
  return true;
}

/** Emits `t := chunk value`, zero-extended to 64 bits when `zeroExtend`. */
function emitChunk(ctx: LowerContext, slots: Slots, t: string, c: Chunk, zeroExtend: boolean): string {
  const from = c.from;
  if (from.kind === 'const') {
    if (from.value === 0n) return 'zero';
    ctx.emit(`li ${t}, ${BigInt.asIntN(64, from.value)}`);
    return t;
  }
  if (from.name.startsWith('v')) {
    slots.load(t, from.name, from.lo / 8, (c.w / 8) as LaneBytes, false);
    return t;
  }
  const x = ctx.readGpr(from.name);
  if (from.lo === 0 && (c.w === 64 || !zeroExtend)) return x;
  if (!zeroExtend) {
    ctx.emit(`srli ${t}, ${x}, ${from.lo}`);
    return t;
  }
  ctx.emit(`slli ${t}, ${x}, ${64 - from.lo - c.w}`);
  ctx.emit(`srli ${t}, ${t}, ${64 - c.w}`);
  return t;
}

export const dataMovement: LowerRule = (ins, ctx) => {
  const written = sourceEffect(ins, ctx);
  if (!written || written.size !== 1) return false;
  const [dest, value] = [...written][0]!;
  if (!/^v[0-9]+$/.test(dest)) return false;
  const chunks = plan(value, 0, 64)?.concat(plan(value, 64, 64) ?? []);
  if (!chunks || chunks.reduce((s, c) => s + c.w, 0) !== 128) return false;
  const op0 = ins.operands[0];
  const scalar = op0?.kind === 'reg' ? fpOperandOf(ins, 0) : undefined;
  if (scalar) return scalarDestination(ctx, scalar, chunks);
  const identity = (c: Chunk) => c.from.kind === 'var' && c.from.name === dest && c.from.lo === c.lo;
  const changed = chunks.filter((c) => !identity(c));
  const slots = new Slots(ctx);
  ctx.rule('neon-move');
  const readsDest = changed.some((c) => c.from.kind === 'var' && c.from.name === dest);
  if (!readsDest || changed.length <= 1) {
    // No aliasing to fear: each piece is loaded and stored at once.
    const t = changed.length ? ctx.scratch() : '';
    for (const c of changed) slots.store(emitChunk(ctx, slots, t, c, false), dest, c.lo / 8, (c.w / 8) as LaneBytes);
    return true;
  }
  // The destination is a source: build both words first, park them, then store.
  const [r, t] = [ctx.scratch(), ctx.scratch()];
  const parked: string[] = [];
  for (const word of [0, 64]) {
    const inWord = chunks.filter((c) => c.lo >= word && c.lo < word + 64);
    ctx.emit(`li ${r}, 0`);
    for (const c of inWord) {
      const v = emitChunk(ctx, slots, t, c, true);
      if (v === 'zero') continue;
      if (c.lo - word) ctx.emit(`slli ${t}, ${v}, ${c.lo - word}`);
      ctx.emit(`or ${r}, ${r}, ${c.lo - word ? t : v}`);
    }
    const f = ctx.fscratch();
    ctx.emit(`fmv.d.x ${f}, ${r}`);
    parked.push(f);
  }
  slots.storeF(parked[0]!, dest, 0, 8);
  slots.storeF(parked[1]!, dest, 8, 8);
  return true;
};
