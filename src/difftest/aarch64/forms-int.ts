// Difftest forms: integer data processing, branches, system instructions.
import type { Form } from '../types.js';
import { B, form, hex, logicalImmediate } from './gen.js';

type W = 'w' | 'x';
const WIDTHS: W[] = ['w', 'x'];
const bits = (w: W) => (w === 'x' ? 64 : 32);

/** One form per width: `name (w)` and `name (x)`. */
function wx(name: string, group: string, body: (b: B, w: W) => string): Form[] {
  return WIDTHS.map((w) => form(`${name} (${w})`, group, (b) => body(b, w)));
}

const shiftMod = (b: B, w: W, ops = ['lsl', 'lsr', 'asr']) =>
  b.rng.chance(0.2) ? '' : `, ${b.pick(ops)} #${b.int(0, bits(w) - 1)}`;

/** An extended-register operand: `w2, sxtw #2` (x forms take x for the 64-bit extends). */
function extended(b: B, w: W, key: string): string {
  const op = w === 'x' ? b.pick(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']) : b.pick(['uxtb', 'uxth', 'sxtb', 'sxth', 'uxtw', 'sxtw']);
  const reg = op.endsWith('x') ? b.x(key) : b.w(key);
  const amount = b.int(0, 4);
  return `${reg}, ${op}${amount || b.rng.chance(0.5) ? ` #${amount}` : ''}`;
}

const imm12 = (b: B) => `#${b.pick([0, 1, 4095, b.int(0, 4095)])}${b.rng.chance(0.3) ? ', lsl #12' : ''}`;

/** A value `mov` can encode in one instruction (movz, movn or a logical immediate). */
function movValue(b: B, w: W): bigint {
  const n = bits(w);
  const m = (1n << BigInt(n)) - 1n;
  const chunk = BigInt(b.int(0, 0xffff)) << BigInt(16 * b.int(0, n / 16 - 1));
  switch (b.int(0, 2)) {
    case 0: return chunk;
    case 1: return ~chunk & m;
    default: return logicalImmediate(b.rng, n as 32 | 64);
  }
}

const ARITH: Form[] = [];
for (const op of ['add', 'sub', 'adds', 'subs']) {
  const flags = op.endsWith('s');
  ARITH.push(
    ...wx(`${op} rd, rn, #imm`, 'arith', (b, w) => `${op} ${b.r(w, 'd', flags ? { pz: 0.1 } : { ps: 0.15 })}, ${b.r(w, 'n', { ps: 0.15 })}, ${imm12(b)}`),
    ...wx(`${op} rd, rn, rm{, shift}`, 'arith', (b, w) => `${op} ${b.r(w, 'd', { pz: 0.1 })}, ${b.r(w, 'n', { pz: 0.1 })}, ${b.r(w, 'm', { pz: 0.1 })}${shiftMod(b, w)}`),
    ...wx(`${op} rd, rn, rm, extend`, 'arith', (b, w) => `${op} ${b.r(w, 'd', flags ? { pz: 0.1 } : { ps: 0.15 })}, ${b.r(w, 'n', { ps: 0.15 })}, ${extended(b, w, 'm')}`),
  );
}
for (const op of ['cmp', 'cmn']) {
  ARITH.push(
    ...wx(`${op} rn, #imm`, 'arith', (b, w) => `${op} ${b.r(w, 'n', { ps: 0.15 })}, ${imm12(b)}`),
    ...wx(`${op} rn, rm{, shift}`, 'arith', (b, w) => `${op} ${b.r(w, 'n', { pz: 0.1 })}, ${b.r(w, 'm', { pz: 0.1 })}${shiftMod(b, w)}`),
    ...wx(`${op} rn, rm, extend`, 'arith', (b, w) => `${op} ${b.r(w, 'n', { ps: 0.15 })}, ${extended(b, w, 'm')}`),
  );
}
for (const op of ['neg', 'negs']) ARITH.push(...wx(`${op} rd, rm{, shift}`, 'arith', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'm')}${shiftMod(b, w)}`));
for (const op of ['ngc', 'ngcs']) ARITH.push(...wx(`${op} rd, rm`, 'arith', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'm', { pz: 0.1 })}`));
for (const op of ['adc', 'adcs', 'sbc', 'sbcs']) {
  ARITH.push(...wx(`${op} rd, rn, rm`, 'arith', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n', { pz: 0.1 })}, ${b.r(w, 'm', { pz: 0.1 })}`));
}

const LOGIC: Form[] = [];
for (const op of ['and', 'orr', 'eor', 'ands', 'bic', 'bics', 'orn', 'eon']) {
  LOGIC.push(...wx(`${op} rd, rn, rm{, shift}`, 'logic', (b, w) => `${op} ${b.r(w, 'd', { pz: 0.05 })}, ${b.r(w, 'n', { pz: 0.1 })}, ${b.r(w, 'm', { pz: 0.1 })}${shiftMod(b, w, ['lsl', 'lsr', 'asr', 'ror'])}`));
}
for (const op of ['and', 'orr', 'eor', 'ands']) {
  LOGIC.push(...wx(`${op} rd, rn, #limm`, 'logic', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n', { pz: 0.05 })}, #${hex(logicalImmediate(b.rng, bits(w) as 32 | 64))}`));
}
LOGIC.push(
  ...wx('tst rn, #limm', 'logic', (b, w) => `tst ${b.r(w, 'n')}, #${hex(logicalImmediate(b.rng, bits(w) as 32 | 64))}`),
  ...wx('tst rn, rm{, shift}', 'logic', (b, w) => `tst ${b.r(w, 'n')}, ${b.r(w, 'm')}${shiftMod(b, w, ['lsl', 'lsr', 'asr', 'ror'])}`),
  ...wx('mvn rd, rm{, shift}', 'logic', (b, w) => `mvn ${b.r(w, 'd')}, ${b.r(w, 'm', { pz: 0.05 })}${shiftMod(b, w, ['lsl', 'lsr', 'asr', 'ror'])}`),
  ...wx('mov rd, #imm', 'move', (b, w) => `mov ${b.r(w, 'd')}, #${hex(movValue(b, w))}`),
  ...wx('mov rd, rm', 'move', (b, w) => `mov ${b.r(w, 'd')}, ${b.r(w, 'm', { pz: 0.1 })}`),
  ...wx('mov rd|sp, rn|sp', 'move', (b, w) => (b.rng.chance(0.5) ? `mov ${b.r(w, 'd', { ps: 1 })}, ${b.r(w, 'n')}` : `mov ${b.r(w, 'd')}, ${b.r(w, 'n', { ps: 1 })}`)),
);
for (const op of ['movz', 'movn', 'movk']) {
  LOGIC.push(...wx(`${op} rd, #imm16{, lsl #s}`, 'move', (b, w) => `${op} ${b.r(w, 'd')}, #${b.int(0, 0xffff)}, lsl #${16 * b.int(0, bits(w) / 16 - 1)}`));
}
for (const op of ['lsl', 'lsr', 'asr', 'ror']) {
  LOGIC.push(
    ...wx(`${op} rd, rn, #imm`, 'shift', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, #${b.int(0, bits(w) - 1)}`),
    ...wx(`${op} rd, rn, rm`, 'shift', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${b.r(w, 'm')}`),
    ...wx(`${op}v rd, rn, rm`, 'shift', (b, w) => `${op}v ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${b.r(w, 'm')}`),
  );
}

const MULDIV: Form[] = [];
for (const op of ['mul', 'mneg', 'sdiv', 'udiv']) MULDIV.push(...wx(`${op} rd, rn, rm`, 'muldiv', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${b.r(w, 'm', { pz: op.endsWith('div') ? 0.1 : 0 })}`));
for (const op of ['madd', 'msub']) MULDIV.push(...wx(`${op} rd, rn, rm, ra`, 'muldiv', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${b.r(w, 'm')}, ${b.r(w, 'a', { pz: 0.1 })}`));
for (const op of ['smull', 'umull', 'smnegl', 'umnegl']) MULDIV.push(form(`${op} xd, wn, wm`, 'muldiv', (b) => `${op} ${b.x('d')}, ${b.w('n')}, ${b.w('m')}`));
for (const op of ['smaddl', 'umaddl', 'smsubl', 'umsubl']) MULDIV.push(form(`${op} xd, wn, wm, xa`, 'muldiv', (b) => `${op} ${b.x('d')}, ${b.w('n')}, ${b.w('m')}, ${b.x('a')}`));
for (const op of ['smulh', 'umulh']) MULDIV.push(form(`${op} xd, xn, xm`, 'muldiv', (b) => `${op} ${b.x('d')}, ${b.x('n')}, ${b.x('m')}`));

const BITFIELD: Form[] = [];
const fieldArgs = (b: B, w: W) => {
  const lsb = b.int(0, bits(w) - 1);
  return `#${lsb}, #${b.int(1, bits(w) - lsb)}`;
};
for (const op of ['ubfx', 'sbfx', 'ubfiz', 'sbfiz', 'bfi', 'bfxil']) {
  BITFIELD.push(...wx(`${op} rd, rn, #lsb, #width`, 'bitfield', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n', { pz: 0.05 })}, ${fieldArgs(b, w)}`));
}
BITFIELD.push(...wx('bfc rd, #lsb, #width', 'bitfield', (b, w) => `bfc ${b.r(w, 'd')}, ${fieldArgs(b, w)}`));
for (const op of ['ubfm', 'sbfm', 'bfm']) {
  BITFIELD.push(...wx(`${op} rd, rn, #immr, #imms`, 'bitfield', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, #${b.int(0, bits(w) - 1)}, #${b.int(0, bits(w) - 1)}`));
}
BITFIELD.push(...wx('extr rd, rn, rm, #lsb', 'bitfield', (b, w) => `extr ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${b.r(w, 'm')}, #${b.int(0, bits(w) - 1)}`));
for (const op of ['sxtb', 'sxth', 'uxtb', 'uxth']) BITFIELD.push(...wx(`${op} rd, wn`, 'bitfield', (b, w) => `${op} ${b.r(w, 'd')}, ${b.w('n')}`));
BITFIELD.push(form('sxtw xd, wn', 'bitfield', (b) => `sxtw ${b.x('d')}, ${b.w('n')}`));
for (const op of ['clz', 'cls', 'rbit', 'rev', 'rev16']) BITFIELD.push(...wx(`${op} rd, rn`, 'bitfield', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}`));
for (const op of ['rev32', 'rev64']) BITFIELD.push(form(`${op} xd, xn`, 'bitfield', (b) => `${op} ${b.x('d')}, ${b.x('n')}`));

const COND: Form[] = [];
const invertible = (b: B) => b.pick(['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le']);
for (const op of ['csel', 'csinc', 'csinv', 'csneg']) {
  COND.push(...wx(`${op} rd, rn, rm, cond`, 'conditional', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n', { pz: 0.1 })}, ${b.r(w, 'm', { pz: 0.1 })}, ${b.cond()}`));
}
for (const op of ['cset', 'csetm']) COND.push(...wx(`${op} rd, cond`, 'conditional', (b, w) => `${op} ${b.r(w, 'd')}, ${invertible(b)}`));
for (const op of ['cinc', 'cinv', 'cneg']) COND.push(...wx(`${op} rd, rn, cond`, 'conditional', (b, w) => `${op} ${b.r(w, 'd')}, ${b.r(w, 'n')}, ${invertible(b)}`));
for (const op of ['ccmp', 'ccmn']) {
  COND.push(
    ...wx(`${op} rn, #imm5, #nzcv, cond`, 'conditional', (b, w) => `${op} ${b.r(w, 'n')}, #${b.int(0, 31)}, #${b.int(0, 15)}, ${b.cond()}`),
    ...wx(`${op} rn, rm, #nzcv, cond`, 'conditional', (b, w) => `${op} ${b.r(w, 'n', { pz: 0.05 })}, ${b.r(w, 'm', { pz: 0.05 })}, #${b.int(0, 15)}, ${b.cond()}`),
  );
}

// ---------------------------------------------------------------- branches and system

function branch(b: B): string {
  b.kind = 'branch';
  b.taken = 'CASE_t';
  return 'CASE_t';
}

const BRANCH: Form[] = [
  form('b.cond label', 'branch', (b) => `b.${b.pick(['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al'])} ${branch(b)}`),
  form('bcond label (legacy spelling)', 'branch', (b) => `b${invertible(b)} ${branch(b)}`),
  form('b label', 'branch', (b) => `b ${branch(b)}`),
  ...wx('cbz rt, label', 'branch', (b, w) => `cbz ${b.r(w, 't')}, ${branch(b)}`),
  ...wx('cbnz rt, label', 'branch', (b, w) => `cbnz ${b.r(w, 't')}, ${branch(b)}`),
  ...wx('tbz rt, #bit, label', 'branch', (b, w) => `tbz ${b.r(w, 't')}, #${b.int(0, bits(w) - 1)}, ${branch(b)}`),
  ...wx('tbnz rt, #bit, label', 'branch', (b, w) => `tbnz ${b.r(w, 't')}, #${b.int(0, bits(w) - 1)}, ${branch(b)}`),
  form('br xn', 'branch', (b) => {
    const r = b.x('n');
    b.set(r, { label: 'CASE_t' });
    branch(b);
    return `br ${r}`;
  }),
  form('ret', 'branch', (b) => {
    b.used.add(30);
    b.set('x30', { label: 'CASE_t' });
    branch(b);
    return 'ret';
  }),
  form('ret xn', 'branch', (b) => {
    const r = b.x('n');
    b.set(r, { label: 'CASE_t' });
    branch(b);
    return `ret ${r}`;
  }),
  form('bl label', 'branch', (b) => {
    b.reserved.add(30);
    b.kind = 'call';
    b.taken = 'CASE_t';
    return 'bl CASE_t';
  }),
  form('blr xn', 'branch', (b) => {
    b.reserved.add(30);
    const r = b.x('n');
    b.set(r, { label: 'CASE_t' });
    b.kind = 'call';
    b.taken = 'CASE_t';
    return `blr ${r}`;
  }),
];

const SYSTEM: Form[] = [
  form('nop', 'system', () => 'nop'),
  form('hint #imm (not PAC)', 'system', (b) => `hint #${b.pick([0, 1, 2, 4, 5, 16, 17, 20, 32, 34, 36, 38, 40, 64, 100, 127])}`),
  form('yield / barriers', 'system', (b) => b.pick(['yield', 'dmb ish', 'dmb ishld', 'dsb sy', 'dsb ish', 'isb', 'clrex', 'csdb'])),
  form('bti', 'system', (b) => b.pick(['bti', 'bti c', 'bti j', 'bti jc'])),
  form('mrs xt, nzcv', 'system', (b) => `mrs ${b.x('t')}, nzcv`),
  form('msr nzcv, xt', 'system', (b) => `msr nzcv, ${b.x('t')}`),
  // adr reaches +-1 MiB: a label of the case itself (never branched to).
  form('adr xd, label', 'address', (b) => {
    b.kind = 'branch';
    b.taken = 'CASE_t';
    return `adr ${b.x('d')}, CASE_t${b.pick(['', '+4', '-8'])}`;
  }),
  form('adrp xd, sym', 'address', (b) => `adrp ${b.x('d')}, ${b.pick(['dt_sym0', 'dt_sym16', 'dt_sym48'])}${b.pick(['', '+4096', '-8'])}`),
  form('adrp + add :lo12:', 'address', (b) => {
    const d = b.x('d');
    const s = b.pick(['dt_sym0', 'dt_sym16', 'dt_sym48']);
    return `adrp ${d}, ${s}\nadd ${d}, ${d}, :lo12:${s}`;
  }),
  form('adrp :got: + ldr :got_lo12:', 'address', (b) => {
    const d = b.x('d');
    const s = b.pick(['dt_sym0', 'dt_sym16', 'dt_sym48']);
    return `adrp ${d}, :got:${s}\nldr ${d}, [${d}, :got_lo12:${s}]`;
  }),
];

export const INT_FORMS: Form[] = [...ARITH, ...LOGIC, ...MULDIV, ...BITFIELD, ...COND, ...BRANCH, ...SYSTEM];
