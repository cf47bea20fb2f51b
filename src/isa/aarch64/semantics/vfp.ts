// Advanced SIMD floating point on 2s, 4s and 2d (half precision has no IR
// format): arithmetic, fused multiply-add by vector and by element,
// compares, conversions, rounding, pairwise and across-lane reductions.
// Same FPCR assumption as the scalar forms (RNE, DN = 0, FZ = 0).
import { c, ite } from '../../../ir/build.js';
import type { BV, FpOp, RoundingMode } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { fabs, fmulAdd, fneg, fpOp, RNE, floatBits } from './fpcore.js';
import { ROUNDING, fpImmediate } from './fpscalar.js';
import { fprOf, immSmall, isImmOperand, operand, writeFpr } from './operands.js';
import { lanes2, lanes3, lanes3acc, type Lane2 } from './vint.js';
import { pairwise } from './vwide.js';
import { readLanes, reduce, sameArrangement, vec, writeLanes, type Arrangement } from './vec.js';

/** FP lanes are 32 or 64 bits, and the vector forms (no scalar d here: those are the scalar FP group). */
const notFp = (a: Arrangement) => (a.esize !== 32 && a.esize !== 64) || a.count === 1;

const arith = (fop: FpOp): Lane2 => (a, b) => fpOp(fop, a.w, [a, b]);

const all = (b: BV, w: number) => ite(b, c(w, -1), c(w, 0));

/** fcmeq/fcmge/fcmgt (register or #0.0), fcmle/fcmlt (#0.0 only). */
function compare(test: (a: BV, b: BV) => BV, zeroOnly = false): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const a = sameArrangement(i, ctx, d, n);
    if (notFp(a)) ctx.unsupported(`'${i.mnemonic}' arrangement`);
    let ml: BV[];
    if (isImmOperand(i.operands[2])) {
      if (fpImmediate(i, 2, ctx, a.esize) !== 0n) ctx.unsupported(`'${i.mnemonic}' compares with #0.0 only`);
      ml = Array.from({ length: a.count }, () => c(a.esize, 0));
    } else {
      if (zeroOnly) ctx.unsupported(`'${i.mnemonic}' register form is not modelled`);
      const m = vec(i, 2, ctx);
      sameArrangement(i, ctx, d, m);
      ml = readLanes(ctx, m);
    }
    writeLanes(ctx, d.n, readLanes(ctx, n).map((x, k) => all(test(x, ml[k]!), a.esize)));
  };
}

const flt = (a: BV, b: BV) => fpOp('flt', a.w, [a, b], RNE, 1);
const fle = (a: BV, b: BV) => fpOp('fle', a.w, [a, b], RNE, 1);
const feq = (a: BV, b: BV) => fpOp('feq', a.w, [a, b], RNE, 1);

/** Vector conversions to integers, with optional #fbits (see the scalar forms for why scaling first is exact). */
function toInteger(rm: RoundingMode, signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const a = sameArrangement(i, ctx, d, n);
    if (notFp(a)) ctx.unsupported(`'${i.mnemonic}' arrangement`);
    const fbits = i.operands.length > 2 ? immSmall(i, 2, ctx, a.esize) : 0;
    if (fbits && rm !== 'rtz') ctx.unsupported(`'${i.mnemonic}' has no fixed-point form`);
    const scale = c(a.esize, floatBits(2 ** fbits, a.esize));
    writeLanes(ctx, d.n, readLanes(ctx, n).map((x) => {
      const v = fbits ? fpOp('fmul', a.esize, [x, scale]) : x;
      return fpOp(signed ? 'fcvt_si' : 'fcvt_ui', a.esize, [v], rm, a.esize);
    }));
  };
}

function fromInteger(signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const a = sameArrangement(i, ctx, d, n);
    if (notFp(a)) ctx.unsupported(`'${i.mnemonic}' arrangement`);
    const fbits = i.operands.length > 2 ? immSmall(i, 2, ctx, a.esize) : 0;
    const scale = c(a.esize, floatBits(2 ** -fbits, a.esize));
    writeLanes(ctx, d.n, readLanes(ctx, n).map((x) => {
      const v = fpOp(signed ? 'fcvt_from_si' : 'fcvt_from_ui', a.esize, [x], RNE, a.esize);
      return fbits ? fpOp('fmul', a.esize, [v, scale]) : v;
    }));
  };
}

