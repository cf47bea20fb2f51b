// Calls to functions outside the output (libc, libgcc): the AArch64 caller
// placed the arguments by AAPCS64; the RISC-V callee expects LP64D. With the
// callee's prototype this moves variadic floating-point arguments into
// integer registers (in the order the format string gives), and extends
// narrow integer arguments the way LP64D requires. A call whose arguments
// cannot be placed soundly (stack arguments that differ, aggregates, a
// variadic call without a constant format) refuses its function.
import type { CType, Prototype } from '../../cfront/ctypes.js';
import { CALLBACK_PARAMS, FORMAT_PARAM } from '../../abi/libc.js';
import type { BlockLowerer } from '../context.js';

/** What a printf conversion consumes: an integer of some width, a double, or a pointer. */
type VarArg = { kind: 'int'; bits: 32 | 64 } | { kind: 'double' };

/** The variadic arguments a printf format consumes, in order; undefined for formats this reader refuses. */
export function formatArguments(format: string): VarArg[] | undefined {
  const out: VarArg[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    i++;
    if (format[i] === '%') continue;
    while (i < format.length && '-+ #0\''.includes(format[i]!)) i++;
    if (format[i] === '*') {
      out.push({ kind: 'int', bits: 32 });
      i++;
    } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        out.push({ kind: 'int', bits: 32 });
        i++;
      } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    }
    let len = '';
    while (i < format.length && 'hlLqjzt'.includes(format[i]!)) len += format[i++];
    const conv = format[i];
    if (conv === undefined) return undefined;
    if ('diouxXc'.includes(conv)) out.push({ kind: 'int', bits: len === '' || len === 'h' || len === 'hh' ? 32 : 64 });
    else if ('sp'.includes(conv)) out.push({ kind: 'int', bits: 64 });
    else if ('fFeEgGaA'.includes(conv)) {
      if (len === 'L') return undefined; // long double: quad precision, not lowered
      out.push({ kind: 'double' });
    } else if (conv === 'n') out.push({ kind: 'int', bits: 64 });
    else return undefined;
  }
  return out;
}

/** Extension an LP64D callee expects of a named integer argument held in `reg` (in place). */
function extendArgument(ctx: BlockLowerer, reg: string, t: CType): void {
  if (t.kind !== 'int' || t.bits >= 64) return;
  const signed = t.signed === true; // plain char is unsigned on both targets
  if (t.bits === 32) {
    ctx.emit(`sext.w ${reg}, ${reg}`);
    return;
  }
  ctx.emit(`slli ${reg}, ${reg}, ${64 - t.bits}`);
  ctx.emit(`${signed ? 'srai' : 'srli'} ${reg}, ${reg}, ${64 - t.bits}`);
}

/**
 * Rewrites the argument registers for an LP64D callee. Both conventions put the
 * first eight integer and FP named arguments in x0-x7/a0-a7 and d0-d7/fa0-fa7 in
 * the same order, so only narrow integers, 128-bit integers' alignment and
 * variadic arguments need work.
 */
