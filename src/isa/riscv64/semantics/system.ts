// Fences, hints and Zicsr for the floating-point CSRs (fflags, frm, fcsr).
//
// FP operations do not model the accrued exception flags (see FpOp in
// src/ir/expr.ts): the `fflags` component is only what software last wrote.
// So writes of fflags are modelled, and every read of fflags or fcsr (which
// contains it) is reported as unsupported rather than answered with a value
// that may be stale. frm is fully modelled. Other CSRs (cycle, time,
// instret, ...) are not.
import type { Expr } from '../../../asm/ast.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics, SemContext } from '../../../ir/semantics.js';
import { and, c, extract, not, or, trunc, zext } from './bv.js';
import { immExpr, immUnsigned, readX, xName, type Ins } from './operands.js';

type Csr = 'fflags' | 'frm' | 'fcsr';
const CSR_NUMBERS: Record<number, Csr> = { 1: 'fflags', 2: 'frm', 3: 'fcsr' };

function csrOf(i: Ins, k: number, ctx: SemContext): Csr {
  const e: Expr = immExpr(i, k, ctx);
  if (e.kind === 'sym' && (e.name === 'fflags' || e.name === 'frm' || e.name === 'fcsr')) return e.name;
  if (e.kind === 'num' && CSR_NUMBERS[Number(e.value)]) return CSR_NUMBERS[Number(e.value)]!;
  return ctx.unsupported(`'${i.mnemonic}': only the floating-point CSRs fflags, frm and fcsr are modelled`);
}

function readCsr(i: Ins, csr: Csr, ctx: SemContext): BV {
  if (csr === 'frm') return zext(64, ctx.get('frm'));
  return ctx.unsupported(`'${i.mnemonic}' reads ${csr}: floating-point exception flags are not modelled`);
}

function writeCsr(csr: Csr, value: BV, ctx: SemContext): void {
  if (csr === 'frm') ctx.set('frm', trunc(3, value));
  else if (csr === 'fflags') ctx.set('fflags', trunc(5, value));
  else {
    // fcsr = frm (bits 7..5) : fflags (bits 4..0); higher bits are reserved and ignored.
    ctx.set('fflags', trunc(5, value));
    ctx.set('frm', extract(7, 5, value));
  }
}

type Kind = 'w' | 's' | 'c';

/**
 * csrr{w,s,c}[i] rd, csr, src. `src` undefined means rs1 = x0 / uimm = 0,
 * for which s/c do not write. csrrw with rd = x0 does not read the CSR (a
 * pure write, which is why `fsflags rs` is fine while `fsflags rd, rs` is not).
 */
function csrAccess(i: Ins, ctx: SemContext, rd: string, csr: Csr, kind: Kind, src: BV | undefined): void {
  const reads = kind !== 'w' || rd !== 'x0';
  const old = reads ? readCsr(i, csr, ctx) : undefined;
  if (kind === 'w') writeCsr(csr, src ?? c(64, 0), ctx);
  else if (src !== undefined) writeCsr(csr, kind === 's' ? or(old!, src) : and(old!, not(src)), ctx);
  if (rd !== 'x0') ctx.set(rd, old!);
}

/** A source operand: a register (rs1 = x0 means none) or a 5-bit immediate (0 means none for s/c). */
function source(i: Ins, k: number, ctx: SemContext, immediate: boolean): BV | undefined {
  if (immediate) {
    const v = immUnsigned(i, k, ctx, 5);
    return v.op === 'const' && v.value === 0n ? undefined : v;
  }
  return xName(i, k, ctx) === 'x0' ? undefined : readX(i, k, ctx);
}

const csrrx = (kind: Kind, immediate: boolean): InstructionSemantics => (i, ctx) => {
  const src = source(i, 2, ctx, immediate);
  csrAccess(i, ctx, xName(i, 0, ctx), csrOf(i, 1, ctx), kind, kind === 'w' ? (src ?? c(64, 0)) : src);
};

/** csrw/csrs/csrc[i] csr, src: rd = x0. */
const csrx = (kind: Kind, immediate: boolean): InstructionSemantics => (i, ctx) => {
  const src = source(i, 1, ctx, immediate);
  csrAccess(i, ctx, 'x0', csrOf(i, 0, ctx), kind, kind === 'w' ? (src ?? c(64, 0)) : src);
};

/** frcsr/frrm/frflags rd: csrrs rd, csr, x0. */
const readPseudo = (csr: Csr): InstructionSemantics => (i, ctx) =>
  csrAccess(i, ctx, xName(i, 0, ctx), csr, 's', undefined);

/** fscsr/fsrm/fsflags [rd,] rs: csrrw rd, csr, rs. */
const swapPseudo = (csr: Csr): InstructionSemantics => (i, ctx) => {
  const two = i.operands.length === 2;
  const rd = two ? xName(i, 0, ctx) : 'x0';
  csrAccess(i, ctx, rd, csr, 'w', readX(i, two ? 1 : 0, ctx));
};

const nothing: InstructionSemantics = () => {};

export const SYSTEM_SEMANTICS: Record<string, InstructionSemantics> = {
  // A single hart observes its own memory operations in order; fence.i
  // matters only for self-modifying code, which is not modelled.
  fence: nothing,
  'fence.i': nothing,
  'fence.tso': nothing,
  pause: nothing,

  csrrw: csrrx('w', false),
  csrrs: csrrx('s', false),
  csrrc: csrrx('c', false),
  csrrwi: csrrx('w', true),
  csrrsi: csrrx('s', true),
  csrrci: csrrx('c', true),
  csrr: (i, ctx) => csrAccess(i, ctx, xName(i, 0, ctx), csrOf(i, 1, ctx), 's', undefined),
  csrw: csrx('w', false),
  csrs: csrx('s', false),
  csrc: csrx('c', false),
  csrwi: csrx('w', true),
  csrsi: csrx('s', true),
  csrci: csrx('c', true),
  frcsr: readPseudo('fcsr'),
  frrm: readPseudo('frm'),
  frflags: readPseudo('fflags'),
  fscsr: swapPseudo('fcsr'),
  fsrm: swapPseudo('frm'),
  fsflags: swapPseudo('fflags'),
};

