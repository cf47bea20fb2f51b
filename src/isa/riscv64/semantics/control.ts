// Control transfer: conditional branches (and their pseudo forms), jumps,
// calls, returns, tail calls, and the instructions that trap.
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics, SemContext } from '../../../ir/semantics.js';
import { add, and, c, eq, ne, sle, slt, ule, ult } from './bv.js';
import { immSigned, operand, readX, readXName, regNumber, targetOf, xName, type Ins } from './operands.js';

type Cond = (a: BV, b: BV) => BV;

/** `bxx rs1, rs2, label`. */
const branch2 = (cond: Cond): InstructionSemantics => (i, ctx) =>
  ctx.branch(cond(readX(i, 0, ctx), readX(i, 1, ctx)), targetOf(i, 2, ctx));

/** `bxxz rs, label`: compares with zero. */
const branchZ = (cond: Cond): InstructionSemantics => (i, ctx) =>
  ctx.branch(cond(readX(i, 0, ctx), c(64, 0)), targetOf(i, 1, ctx));

const EQ: Cond = eq;
const NE: Cond = ne;
const LT: Cond = slt;
const GE: Cond = (a, b) => sle(b, a);
const LTU: Cond = ult;
const GEU: Cond = (a, b) => ule(b, a);
const swap = (f: Cond): Cond => (a, b) => f(b, a);

/**
 * A jump through a register: `jalr rd, off(rs)`, `jalr rd, rs, off`,
 * `jalr rs`, `jr rs`, `jr off(rs)`. The target is (rs + off) with bit 0
 * cleared. Linking through ra is a call; through zero, a jump (or the
 * return `jr ra`); linking through any other register is not a call the
 * calling convention knows, so it is reported.
 */
function jumpRegister(i: Ins, ctx: SemContext, link: string, k: number): void {
  const op = operand(i, k, ctx);
  let base: string;
  let offset: BV = c(64, 0);
  if (op.kind === 'rvmem') {
    const n = regNumber({ kind: 'reg', name: op.base });
    if (n === undefined || n >= 32) ctx.unsupported(`'${op.base}' is not an integer base register`);
    base = `x${n}`;
    if (op.offset) offset = ctx.value(op.offset);
  } else {
    base = xName(i, k, ctx);
    if (i.operands.length > k + 1) offset = immSigned(i, k + 1, ctx, 12);
  }
  const isZeroOffset = offset.op === 'const' && offset.value === 0n;
  if (link === 'x0') {
    if (base === 'x1' && isZeroOffset) return ctx.ret(ctx.get('x1'));
    return ctx.jump({ kind: 'address', value: targetAddress(readXName(base, ctx), offset) });
  }
  if (link === 'x1') return ctx.call({ kind: 'address', value: targetAddress(readXName(base, ctx), offset) });
  ctx.unsupported(`'${i.mnemonic}' linking through ${link}: only ra (a call) and zero (a jump) are modelled`);
}

function targetAddress(base: BV, offset: BV): BV {
  return and(add(base, offset), c(64, ~1n));
}

/** `jal label`, `jal rd, label`, `call label`, `call rd, label`: the link register decides. */
const linkJump = (i: Ins, ctx: SemContext): void => {
  const n = i.operands.length;
  const link = n === 2 ? xName(i, 0, ctx) : 'x1';
  const target = targetOf(i, n - 1, ctx);
  if (link === 'x1') return ctx.call(target);
  // `call rd, sym` uses t1 for the address even when rd is zero: not a plain jump.
  if (link === 'x0' && i.mnemonic === 'jal') return ctx.jump(target);
  ctx.unsupported(`'${i.mnemonic}' linking through ${link}: only ra (a call) and zero (a jump) are modelled`);
};

export const CONTROL_SEMANTICS: Record<string, InstructionSemantics> = {
  beq: branch2(EQ),
  bne: branch2(NE),
  blt: branch2(LT),
  bge: branch2(GE),
  bltu: branch2(LTU),
  bgeu: branch2(GEU),
  bgt: branch2(swap(LT)),
  ble: branch2(swap(GE)),
  bgtu: branch2(swap(LTU)),
  bleu: branch2(swap(GEU)),
  beqz: branchZ(EQ),
  bnez: branchZ(NE),
  blez: branchZ((a, z) => sle(a, z)),
  bgez: branchZ(GE),
  bltz: branchZ(LT),
  bgtz: branchZ((a, z) => slt(z, a)),

  j: (i, ctx) => ctx.jump(targetOf(i, 0, ctx)),
  jal: linkJump,
  call: linkJump,
  // `tail sym` jumps to another function. Its expansion (auipc t1; jr t1)
  // may leave a pc-relative value in t1, a temporary that is dead at a
  // function entry under the calling convention; the linker often relaxes
  // it to a plain `j`. The jump is what is modelled.
  tail: (i, ctx) => ctx.jump(targetOf(i, 0, ctx)),
  jalr: (i, ctx) => {
    // One operand links ra (`jalr rs`, `jalr off(rs)`); otherwise rd comes first.
    if (i.operands.length === 1) return jumpRegister(i, ctx, 'x1', 0);
    return jumpRegister(i, ctx, xName(i, 0, ctx), 1);
  },
  jr: (i, ctx) => jumpRegister(i, ctx, 'x0', 0),
  ret: (_i, ctx) => ctx.ret(ctx.get('x1')),

  // Traps end the block. ecall is a system call: what it does depends on the
  // operating system, so the block ends there and the caller decides.
  ecall: (_i, ctx) => ctx.trap('ecall: environment call'),
  ebreak: (_i, ctx) => ctx.trap('ebreak: breakpoint'),
  unimp: (_i, ctx) => ctx.trap('unimp: illegal instruction'),
  // wfi is illegal in user mode on Linux (qemu-user raises SIGILL).
  wfi: (_i, ctx) => ctx.trap('wfi: illegal instruction in user mode'),
};