export function adaptExternalCall(callee: string, proto: Prototype | undefined, ctx: BlockLowerer): void {
  if (!proto) ctx.refuse(`call to '${callee}': no prototype is known (add it with --headers)`);
  let ngrn = 0;
  let nsrn = 0;
  let rvInt = 0;
  for (const [k, p] of proto.params.entries()) {
    if (p.kind === 'aggregate') ctx.refuse(`call to '${callee}': aggregate argument ${k + 1} by value is not lowered`);
    if (p.kind === 'float') {
      if (p.bits === 128) ctx.refuse(`call to '${callee}': long double arguments are not lowered`);
      if (nsrn >= 8) ctx.refuse(`call to '${callee}': floating-point arguments on the stack are not lowered`);
      nsrn++;
      continue;
    }
    if (p.kind === 'int' && p.bits === 128) {
      if (ngrn % 2) ngrn++;
      if (ngrn !== rvInt) ctx.refuse(`call to '${callee}': 128-bit argument placement differs`);
      ngrn += 2;
      rvInt += 2;
      continue;
    }
    if (ngrn >= 8) ctx.refuse(`call to '${callee}': stack arguments are not lowered`);
    if (CALLBACK_PARAMS.get(callee) === k) wrapCallback(callee, `a${ngrn}`, ctx);
    if (p.kind === 'int') extendArgument(ctx, `a${ngrn}`, p);
    ngrn++;
    rvInt++;
  }
  if (ngrn > 8) ctx.refuse(`call to '${callee}': stack arguments are not lowered`);
  if (!proto.variadic) return;
  const fmtIndex = FORMAT_PARAM.get(callee);
  if (fmtIndex === undefined) ctx.refuse(`variadic call to '${callee}': only printf-style formats are understood`);
  const fmtLabel = ctx.knownAddress.get(fmtIndex);
  const format = fmtLabel === undefined ? undefined : ctx.env.stringAt(fmtLabel);
  if (format === undefined) ctx.refuse(`variadic call to '${callee}': the format is not a constant string here`);
  const args = formatArguments(format);
  if (!args) ctx.refuse(`variadic call to '${callee}': format ${JSON.stringify(format)} has a conversion that is not lowered`);
  // Source locations in order, then targets a(rvInt + i).
  const moves: { to: number; from: { int: number } | { fp: number }; bits: 32 | 64 | 'd' }[] = [];
  let xi = ngrn;
  let di = nsrn;
  args.forEach((a, i) => {
    const to = rvInt + i;
    if (to >= 8) ctx.refuse(`variadic call to '${callee}': more than ${8 - rvInt} variadic arguments need the stack`);
    if (a.kind === 'double') {
      if (di >= 8) ctx.refuse(`variadic call to '${callee}': too many floating-point arguments`);
      moves.push({ to, from: { fp: di++ }, bits: 'd' });
    } else {
      if (xi >= 8) ctx.refuse(`variadic call to '${callee}': too many integer arguments`);
      moves.push({ to, from: { int: xi++ }, bits: a.bits });
    }
  });
  // Integer sources only move to equal or higher registers: highest destination first is safe.
  for (const m of [...moves].sort((p, q) => q.to - p.to)) {
    const dst = `a${m.to}`;
    if ('fp' in m.from) ctx.emit(`fmv.x.d ${dst}, fa${m.from.fp}`);
    else {
      if (m.from.int !== m.to) ctx.emit(`mv ${dst}, a${m.from.int}`);
      if (m.bits === 32) ctx.emit(`sext.w ${dst}, ${dst}`);
    }
  }
}

/**
 * A library function that calls back (qsort's comparator) calls with LP64D
 * expectations: its int result must be sign-extended. The callback is
 * called through a wrapper that does that; its address must be known here.
 */
function wrapCallback(callee: string, reg: string, ctx: BlockLowerer): void {
  const n = Number(reg.slice(1));
  const fn = ctx.knownAddress.get(n);
  if (fn === undefined || !ctx.env.isLocalFunction(fn)) {
    ctx.refuse(`call to '${callee}': the callback argument is not a known function of this file`);
  }
  const wrapper = ctx.env.callbackWrapper(fn);
  ctx.emit(`lla ${reg}, ${wrapper}`);
}

/** Outline atomics helpers of libgcc (`__aarch64_ldadd4_acq_rel` and friends), lowered inline to RISC-V AMOs. */
export function lowerOutlineAtomic(callee: string, ctx: BlockLowerer): boolean {
  const m = /^__aarch64_(cas|swp|ldadd|ldclr|ldeor|ldset)(1|2|4|8|16)_(relax|acq|rel|acq_rel|sync)$/.exec(callee);
  if (!m) return false;
  const op = m[1]!;
  const size = Number(m[2]);
  if (size !== 4 && size !== 8) ctx.refuse(`'${callee}': ${size}-byte atomics are not lowered`);
  const sfx = size === 4 ? 'w' : 'd';
  ctx.rule(`atomic-${op}`);
  if (op === 'cas') {
    // x0 = expected, x1 = desired, x2 = address; returns the old value in x0.
    const old = ctx.scratch();
    const exp = ctx.scratch();
    const fail = ctx.scratch();
    const loop = ctx.freshLabel('cas');
    const done = ctx.freshLabel('cas_done');
    if (size === 4) ctx.emit(`sext.w ${exp}, a0`);
    else ctx.emit(`mv ${exp}, a0`);
    ctx.emit(`${loop}:`);
    ctx.emit(`lr.${sfx}.aqrl ${old}, (a2)`);
    ctx.emit(`bne ${old}, ${exp}, ${done}`);
    ctx.emit(`sc.${sfx}.rl ${fail}, a1, (a2)`);
    ctx.emit(`bnez ${fail}, ${loop}`);
    ctx.emit(`${done}:`);
    ctx.emit(`mv a0, ${old}`);
  } else {
    // x0 = operand, x1 = address; returns the old value in x0.
    const amo = { swp: 'amoswap', ldadd: 'amoadd', ldclr: 'amoand', ldeor: 'amoxor', ldset: 'amoor' }[op]!;
    let val = 'a0';
    if (op === 'ldclr') {
      val = ctx.scratch();
      ctx.emit(`not ${val}, a0`);
    }
    ctx.emit(`${amo}.${sfx}.aqrl a0, ${val}, (a1)`);
  }
  if (size === 4) {
    ctx.emit('slli a0, a0, 32');
    ctx.emit('srli a0, a0, 32');
  }
  return true;
}
