// F and D conversions, bit moves between register files, and FP loads and
// stores.
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { extract, fp, sext, trunc } from './bv.js';
import { memoryAccess } from './memory.js';
import { box32, readF, readF64, readX, writeF, writeF64, writeX } from './operands.js';
import { rounded } from './rounding.js';

type Fw = 32 | 64;
const FORMATS: readonly (readonly [string, Fw])[] = [['s', 32], ['d', 64]];
const INTS: readonly (readonly [string, 32 | 64, boolean])[] = [['w', 32, true], ['wu', 32, false], ['l', 64, true], ['lu', 64, false]];

/**
 * fcvt.{w,wu,l,lu}.{s,d} rd, fs[, rm]: float to integer with saturation; a
 * NaN gives the largest value (NanPolicy 'default'). The 32-bit results,
 * unsigned ones included, are sign-extended to 64 bits.
 */
const toInt = (iw: 32 | 64, signed: boolean, fw: Fw): InstructionSemantics => (i, ctx) => {
  const x = readF(fw, i, 1, ctx);
  const r = rounded(i, 2, ctx, iw, [x], (rm) => fp(signed ? 'fcvt_si' : 'fcvt_ui', iw, fw, rm, 'default', [x]));
  writeX(i, 0, ctx, iw === 32 ? sext(64, r) : r);
};

/** fcvt.{s,d}.{w,wu,l,lu} fd, rs[, rm]: integer (low iw bits of rs) to float. */
const fromInt = (iw: 32 | 64, signed: boolean, fw: Fw): InstructionSemantics => (i, ctx) => {
  const x = trunc(iw, readX(i, 1, ctx));
  // Every 32-bit integer is exact in binary64: the assembler encodes rne by default.
  const exact = fw === 64 && iw === 32;
  const r = rounded(i, 2, ctx, fw, [x], (rm) => fp(signed ? 'fcvt_from_si' : 'fcvt_from_ui', fw, iw, rm, 'default', [x]), { exact });
  writeF(fw, i, 0, ctx, r);
};

/** fcvt.s.d narrows with rounding; fcvt.d.s widens exactly. NaNs become the canonical NaN. */
const convertFloat = (from: Fw, to: Fw): InstructionSemantics => (i, ctx) => {
  const x = readF(from, i, 1, ctx);
  const r = rounded(i, 2, ctx, to, [x], (rm) => fp('fcvt_f', to, from, rm, 'default', [x]), { exact: to > from });
  writeF(to, i, 0, ctx, r);
};

function build(): Record<string, InstructionSemantics> {
  const out: Record<string, InstructionSemantics> = {};
  for (const [f, fw] of FORMATS)
    for (const [n, iw, signed] of INTS) {
      out[`fcvt.${n}.${f}`] = toInt(iw, signed, fw);
      out[`fcvt.${f}.${n}`] = fromInt(iw, signed, fw);
    }
  out['fcvt.s.d'] = convertFloat(64, 32);
  out['fcvt.d.s'] = convertFloat(32, 64);

  // Bit moves. fmv.x.w copies the low 32 bits of the register as they are
  // (no NaN unboxing), sign-extended; fmv.w.x NaN-boxes.
  const toX32: InstructionSemantics = (i, ctx) => writeX(i, 0, ctx, sext(64, extract(31, 0, readF64(i, 1, ctx))));
  const fromX32: InstructionSemantics = (i, ctx) => writeF64(i, 0, ctx, box32(trunc(32, readX(i, 1, ctx))));
  out['fmv.x.w'] = toX32;
  out['fmv.x.s'] = toX32;
  out['fmv.w.x'] = fromX32;
  out['fmv.s.x'] = fromX32;
  out['fmv.x.d'] = (i, ctx) => writeX(i, 0, ctx, readF64(i, 1, ctx));
  out['fmv.d.x'] = (i, ctx) => writeF64(i, 0, ctx, readX(i, 1, ctx));

  // Loads NaN-box single-precision values; fsw stores the low 32 bits as they are.
  const fload = (bytes: 4 | 8): InstructionSemantics => (i, ctx) => {
    const { addr, finish } = memoryAccess(i, 1, ctx, 'fp-load');
    const value = ctx.load(addr, bytes);
    writeF64(i, 0, ctx, bytes === 4 ? box32(value) : value);
    finish();
  };
  const fstore = (bytes: 4 | 8): InstructionSemantics => (i, ctx) => {
    const raw = readF64(i, 0, ctx);
    const { addr, finish } = memoryAccess(i, 1, ctx, 'store');
    ctx.store(addr, bytes === 4 ? extract(31, 0, raw) : raw);
    finish();
  };
  out['flw'] = fload(4);
  out['fld'] = fload(8);
  out['fsw'] = fstore(4);
  out['fsd'] = fstore(8);
  return out;
}

export const FCONVERT_SEMANTICS: Record<string, InstructionSemantics> = build();
