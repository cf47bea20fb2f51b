// Branches, calls and returns; system instructions (hints, barriers,
// system registers, traps, pointer authentication); LSE atomics.
import { add, and, c, concat, eq, extract, ite, not, or, sle, slt, trunc, ule, ult, v, xor, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { ControlTarget, InstructionSemantics } from '../../../ir/semantics.js';
import { gprAt, plainAddress, sizeSuffix } from './mem.js';
import {
  conditionHolds, currentFlags, gpr, immConst, immSmall, operand, readGpr, setFlags, writeGpr, type Ctx, type Ins,
} from './operands.js';

function targetOf(i: Ins, k: number, ctx: Ctx): ControlTarget {
  const op = operand(i, k, ctx);
  if (op.kind !== 'expr' && op.kind !== 'imm') ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a label`);
  if (op.kind === 'imm' && op.prefix !== '') ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a label`);
  return ctx.target(op.expr);
}

function registerTarget(i: Ins, k: number, ctx: Ctx): ControlTarget {
  const g = gpr(i, k, ctx);
  if (g.w !== 64 || g.root === 'sp') ctx.unsupported(`'${i.mnemonic}' needs an X register`);
  return { kind: 'address', value: readGpr(ctx, g) };
}

function conditionalBranch(cond: string): InstructionSemantics {
  return (i, ctx) => {
    const target = targetOf(i, 0, ctx);
    if (cond === 'al' || cond === 'nv') ctx.jump(target);
    else ctx.branch(conditionHolds(cond, currentFlags(ctx)), target);
  };
}

function compareBranch(nonZero: boolean): InstructionSemantics {
  return (i, ctx) => {
    const t = gpr(i, 0, ctx);
    const x = readGpr(ctx, t);
    const zero = eq(x, c(t.w, 0));
    ctx.branch(nonZero ? not(zero) : zero, targetOf(i, 1, ctx));
  };
}

function testBranch(nonZero: boolean): InstructionSemantics {
  return (i, ctx) => {
    const t = gpr(i, 0, ctx);
    const bit = immSmall(i, 1, ctx, t.w - 1);
    const set = extract(bit, bit, readGpr(ctx, t));
    ctx.branch(nonZero ? set : not(set), targetOf(i, 2, ctx));
  };
}

const noEffect: InstructionSemantics = () => {};

/**
 * Pointer authentication is not modelled. Under qemu-aarch64 (which
 * implements FEAT_PAuth and gives each process keys) and on Linux with PAC
 * hardware, paciasp really changes x30, so treating it as identity would
 * be wrong; an opaque function would be sound but cannot be tested or
 * matched on another ISA. So these report themselves instead.
 */
const pointerAuth: InstructionSemantics = (i, ctx) =>
  ctx.unsupported(`pointer authentication ('${i.mnemonic}') is not modelled: it changes register values under PAC-enabled Linux and qemu`);

/** Hint numbers of the PAC instructions in the hint space (gas writes `hint #25` for paciasp on armv8.0). */
const PAC_HINTS = new Set([7, 8, 10, 12, 14, 24, 25, 26, 27, 28, 29, 30, 31]);

const hint: InstructionSemantics = (i, ctx) => {
  const n = immSmall(i, 0, ctx, 127);
  if (PAC_HINTS.has(n)) pointerAuth(i, ctx);
  // Every other hint (nop, yield, wfe, sev, bti, csdb, esb, ...) leaves the modelled state alone.
};

function systemRegister(i: Ins, k: number, ctx: Ctx): string {
  const op = operand(i, k, ctx);
  if (op.kind !== 'expr' || op.expr.kind !== 'sym') ctx.unsupported(`'${i.mnemonic}' needs a system register name`);
  return op.expr.name.toLowerCase();
}

