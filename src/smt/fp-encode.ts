// SMT-LIB encoding of the IR's floating-point nodes, following the FpOp and
// NanPolicy rules in src/ir/expr.ts exactly.
//
// Inputs and outputs are bit patterns. Operands become FloatingPoint terms
// with `(_ to_fp eb sb)` on their bits; a non-NaN result goes back with
// `fp.to_ieee_bv`. A NaN result is never taken from `fp.to_ieee_bv` (Z3
// leaves its bits unconstrained): its bits are chosen here with `ite`, from
// the operands' bit patterns, as the node's NanPolicy says. NaN tests on
// operands are done on the bits too, so signalling and quiet NaNs are told
// apart (the FloatingPoint theory has a single NaN).
import type { BV, FpOp, NanPolicy, RoundingMode } from '../ir/expr.js';
import { bvLit } from './literals.js';

type FpNode = Extract<BV, { op: 'fp' }>;

/** What the FP encoder needs from the main encoder. */
export interface FpHost {
  /** Names `text` (of sort `sort`) with a define-fun and returns the name. */
  define(sort: string, text: string): string;
}

interface Format {
  /** Total, exponent and significand (with hidden bit) widths. */
  w: number;
  eb: number;
  sb: number;
}

function format(fw: number, what: string): Format {
  if (fw === 32) return { w: 32, eb: 8, sb: 24 };
  if (fw === 64) return { w: 64, eb: 11, sb: 53 };
  throw new Error(`floating-point ${what} of unsupported width ${fw} (binary32 and binary64 only)`);
}

const RM: Record<RoundingMode, string> = { rne: 'RNE', rtz: 'RTZ', rdn: 'RTN', rup: 'RTP', rmm: 'RNA' };

const fpSort = (f: Format) => `(_ FloatingPoint ${f.eb} ${f.sb})`;
const ones = (n: number) => (1n << BigInt(n)) - 1n;

/** The canonical quiet NaN: sign 0, exponent all ones, only the quiet bit of the fraction set. */
function defaultNaN(f: Format): bigint {
  return (ones(f.eb) << BigInt(f.sb - 1)) | (1n << BigInt(f.sb - 2));
}

/** Bit-level classification of a pattern, as Bool terms. */
class Bits {
  constructor(
    readonly f: Format,
    readonly term: string,
  ) {}
  private field(hi: number, lo: number): string {
    return `((_ extract ${hi} ${lo}) ${this.term})`;
  }
  private expAllOnes(): string {
    return `(= ${this.field(this.f.w - 2, this.f.sb - 1)} ${bvLit(this.f.eb, ones(this.f.eb))})`;
  }
  private quietBit(): string {
    return this.field(this.f.sb - 2, this.f.sb - 2);
  }
  isNaN(): string {
    return `(and ${this.expAllOnes()} (not (= ${this.field(this.f.sb - 2, 0)} ${bvLit(this.f.sb - 1, 0n)})))`;
  }
  isQNaN(): string {
    return `(and ${this.expAllOnes()} (= ${this.quietBit()} #b1))`;
  }
  isSNaN(): string {
    // Exponent all ones, quiet bit clear, some other fraction bit set (else it is an infinity).
    const rest = this.f.sb - 2 > 0 ? `(not (= ${this.field(this.f.sb - 3, 0)} ${bvLit(this.f.sb - 2, 0n)}))` : 'false';
    return `(and ${this.expAllOnes()} (= ${this.quietBit()} #b0) ${rest})`;
  }
  quieted(): string {
    return `(bvor ${this.term} ${bvLit(this.f.w, 1n << BigInt(this.f.sb - 2))})`;
  }
  sign(): string {
    return this.field(this.f.w - 1, this.f.w - 1);
  }
  /** The fraction bits below the quiet bit (the NaN payload). */
  payload(): string {
    return this.field(this.f.sb - 3, 0);
  }
}

/**
 * The bits of a NaN result under `policy`: `default` is the canonical NaN;
 * `propagate` is the first signalling operand made quiet, else the first
 * quiet operand, else (an invalid operation on numbers) the canonical NaN.
 */
function nanResult(policy: NanPolicy, f: Format, ops: readonly Bits[]): string {
  let r = bvLit(f.w, defaultNaN(f));
  if (policy === 'default') return r;
  for (let i = ops.length - 1; i >= 0; i--) r = `(ite ${ops[i]!.isQNaN()} ${ops[i]!.term} ${r})`;
  for (let i = ops.length - 1; i >= 0; i--) r = `(ite ${ops[i]!.isSNaN()} ${ops[i]!.quieted()} ${r})`;
  return r;
}

