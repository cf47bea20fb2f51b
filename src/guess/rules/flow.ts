// Control flow: branches (fused with the lazily kept flags), compare-and-branch,
// test-bit-and-branch, calls and tail calls (external ones adapted to the
// RISC-V ABI), returns. Jump tables are rebuilt by the function translator.
import type { InstructionStatement } from '../../asm/ast.js';
import { printExpr } from '../../asm/expr.js';
import type { BlockLowerer } from '../context.js';
import { adaptExternalCall, externalCallTarget, lowerOutlineAtomic } from './calls.js';
import { gprOf } from '../../isa/aarch64/semantics/operands.js';
import { gprAt, immAt } from './int-operands.js';
import { condAt } from './int-cond.js';
import type { IntRule } from './int.js';

function targetLabel(ins: InstructionStatement, k: number, ctx: BlockLowerer): string {
  const op = ins.operands[k];
  if (op?.kind !== 'expr') ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a label`);
  let e = op.expr;
  if (e.kind === 'reloc' && (e.style === 'at' || e.op === 'plt')) e = e.arg;
  if (e.kind !== 'sym') ctx.refuse(`branch target '${printExpr(e)}' is not a label`);
  return e.name;
}

const b: IntRule = (ins, ctx) => {
  const name = targetLabel(ins, 0, ctx);
  if (ctx.env.isBlockLabel(name)) {
    ctx.rule('b');
    ctx.emit(`j ${ctx.env.label(name)}`);
    return;
  }
  tailCall(name, ctx);
};

function tailCall(name: string, ctx: BlockLowerer): void {
  ctx.rule('tail-call');
  ctx.beforeCall(name);
  if (!ctx.env.isLocalFunction(name)) {
    if (lowerOutlineAtomic(name, ctx)) {
      ctx.emit('ret');
      return;
    }
    if (adaptExternalCall(name, ctx.env.prototype(name), ctx).length) ctx.refuse(`tail call to '${name}' with stack arguments`);
    boxSingleArguments(ctx);
  }
  ctx.emit(`tail ${name}`);
}

/**
 * LP64D passes a float NaN-boxed. A float argument that lives in its fa
 * register was boxed by the instruction that wrote it, but that may be in
 * another block, whose facts a block's entry mapping does not carry; so a
 * tail call boxes it again here (`fmv.w.x` boxes), and the exit's claim
 * holds within the block.
 */
function boxSingleArguments(ctx: BlockLowerer): void {
  for (const t of ctx.callArguments?.targetOnly ?? []) {
    const place = t.place;
    const n = place.kind === 'reg' ? /^f(1[0-7])$/.exec(place.name)?.[1] : undefined;
    if (n === undefined || place.kind !== 'reg' || place.bits?.hi !== 63 || place.bits.lo !== 32 || t.value !== 0xffffffffn) continue;
    const fa = `fa${Number(n) - 10}`;
    const x = ctx.scratch();
    ctx.emit(`fmv.x.w ${x}, ${fa}`);
    ctx.emit(`fmv.w.x ${fa}, ${x}`);
  }
}

const bcond: IntRule = (ins, ctx) => {
  const cond = ins.mnemonic.startsWith('b.') ? ins.mnemonic.slice(2) : ins.mnemonic.slice(1);
  ctx.rule(`b.cond`);
  ctx.branchIf(cond, ctx.env.label(targetLabel(ins, 0, ctx)));
};

function cbz(nonZero: boolean): IntRule {
  return (ins, ctx) => {
    const g = gprAt(ins, 0, ctx);
    const r = ctx.readGpr(g.name);
    const label = ctx.env.label(targetLabel(ins, 1, ctx));
    ctx.rule(ins.mnemonic);
    let t = r;
    if (g.width === 32 && r !== 'zero') {
      t = ctx.scratch();
      ctx.emit(`slli ${t}, ${r}, 32`);
    }
    ctx.emit(`${nonZero ? 'bnez' : 'beqz'} ${t}, ${label}`);
  };
}

function tbz(nonZero: boolean): IntRule {
  return (ins, ctx) => {
    const g = gprAt(ins, 0, ctx);
    const r = ctx.readGpr(g.name);
    const bit = Number(immAt(ins, 1, ctx));
    const label = ctx.env.label(targetLabel(ins, 2, ctx));
    ctx.rule(ins.mnemonic);
    const t = ctx.scratch();
    // Move the bit to the sign position and branch on the sign.
    if (bit === 63) ctx.emit(`mv ${t}, ${r}`);
    else ctx.emit(`slli ${t}, ${r}, ${63 - bit}`);
    ctx.emit(`${nonZero ? 'bltz' : 'bgez'} ${t}, ${label}`);
  };
}

const bl: IntRule = (ins, ctx) => {
  const name = targetLabel(ins, 0, ctx);
  ctx.materialiseAllPages();
  ctx.beforeCall(name);
  ctx.begin(ctx.currentIndex());
  if (ctx.env.isLocalFunction(name)) {
    ctx.rule('call-local');
    ctx.emit(`call ${name}`);
  } else if (lowerOutlineAtomic(name, ctx)) {
    // Inlined: no call happens, no FP register changes.
    ctx.begin(ctx.currentIndex());
    ctx.afterCall(name, { fpUnchanged: true });
    return;
  } else {
    ctx.rule('call-external');
    const after = adaptExternalCall(name, ctx.env.prototype(name), ctx, { runtime: true });
    ctx.emit(`call ${externalCallTarget(name, ctx.callArguments)}`);
    after.forEach((line) => ctx.emit(line));
  }
  ctx.begin(ctx.currentIndex());
  ctx.afterCall(name);
};

const blr: IntRule = (ins, ctx) => {
  const g = gprAt(ins, 0, ctx);
  ctx.materialiseAllPages();
  ctx.beforeCall();
  const r = ctx.readGpr(g.name);
  const n = Number(/^x(\d+)$/.exec(g.name)?.[1] ?? -1);
  const known = ctx.knownAddress.get(n);
  if (known !== undefined && !ctx.env.isLocalFunction(known)) {
    ctx.refuse(`indirect call to external '${known}' is not lowered`);
  }
  // Function pointers in this program point at translated functions, which keep the 1:1 register map.
  ctx.rule('call-indirect');
  ctx.emit(`jalr ${r}`);
  ctx.afterCall();
};

/**
 * `br xN` that translateFunction recognised as a tail call (no jump table,
 * the frame torn down as at a return): like `blr` without the link. The
 * callee is assumed to be a translated function keeping the 1:1 register
 * map, for the same reason as at `blr`; a pointer known to hold an external
 * function is refused. Not in FLOW_RULES: an unrecognised `br` has no rule.
 */
export function lowerIndirectTailCall(ins: InstructionStatement, ctx: BlockLowerer): void {
  const g = gprAt(ins, 0, ctx);
  const n = Number(/^x(\d+)$/.exec(gprOf(g.name)?.root ?? '')?.[1] ?? -1);
  if (g.width !== 64 || g.zero || g.sp || n < 0) ctx.refuse(`'br' through '${g.name}'`);
  // x30 holds the caller's return address at a tail call: `br x30` is a return, RISC-V `jr ra` too.
  if (n === 30) ctx.refuse("'br x30' (a return spelled as a jump)");
  const known = ctx.knownAddress.get(n);
  if (known !== undefined && !ctx.env.isLocalFunction(known)) ctx.refuse(`tail call through a register to external '${known}' is not lowered`);
  ctx.rule('tail-call-indirect');
  ctx.beforeCall();
  ctx.emit(`jr ${ctx.readGpr(g.name)}`);
}

const ret: IntRule = (ins, ctx) => {
  if (ins.operands.length && !(ins.operands[0]?.kind === 'reg' && (ins.operands[0].name === 'x30' || ins.operands[0].name === 'lr'))) {
    ctx.refuse("'ret' through a register other than x30");
  }
  ctx.rule('ret');
  ctx.beforeReturn();
  ctx.emit('ret');
};

const nop: IntRule = (_ins, ctx) => {
  ctx.rule('nop');
};

const dmb: IntRule = (_ins, ctx) => {
  ctx.rule('dmb');
  ctx.emit('fence rw, rw');
};

const trap: IntRule = (_ins, ctx) => {
  ctx.rule('trap');
  ctx.emit('unimp');
};

export const FLOW_RULES: Record<string, IntRule> = {
  b, bl, blr, ret, nop, dmb, brk: trap, udf: trap, hint: nop, bti: nop, paciasp: nop, autiasp: nop,
  cbz: cbz(false), cbnz: cbz(true), tbz: tbz(false), tbnz: tbz(true),
};

const CONDS = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
for (const c of CONDS) {
  FLOW_RULES[`b.${c}`] = bcond;
  FLOW_RULES[`b${c}`] = bcond;
}

export { condAt };