const mrs: InstructionSemantics = (i, ctx) => {
  const d = gpr(i, 0, ctx);
  if (d.w !== 64) ctx.unsupported(`'mrs' writes an X register`);
  const reg = systemRegister(i, 1, ctx);
  switch (reg) {
    case 'nzcv': {
      const f = currentFlags(ctx);
      writeGpr(ctx, d, zext(64, concat(concat(concat(concat(f.n, f.z), f.c), f.v), c(28, 0))));
      return;
    }
    case 'tpidr_el0':
      // The thread pointer: constant for the thread, set by the C library
      // before user code runs. A program that writes it (msr) is refused.
      writeGpr(ctx, d, v(64, 'tpidr_el0'));
      return;
    case 'fpsr':
    case 'fpcr':
      return ctx.unsupported(`'mrs ${reg}': FP exception flags and modes are not modelled`);
  }
  ctx.unsupported(`'mrs ${reg}' is not modelled`);
};

const msr: InstructionSemantics = (i, ctx) => {
  const reg = systemRegister(i, 0, ctx);
  if (reg === 'nzcv') {
    const x = readGpr(ctx, gpr(i, 1, ctx));
    setFlags(ctx, { n: extract(31, 31, x), z: extract(30, 30, x), c: extract(29, 29, x), v: extract(28, 28, x) });
    return;
  }
  ctx.unsupported(`'msr ${reg}' is not modelled`);
};

// ---------------------------------------------------------------- LSE atomics

type AtomicOp = (old: BV, s: BV) => BV;
const ATOMIC_OPS: Record<string, AtomicOp> = {
  add: (a, b) => add(a, b),
  clr: (a, b) => and(a, not(b)),
  eor: (a, b) => xor(a, b),
  set: (a, b) => or(a, b),
  smax: (a, b) => ite(slt(a, b), b, a),
  smin: (a, b) => ite(sle(a, b), a, b),
  umax: (a, b) => ite(ult(a, b), b, a),
  umin: (a, b) => ite(ule(a, b), a, b),
};

/**
 * ld<op>, st<op> (= ld<op> into zr), swp: read the old value, store
 * op(old, s), return the old value (zero-extended). The acquire/release
 * suffixes order memory for other threads and change nothing here.
 */
function atomic(op: AtomicOp | 'swp', hasResult: boolean): InstructionSemantics {
  return (i, ctx) => {
    const s = gprAt(i, 0, ctx);
    const t = hasResult ? gprAt(i, 1, ctx) : undefined;
    if (t && t.w !== s.w) ctx.unsupported(`'${i.mnemonic}' registers must have one width`);
    const addr = plainAddress(i, hasResult ? 2 : 1, ctx);
    const bytes = sizeSuffix(i.mnemonic, s);
    const old = ctx.load(addr, bytes);
    const sv = trunc(bytes * 8, readGpr(ctx, s));
    ctx.store(addr, op === 'swp' ? sv : op(old, sv));
    if (t) writeGpr(ctx, t, zext(t.w, old));
  };
}

/** cas s, t, [xn]: if memory equals s, store t; s gets the old value. */
const cas: InstructionSemantics = (i, ctx) => {
  const s = gprAt(i, 0, ctx);
  const t = gprAt(i, 1, ctx);
  if (s.w !== t.w) ctx.unsupported(`'${i.mnemonic}' registers must have one width`);
  const addr = plainAddress(i, 2, ctx);
  const bytes = sizeSuffix(i.mnemonic, s);
  const old = ctx.load(addr, bytes);
  const expected = trunc(bytes * 8, readGpr(ctx, s));
  // Storing the old value back when the compare fails leaves memory as it was.
  ctx.store(addr, ite(eq(old, expected), trunc(bytes * 8, readGpr(ctx, t)), old));
  writeGpr(ctx, s, zext(s.w, old));
};

/** casp s, s+1, t, t+1, [xn]: a pair compared and swapped as one. */
const casp: InstructionSemantics = (i, ctx) => {
  const [s1, s2, t1, t2] = [0, 1, 2, 3].map((k) => gprAt(i, k, ctx)) as [ReturnType<typeof gprAt>, ReturnType<typeof gprAt>, ReturnType<typeof gprAt>, ReturnType<typeof gprAt>];
  if (new Set([s1.w, s2.w, t1.w, t2.w]).size !== 1) ctx.unsupported(`'${i.mnemonic}' registers must have one width`);
  const w = s1.w;
  const addr = plainAddress(i, 4, ctx);
  const old = ctx.load(addr, (2 * w) / 8);
  const expected = concat(readGpr(ctx, s2), readGpr(ctx, s1));
  ctx.store(addr, ite(eq(old, expected), concat(readGpr(ctx, t2), readGpr(ctx, t1)), old));
  writeGpr(ctx, s1, extract(w - 1, 0, old));
  writeGpr(ctx, s2, extract(2 * w - 1, w, old));
};

