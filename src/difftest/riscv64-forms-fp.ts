// RISC-V64 difftest forms for F and D. Operations that can raise exception
// flags do not compare fflags: the semantics do not model the flags (see
// FpOp in src/ir/expr.ts), and reads of fflags are refused instead.
import type { Form } from './types.js';
import { spec, type Fmt, type SpecOptions } from './riscv64-gen.js';

const FLAGS: Form['ignore'] = { components: ['fflags'], reason: 'FP exception flags are not modelled' };
const FORMATS: readonly (readonly [string, Fmt])[] = [['s', 32], ['d', 64]];
const INTS = ['w', 'wu', 'l', 'lu'];

/** Without an rm operand the instruction rounds by frm (dyn); with one, by the operand (dyn included). */
function rounding(template: string, o: SpecOptions): Form[] {
  return [spec(template, { ...o, dynamic: true }), spec(`${template}, rm`, o)];
}

function forFormat(s: string, fmt: Fmt): Form[] {
  const arith: SpecOptions = { group: `${s === 's' ? 'F' : 'D'} arithmetic`, fmt, ignore: FLAGS };
  const bitsOnly: SpecOptions = { group: `${s === 's' ? 'F' : 'D'} sign, moves, class`, fmt };
  const conv: SpecOptions = { group: `${s === 's' ? 'F' : 'D'} conversions`, fmt, ignore: FLAGS };
  const mem: SpecOptions = { group: 'FP loads and stores', fmt, bytes: fmt / 8 };
  const out: Form[] = [];
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv']) out.push(...rounding(`${op}.${s} fd, fs1, fs2`, arith));
  out.push(...rounding(`fsqrt.${s} fd, fs1`, arith));
  for (const op of ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']) out.push(...rounding(`${op}.${s} fd, fs1, fs2, fs3`, arith));
  for (const op of ['fmin', 'fmax']) out.push(spec(`${op}.${s} fd, fs1, fs2`, arith));
  for (const op of ['feq', 'flt', 'fle', 'fgt', 'fge']) out.push(spec(`${op}.${s} rd, fs1, fs2`, arith));
  for (const op of ['fsgnj', 'fsgnjn', 'fsgnjx']) out.push(spec(`${op}.${s} fd, fs1, fs2`, bitsOnly));
  for (const op of ['fmv', 'fneg', 'fabs']) out.push(spec(`${op}.${s} fd, fs1`, bitsOnly));
  out.push(spec(`fclass.${s} rd, fs1`, bitsOnly));

  for (const n of INTS) {
    out.push(...rounding(`fcvt.${n}.${s} rd, fs1`, conv));
    // int -> double from 32 bits is exact: the assembler takes no rm and encodes rne.
    if (fmt === 64 && (n === 'w' || n === 'wu')) out.push(spec(`fcvt.${s}.${n} fd, rs1`, conv));
    else out.push(...rounding(`fcvt.${s}.${n} fd, rs1`, conv));
  }

  const load = fmt === 32 ? 'flw' : 'fld';
  const store = fmt === 32 ? 'fsw' : 'fsd';
  out.push(spec(`${load} fd, off(rs1)`, mem), spec(`${store} fs2, off(rs1)`, mem));
  // Symbol forms: the scratch register is left holding the auipc value.
  out.push(spec(`${load} fd, sym, rdnz`, { ...mem, name: `${load} fd, sym, rt` }), spec(`${store} fs2, sym, rdnz`, { ...mem, name: `${store} fs2, sym, rt` }));
  return out;
}

const moves: Form[] = [
  spec('fmv.x.w rd, fs1', { group: 'FP moves', fmt: 32 }),
  spec('fmv.x.s rd, fs1', { group: 'FP moves', fmt: 32 }),
  spec('fmv.w.x fd, rs1', { group: 'FP moves', fmt: 32 }),
  spec('fmv.s.x fd, rs1', { group: 'FP moves', fmt: 32 }),
  spec('fmv.x.d rd, fs1', { group: 'FP moves', fmt: 64 }),
  spec('fmv.d.x fd, rs1', { group: 'FP moves', fmt: 64 }),
  ...rounding('fcvt.s.d fd, fs1', { group: 'F/D conversions', fmt: 32, srcFmt: 64, ignore: FLAGS }),
  spec('fcvt.d.s fd, fs1', { group: 'F/D conversions', fmt: 64, srcFmt: 32, ignore: FLAGS }),
];

export const RISCV_FP_FORMS: Form[] = [...FORMATS.flatMap(([s, fmt]) => forFormat(s, fmt)), ...moves];