/** An exact power of two 2^k (sign applied) as a FloatingPoint literal, or undefined when it overflows the format. */
function powerOfTwo(f: Format, k: number, negative: boolean): string | undefined {
  const bias = (1 << (f.eb - 1)) - 1;
  if (k > bias) return undefined;
  const exp = BigInt(k + bias);
  return `(fp ${negative ? '#b1' : '#b0'} ${bvLit(f.eb, exp)} ${bvLit(f.sb - 1, 0n)})`;
}

const bool1 = (cond: string) => `(ite ${cond} #b1 #b0)`;

export function encodeFp(e: FpNode, args: readonly string[], host: FpHost): string {
  const rm = RM[e.rm];
  const arity: Record<FpOp, number> = {
    fadd: 2, fsub: 2, fmul: 2, fdiv: 2, fsqrt: 1, fma: 3, fmin: 2, fmax: 2, fminnum: 2, fmaxnum: 2,
    feq: 2, flt: 2, fle: 2, funord: 2, fcvt_f: 1, fcvt_si: 1, fcvt_ui: 1, fcvt_from_si: 1, fcvt_from_ui: 1, fround: 1,
  };
  if (args.length !== arity[e.fop]) throw new Error(`fp ${e.fop} takes ${arity[e.fop]} operands, got ${args.length}`);
  for (const a of e.args) if (a.w !== e.fw) throw new Error(`fp ${e.fop} operand of ${a.w} bits, format width ${e.fw}`);

  if (e.fop === 'fcvt_from_si' || e.fop === 'fcvt_from_ui') {
    // fw is the integer width here; the result is a float of width w. Never NaN.
    const to = format(e.w, 'conversion target');
    const conv = e.fop === 'fcvt_from_si' ? `(_ to_fp ${to.eb} ${to.sb})` : `(_ to_fp_unsigned ${to.eb} ${to.sb})`;
    return `(fp.to_ieee_bv (${conv} ${rm} ${args[0]}))`;
  }

  const f = format(e.fw, e.fop);
  const bits = args.map((t) => new Bits(f, t));
  const val = args.map((t) => host.define(fpSort(f), `((_ to_fp ${f.eb} ${f.sb}) ${t})`));
  const anyNaN = bits.length === 1 ? bits[0]!.isNaN() : `(or ${bits.map((b) => b.isNaN()).join(' ')})`;
  const nan = () => nanResult(e.nan, f, bits);
  const checkWidth = (w: number) => {
    if (e.w !== w) throw new Error(`fp ${e.fop} result must be ${w} bits, node says ${e.w}`);
  };

  /** Result of an arithmetic operation: NaN by the policy, else the rounded value's bits. */
  const arith = (text: string, nanBits = nan()) => {
    checkWidth(f.w);
    const r = host.define(fpSort(f), text);
    return `(ite (fp.isNaN ${r}) ${nanBits} (fp.to_ieee_bv ${r}))`;
  };

  /** min/max on non-NaN operands with -0 < +0 (fp.min/fp.max leave the zeros' order open, so it is decided on the bits). */
  const minMax = (isMin: boolean) => {
    const [a, b] = args as [string, string];
    const [fa, fb] = val as [string, string];
    const lt = `(fp.lt ${fa} ${fb})`;
    const gt = `(fp.lt ${fb} ${fa})`;
    // Equal non-NaN values have identical bits, except +0/-0: OR picks -0, AND picks +0.
    const tie = isMin ? `(bvor ${a} ${b})` : `(bvand ${a} ${b})`;
    return isMin ? `(ite ${lt} ${a} (ite ${gt} ${b} ${tie}))` : `(ite ${gt} ${a} (ite ${lt} ${b} ${tie}))`;
  };

  switch (e.fop) {
    case 'fadd': return arith(`(fp.add ${rm} ${val[0]} ${val[1]})`);
    case 'fsub': return arith(`(fp.sub ${rm} ${val[0]} ${val[1]})`);
    case 'fmul': return arith(`(fp.mul ${rm} ${val[0]} ${val[1]})`);
    case 'fdiv': return arith(`(fp.div ${rm} ${val[0]} ${val[1]})`);
    case 'fsqrt': return arith(`(fp.sqrt ${rm} ${val[0]})`);
    case 'fma': {
      // IR order is [addend, x, y]; fp.fma computes x*y + addend. The one
      // exception to the policy (AArch64 FPMulAdd): a quiet NaN addend with
      // x*y = inf * 0 gives the default NaN.
      const [fx, fy] = [val[1]!, val[2]!];
      const infTimesZero = `(or (and (fp.isInfinite ${fx}) (fp.isZero ${fy})) (and (fp.isZero ${fx}) (fp.isInfinite ${fy})))`;
      const nanBits = e.nan === 'propagate' ? `(ite (and ${bits[0]!.isQNaN()} ${infTimesZero}) ${bvLit(f.w, defaultNaN(f))} ${nan()})` : nan();
      return arith(`(fp.fma ${rm} ${fx} ${fy} ${val[0]})`, nanBits);
    }
    case 'fround': return arith(`(fp.roundToIntegral ${rm} ${val[0]})`);

    case 'fmin':
    case 'fmax':
      checkWidth(f.w);
      return `(ite ${anyNaN} ${nan()} ${minMax(e.fop === 'fmin')})`;

    case 'fminnum':
    case 'fmaxnum': {
      checkWidth(f.w);
      const [a, b] = bits as [Bits, Bits];
      // Exactly one NaN: the other operand, except that `propagate` returns a signalling NaN made quiet.
      const onlyA = e.nan === 'propagate' ? `(ite ${a.isSNaN()} ${a.quieted()} ${b.term})` : b.term;
      const onlyB = e.nan === 'propagate' ? `(ite ${b.isSNaN()} ${b.quieted()} ${a.term})` : a.term;
      return `(ite (and ${a.isNaN()} ${b.isNaN()}) ${nan()} (ite ${a.isNaN()} ${onlyA} (ite ${b.isNaN()} ${onlyB} ${minMax(e.fop === 'fminnum')})))`;
    }

    case 'feq': checkWidth(1); return bool1(`(fp.eq ${val[0]} ${val[1]})`);
    case 'flt': checkWidth(1); return bool1(`(fp.lt ${val[0]} ${val[1]})`);
    case 'fle': checkWidth(1); return bool1(`(fp.leq ${val[0]} ${val[1]})`);
    case 'funord': checkWidth(1); return bool1(anyNaN);

    case 'fcvt_f': {
      const to = format(e.w, 'conversion target');
      const a = bits[0]!;
      let nanBits: string;
      if (e.nan === 'default') nanBits = bvLit(to.w, defaultNaN(to));
      else {
        // Quieted input NaN, sign kept, top payload bits kept (truncated or zero-padded at the bottom).
        const fromP = f.sb - 2;
        const toP = to.sb - 2;
        const payload =
          toP <= fromP
            ? `((_ extract ${fromP - 1} ${fromP - toP}) ${a.payload()})`
            : `(concat ${a.payload()} ${bvLit(toP - fromP, 0n)})`;
        nanBits = `(concat ${a.sign()} (concat ${bvLit(to.eb + 1, ones(to.eb + 1))} ${payload}))`;
      }
      return `(ite ${a.isNaN()} ${nanBits} (fp.to_ieee_bv ((_ to_fp ${to.eb} ${to.sb}) ${rm} ${val[0]})))`;
    }

    case 'fcvt_si':
    case 'fcvt_ui': {
      const w = e.w;
      const signed = e.fop === 'fcvt_si';
      const max = signed ? ones(w - 1) : ones(w);
      const min = signed ? 1n << BigInt(w - 1) : 0n;
      const nanInt = e.nan === 'default' ? max : 0n;
      // Round first, then compare the integral value with the bounds: in range exactly when
      // -2^(w-1) <= r < 2^(w-1) (signed) or -1 < r < 2^w (unsigned). A bound beyond the
      // format's range is only reached by an infinity.
      const r = host.define(fpSort(f), `(fp.roundToIntegral ${rm} ${val[0]})`);
      const hi = powerOfTwo(f, signed ? w - 1 : w, false);
      const tooBig = hi ? `(fp.geq ${r} ${hi})` : `(= ${r} (_ +oo ${f.eb} ${f.sb}))`;
      let tooSmall: string;
      if (signed) {
        const lo = powerOfTwo(f, w - 1, true);
        tooSmall = lo ? `(fp.lt ${r} ${lo})` : `(= ${r} (_ -oo ${f.eb} ${f.sb}))`;
      } else {
        tooSmall = `(fp.lt ${r} (_ +zero ${f.eb} ${f.sb}))`;
      }
      const conv = `((_ ${signed ? 'fp.to_sbv' : 'fp.to_ubv'} ${w}) RTZ ${r})`;
      return `(ite ${bits[0]!.isNaN()} ${bvLit(w, nanInt)} (ite ${tooBig} ${bvLit(w, max)} (ite ${tooSmall} ${bvLit(w, min)} ${conv})))`;
    }
  }
}
