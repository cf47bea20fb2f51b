// Bit-counting and bit-reversal rules (clz, rbit) lowered branch-free for
// RV64GC, which has no Zbb: the block verifier proves straight-line code,
// and a loop inside one block cannot be verified there.
import type { BlockLowerer } from '../context.js';
import type { IntRule } from './int.js';
import { gprAt } from './int-operands.js';

/** A scratch copy of a source register value that the rule may overwrite. */
function ownedCopy(ctx: BlockLowerer, reg: string): string {
  if (ctx.isScratch(reg)) return reg;
  const x = ctx.scratch();
  ctx.emit(`mv ${x}, ${reg}`);
  return x;
}

/**
 * clz by binary search: for k = 32, 16, ..., 1, if the top k bits of x are
 * zero, shift x left by k and add k to the count. A nonzero x then has its top
 * bit set and the count is its clz; a zero x counts 63 (31 for w), and one more
 * step adds 1 when the top bit is still clear, giving 64 (32).
 * The w form shifts the value into the top half first and skips the k = 32 step.
 */
export const clz: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const w = dst.width;
  const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
  ctx.rule('clz-branchfree');
  let x: string;
  if (w === 32) {
    x = ctx.isScratch(a) ? a : ctx.scratch();
    ctx.emit(`slli ${x}, ${a}, 32`);
  } else x = ownedCopy(ctx, a);
  const n = ctx.scratch();
  const t = ctx.scratch();
  ctx.emit(`li ${n}, 0`);
  for (let log = w === 32 ? 4 : 5; log >= 0; log--) {
    const k = 1 << log;
    ctx.emit(`srli ${t}, ${x}, ${64 - k}`);
    ctx.emit(`seqz ${t}, ${t}`);
    if (log) ctx.emit(`slli ${t}, ${t}, ${log}`);
    ctx.emit(`sll ${x}, ${x}, ${t}`);
    ctx.emit(`add ${n}, ${n}, ${t}`);
  }
  // Zero input: the top bit is still clear after all steps.
  ctx.emit(`srli ${t}, ${x}, 63`);
  ctx.emit(`seqz ${t}, ${t}`);
  ctx.emit(`add ${n}, ${n}, ${t}`);
  ctx.releaseInt(t);
  ctx.releaseInt(x);
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`mv ${d.reg}, ${n}`);
  d.commit();
};

/**
 * rbit: reverse all 64 bits by swapping halves, then 16-bit, 8-bit, ... 1-bit
 * neighbours under masks (each swap flips one bit of every bit's index, so the
 * order does not matter). Each mask derives from the previous one in two
 * instructions (m/2 = m ^ (m << k/2)) instead of a long `li`. The w form
 * reverses the 64-bit value and keeps the top half, shifted down.
 */
export const rbit: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const w = dst.width;
  const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
  ctx.rule('rbit-swaps');
  const x = ctx.isScratch(a) ? a : ctx.scratch();
  const t = ctx.scratch();
  const m = ctx.scratch();
  ctx.emit(`slli ${t}, ${a}, 32`);
  ctx.emit(`srli ${x}, ${a}, 32`);
  ctx.emit(`or ${x}, ${x}, ${t}`);
  ctx.emit(`li ${m}, -1`);
  ctx.emit(`srli ${m}, ${m}, 32`);
  for (const k of [16, 8, 4, 2, 1]) {
    ctx.emit(`slli ${t}, ${m}, ${k}`);
    ctx.emit(`xor ${m}, ${m}, ${t}`);
    // x = ((x >> k) & m) | ((x & m) << k)
    ctx.emit(`srli ${t}, ${x}, ${k}`);
    ctx.emit(`and ${t}, ${t}, ${m}`);
    ctx.emit(`and ${x}, ${x}, ${m}`);
    ctx.emit(`slli ${x}, ${x}, ${k}`);
    ctx.emit(`or ${x}, ${x}, ${t}`);
  }
  if (w === 32) ctx.emit(`srli ${x}, ${x}, 32`);
  ctx.releaseInt(t);
  ctx.releaseInt(m);
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`mv ${d.reg}, ${x}`);
  d.commit();
};
