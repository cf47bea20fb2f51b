// Conditional rules: csel and its family, cset/csetm, cinc/cinv/cneg, and
// ccmp/ccmn. Each reads the lazily kept flags through the context's
// condition code (guess/conditions.ts) and computes the exact 64-bit value
// AArch64 leaves in the destination.
import type { InstructionStatement } from '../../asm/ast.js';
import type { BlockLowerer } from '../context.js';
import type { IntRule } from './int.js';
import { finishWidth, gprAt, immAt, immOf, mask } from './int-operands.js';

/** csel family: d = cond ? a : f(b). */
function condSelect(kind: 'csel' | 'csinc' | 'csinv' | 'csneg'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    const cond = condAt(ins, 3, ctx);
    ctx.rule(kind);
    const c = ctx.condValue(cond);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const b0 = ctx.readGpr(gprAt(ins, 2, ctx).name);
    let b = b0;
    if (kind !== 'csel') {
      b = ctx.isScratch(b0) ? b0 : ctx.scratch();
      switch (kind) {
        case 'csinc': ctx.emit(`addi ${b}, ${b0}, 1`); break;
        case 'csinv': ctx.emit(`not ${b}, ${b0}`); break;
        case 'csneg': ctx.emit(`neg ${b}, ${b0}`); break;
      }
    }
    select(ctx, dst.name, w, c, a, b);
  };
}

/** d = c ? a : b, branch-free: b ^ ((a ^ b) & -c). `c` (and `a` when it is a scratch) are consumed; `b` is kept. */
function select(ctx: BlockLowerer, dstName: string, w: 32 | 64, c: string, a: string, b: string): void {
  ctx.emit(`neg ${c}, ${c}`);
  const t = ctx.isScratch(a) ? a : ctx.scratch();
  ctx.emit(`xor ${t}, ${a}, ${b}`);
  ctx.emit(`and ${t}, ${t}, ${c}`);
  ctx.releaseInt(c);
  const d = ctx.writeGpr(dstName);
  ctx.emit(`xor ${d.reg}, ${b}, ${t}`);
  finishWidth(ctx, d.reg, w);
  d.commit();
}

export function condAt(ins: InstructionStatement, k: number, ctx: BlockLowerer): string {
  const op = ins.operands[k];
  if (op?.kind !== 'expr' || op.expr.kind !== 'sym') ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a condition`);
  return op.expr.name.toLowerCase();
}

const INVERT: Record<string, string> = {
  eq: 'ne', ne: 'eq', cs: 'cc', hs: 'lo', cc: 'cs', lo: 'hs', mi: 'pl', pl: 'mi', vs: 'vc', vc: 'vs',
  hi: 'ls', ls: 'hi', ge: 'lt', lt: 'ge', gt: 'le', le: 'gt', al: 'nv', nv: 'al',
};

export function invertCond(c: string): string {
  return INVERT[c] ?? c;
}

/** cset/csetm d, cond. */
function cset(all: boolean): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const cond = condAt(ins, 1, ctx);
    ctx.rule(ins.mnemonic);
    const c = ctx.condValue(cond);
    const d = ctx.writeGpr(dst.name);
    if (all) {
      ctx.emit(`neg ${d.reg}, ${c}`);
      finishWidth(ctx, d.reg, dst.width);
    } else ctx.emit(`mv ${d.reg}, ${c}`);
    d.commit();
  };
}

/** cinc/cinv/cneg d, a, cond: cond ? f(a) : a (aliases of csinc/csinv/csneg with the inverted condition). */
function condUnary(kind: 'inc' | 'inv' | 'neg'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const cond = condAt(ins, 2, ctx);
    ctx.rule(ins.mnemonic);
    const c = ctx.condValue(cond);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const f = ctx.scratch();
    if (kind === 'inc') ctx.emit(`addi ${f}, ${a}, 1`);
    else if (kind === 'inv') ctx.emit(`not ${f}, ${a}`);
    else ctx.emit(`neg ${f}, ${a}`);
    selectInto(ctx, dst.name, dst.width, c, f, a);
  };
}

/** d = c ? x : y with y a register that must not be modified. */
function selectInto(ctx: BlockLowerer, dstName: string, w: 32 | 64, c: string, x: string, y: string): void {
  ctx.emit(`neg ${c}, ${c}`);
  ctx.emit(`xor ${x}, ${x}, ${y}`);
  ctx.emit(`and ${x}, ${x}, ${c}`);
  const d = ctx.writeGpr(dstName);
  ctx.emit(`xor ${d.reg}, ${y}, ${x}`);
  finishWidth(ctx, d.reg, w);
  d.commit();
}

/** ccmp/ccmn a, b, #nzcv, cond: flags = cond ? cmp(a, b) : nzcv. */
function condCompare(kind: 'sub' | 'add'): IntRule {
  return (ins, ctx) => {
    const aRef = gprAt(ins, 0, ctx);
    const w = aRef.width;
    const nzcv = Number(immAt(ins, 2, ctx));
    const cond = condAt(ins, 3, ctx);
    ctx.rule(ins.mnemonic);
    if (!ctx.flagsLive()) {
      ctx.clobberFlags();
      return;
    }
    // The old condition, kept in memory while the new compare's flags are packed.
    ctx.saveCond(ctx.condValue(cond));
    ctx.begin(ctx.currentIndex());
    const a = ctx.readGpr(aRef.name);
    const bImm = immOf(ins.operands[1]);
    const b = bImm !== undefined
      ? { kind: 'imm' as const, value: w === 32 ? bImm & mask(32) : bImm }
      : { kind: 'reg' as const, reg: ctx.readGpr(gprAt(ins, 1, ctx).name) };
    ctx.setIntFlags({ kind, a: { kind: 'reg', reg: a }, b, width: w });
    const p = ctx.packedNzcv();
    ctx.begin(ctx.currentIndex(), [p]);
    const c = ctx.loadCond();
    const t = ctx.scratch();
    ctx.emit(`xori ${t}, ${p}, ${nzcv}`); // p = c ? p : nzcv
    ctx.emit(`neg ${c}, ${c}`);
    ctx.emit(`and ${t}, ${t}, ${c}`);
    ctx.emit(`xori ${p}, ${t}, ${nzcv}`);
    ctx.setFlags({ kind: 'packed', reg: p });
  };
}

export const CONDITIONAL_RULES: Record<string, IntRule> = {
  csel: condSelect('csel'), csinc: condSelect('csinc'), csinv: condSelect('csinv'), csneg: condSelect('csneg'),
  cset: cset(false), csetm: cset(true), cinc: condUnary('inc'), cinv: condUnary('inv'), cneg: condUnary('neg'),
  ccmp: condCompare('sub'), ccmn: condCompare('add'),
};