/** fcvtl(2): 2s (or the upper 2s of 4s) to 2d; fcvtn(2): 2d to 2s (or the upper half). */
const fcvtl: InstructionSemantics = (i, ctx) => {
  const d = vec(i, 0, ctx);
  const n = vec(i, 1, ctx);
  const up = i.mnemonic.endsWith('2');
  if (d.arr.esize !== 64 || d.arr.count !== 2 || n.arr.esize !== 32 || n.arr.count !== (up ? 4 : 2)) {
    ctx.unsupported(`'${i.mnemonic}' is modelled from single to double precision only`);
  }
  const l = readLanes(ctx, n).slice(up ? 2 : 0);
  writeLanes(ctx, d.n, l.map((x) => fpOp('fcvt_f', 32, [x], RNE, 64)));
};

const fcvtn: InstructionSemantics = (i, ctx) => {
  const d = vec(i, 0, ctx);
  const n = vec(i, 1, ctx);
  const up = i.mnemonic.endsWith('2');
  if (n.arr.esize !== 64 || n.arr.count !== 2 || d.arr.esize !== 32 || d.arr.count !== (up ? 4 : 2)) {
    ctx.unsupported(`'${i.mnemonic}' is modelled from double to single precision only`);
  }
  const r = readLanes(ctx, n).map((x) => fpOp('fcvt_f', 64, [x], RNE, 32));
  const low = up ? readLanes(ctx, d).slice(0, 2) : [];
  writeLanes(ctx, d.n, [...low, ...r]);
};

/** fmaxv/fminv/fmaxnmv/fminnmv s0, v.4s: Arm's pairwise-halving Reduce. */
function across(op: Lane2): InstructionSemantics {
  return (i, ctx) => {
    const dst = operand(i, 0, ctx);
    const f = dst.kind === 'reg' ? fprOf(dst.name) : undefined;
    const n = vec(i, 1, ctx);
    if (!f || f.w !== 32 || n.arr.esize !== 32 || n.arr.count !== 4) return ctx.unsupported(`'${i.mnemonic}' is modelled for s, v.4s`);
    writeFpr(ctx, f, reduce(readLanes(ctx, n), op));
  };
}

const fp3 = (op: Lane2) => lanes3(op, { refuse: notFp });
const fp3e = (op: Lane2) => lanes3(op, { refuse: notFp, byElement: true });

export const VFP_SEMANTICS: Record<string, InstructionSemantics> = {
  fadd: fp3(arith('fadd')),
  fsub: fp3(arith('fsub')),
  fmul: fp3e(arith('fmul')),
  fdiv: fp3(arith('fdiv')),
  fmax: fp3(arith('fmax')),
  fmin: fp3(arith('fmin')),
  fmaxnm: fp3(arith('fmaxnum')),
  fminnm: fp3(arith('fminnum')),
  fabd: fp3((a, b) => fabs(fpOp('fsub', a.w, [a, b]))),
  fmla: lanes3acc((d, a, b) => fmulAdd(d, a, b), { refuse: notFp, byElement: true }),
  fmls: lanes3acc((d, a, b) => fmulAdd(d, fneg(a), b), { refuse: notFp, byElement: true }),
  fneg: lanes2(fneg, { refuse: notFp }),
  fabs: lanes2(fabs, { refuse: notFp }),
  fsqrt: lanes2((x) => fpOp('fsqrt', x.w, [x]), { refuse: notFp }),
  fcmeq: compare(feq),
  fcmge: compare((a, b) => fle(b, a)),
  fcmgt: compare((a, b) => flt(b, a)),
  fcmle: compare((a, b) => fle(a, b), true),
  fcmlt: compare((a, b) => flt(a, b), true),
  facge: fp3((a, b) => all(fle(fabs(b), fabs(a)), a.w)),
  facgt: fp3((a, b) => all(flt(fabs(b), fabs(a)), a.w)),
  faddp: pairwise(arith('fadd'), [32, 64], false, true),
  fmaxp: pairwise(arith('fmax'), [32, 64], false, true),
  fminp: pairwise(arith('fmin'), [32, 64], false, true),
  fmaxnmp: pairwise(arith('fmaxnum'), [32, 64], false, true),
  fminnmp: pairwise(arith('fminnum'), [32, 64], false, true),
  fmaxv: across(arith('fmax')),
  fminv: across(arith('fmin')),
  fmaxnmv: across(arith('fmaxnum')),
  fminnmv: across(arith('fminnum')),
  scvtf: fromInteger(true),
  ucvtf: fromInteger(false),
  fcvtl,
  fcvtl2: fcvtl,
  fcvtn,
  fcvtn2: fcvtn,
};

for (const [letter, rm] of Object.entries(ROUNDING)) {
  if (letter !== 'x' && letter !== 'i') {
    VFP_SEMANTICS[`fcvt${letter}s`] = toInteger(rm, true);
    VFP_SEMANTICS[`fcvt${letter}u`] = toInteger(rm, false);
  }
  VFP_SEMANTICS[`frint${letter}`] = lanes2((x) => fpOp('fround', x.w, [x], rm), { refuse: notFp });
}