// ---------------------------------------------------------------- table

export const CONTROL_SEMANTICS: Record<string, InstructionSemantics> = {
  b: (i, ctx) => ctx.jump(targetOf(i, 0, ctx)),
  bl: (i, ctx) => ctx.call(targetOf(i, 0, ctx)),
  br: (i, ctx) => ctx.jump(registerTarget(i, 0, ctx)),
  blr: (i, ctx) => ctx.call(registerTarget(i, 0, ctx)),
  ret: (i, ctx) => {
    if (i.operands.length === 0) ctx.ret(ctx.get('x30'));
    else {
      const t = registerTarget(i, 0, ctx);
      ctx.ret(t.kind === 'address' ? t.value : ctx.get('x30'));
    }
  },
  cbz: compareBranch(false),
  cbnz: compareBranch(true),
  tbz: testBranch(false),
  tbnz: testBranch(true),
  nop: noEffect,
  yield: noEffect,
  wfe: noEffect,
  wfi: noEffect,
  sev: noEffect,
  sevl: noEffect,
  csdb: noEffect,
  ssbb: noEffect,
  pssbb: noEffect,
  sb: noEffect,
  isb: noEffect,
  dmb: noEffect,
  dsb: noEffect,
  // Clears the exclusive monitor: with stxr modelled as always succeeding, nothing to do.
  clrex: noEffect,
  // A landing pad for indirect branches; no effect on registers or memory.
  bti: noEffect,
  prfm: noEffect,
  prfum: noEffect,
  hint,
  mrs,
  msr,
  udf: (i, ctx) => ctx.trap(`udf #${immConst(i, 0, ctx)}`),
  brk: (i, ctx) => ctx.trap(`brk #${immConst(i, 0, ctx)}`),
  hlt: (i, ctx) => ctx.trap(`hlt #${immConst(i, 0, ctx)}`),
};

for (const cc of ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le']) {
  CONTROL_SEMANTICS[`b.${cc}`] = conditionalBranch(cc);
  CONTROL_SEMANTICS[`b${cc}`] = conditionalBranch(cc);
  CONTROL_SEMANTICS[`bc.${cc}`] = conditionalBranch(cc);
}
for (const cc of ['al', 'nv']) {
  CONTROL_SEMANTICS[`b.${cc}`] = conditionalBranch(cc);
  CONTROL_SEMANTICS[`bc.${cc}`] = conditionalBranch(cc);
}
for (const m of [
  'paciasp', 'pacibsp', 'autiasp', 'autibsp', 'paciaz', 'pacibz', 'autiaz', 'autibz', 'pacia1716', 'pacib1716', 'autia1716',
  'autib1716', 'xpaclri', 'pacia', 'pacib', 'pacda', 'pacdb', 'autia', 'autib', 'autda', 'autdb', 'pacga', 'paciza', 'pacizb',
  'pacdza', 'pacdzb', 'autiza', 'autizb', 'autdza', 'autdzb', 'xpaci', 'xpacd', 'braa', 'brab', 'braaz', 'brabz', 'blraa',
  'blrab', 'blraaz', 'blrabz', 'retaa', 'retab', 'ldraa', 'ldrab',
]) CONTROL_SEMANTICS[m] = pointerAuth;

for (const order of ['', 'a', 'l', 'al']) {
  for (const size of ['', 'b', 'h']) {
    for (const [name, op] of Object.entries(ATOMIC_OPS)) {
      CONTROL_SEMANTICS[`ld${name}${order}${size}`] = atomic(op, true);
      if (order === '' || order === 'l') CONTROL_SEMANTICS[`st${name}${order}${size}`] = atomic(op, false);
    }
    CONTROL_SEMANTICS[`swp${order}${size}`] = atomic('swp', true);
    CONTROL_SEMANTICS[`cas${order}${size}`] = cas;
  }
  CONTROL_SEMANTICS[`casp${order}`] = casp;
}

