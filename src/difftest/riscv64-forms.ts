// RISC-V64 difftest forms: RV64I, M, A, Zicsr (FP CSRs), pseudo-instructions,
// loads, stores and control flow. FP forms: riscv64-forms-fp.ts.
import type { Form } from './types.js';
import { divisor, dividend, oftenZero, shiftAmount, spec, type SpecOptions } from './riscv64-gen.js';

const RA = 1;
const T1 = 6;

function each(names: readonly string[], template: (m: string) => string, options: SpecOptions | ((m: string) => SpecOptions)): Form[] {
  return names.map((m) => spec(template(m), typeof options === 'function' ? options(m) : options));
}

const ALU_RR = ['add', 'sub', 'xor', 'or', 'and', 'slt', 'sltu', 'sgt', 'sgtu', 'addw', 'subw', 'mul', 'mulh', 'mulhsu', 'mulhu', 'mulw'];
const SHIFT_RR = ['sll', 'srl', 'sra', 'sllw', 'srlw', 'sraw'];
const DIV = ['div', 'divu', 'rem', 'remu'];
const DIVW = ['divw', 'divuw', 'remw', 'remuw'];
const ALU_RI = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const PSEUDO_RR = ['mv', 'not', 'neg', 'negw', 'sext.w', 'sext.b', 'sext.h', 'zext.b', 'zext.h', 'zext.w', 'seqz', 'snez', 'sltz', 'sgtz'];
const LOADS: readonly (readonly [string, number])[] = [['lb', 1], ['lh', 2], ['lw', 4], ['ld', 8], ['lbu', 1], ['lhu', 2], ['lwu', 4]];
const STORES: readonly (readonly [string, number])[] = [['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8]];
const BRANCH2 = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'bgt', 'ble', 'bgtu', 'bleu'];
const BRANCH1 = ['beqz', 'bnez', 'blez', 'bgez', 'bltz', 'bgtz'];
const AMO = ['swap', 'add', 'xor', 'and', 'or', 'min', 'max', 'minu', 'maxu'];
const ORDER = ['', '.aq', '.rl', '.aqrl'];

const integer: Form[] = [
  ...each(ALU_RR, (m) => `${m} rd, rs1, rs2`, { group: 'RV64I/M arithmetic' }),
  ...each(SHIFT_RR, (m) => `${m} rd, rs1, rs2`, { group: 'RV64I shifts', values: { rs2: shiftAmount } }),
  ...each(DIV, (m) => `${m} rd, rs1, rs2`, { group: 'M division', values: { rs1: dividend(64), rs2: divisor(64) } }),
  ...each(DIVW, (m) => `${m} rd, rs1, rs2`, { group: 'M division', values: { rs1: dividend(32), rs2: divisor(32) } }),
  ...each(ALU_RI, (m) => `${m} rd, rs1, imm12`, { group: 'RV64I immediates' }),
  ...each(['slli', 'srli', 'srai'], (m) => `${m} rd, rs1, shamt6`, { group: 'RV64I shifts' }),
  ...each(['slliw', 'srliw', 'sraiw'], (m) => `${m} rd, rs1, shamt5`, { group: 'RV64I shifts' }),
  spec('lui rd, imm20', { group: 'RV64I immediates' }),
  spec('lui rd, %hi(sym)', { group: 'symbols' }),
  spec('addi rd, rs1, %lo(sym)', { group: 'symbols' }),
  spec('li rd, imm64', { group: 'pseudo' }),
  spec('la rdnz, sym', { group: 'symbols', name: 'la rd, sym' }),
  spec('lla rd, sym', { group: 'symbols' }),
  ...each(PSEUDO_RR, (m) => `${m} rd, rs1`, { group: 'pseudo' }),
  ...['nop', 'fence', 'fence rw, rw', 'fence iorw, ow', 'fence.i', 'fence.tso'].map((t) => spec(t, { group: 'fences' })),
  // binutils 2.40 assembles pause only with Zihintpause enabled; it is a fence hint.
  spec('.option arch, +zihintpause\npause', { group: 'fences', name: 'pause' }),
];

// Traps: each case runs alone and must end the program with a signal. ecall
// is not run: with random registers it would be a random system call.
const traps: Form[] = ['ebreak', 'unimp', 'wfi'].map((t) => spec(t, { group: 'traps' }));

const memory: Form[] = [
  ...LOADS.map(([m, bytes]) => spec(`${m} rd, off(rs1)`, { group: 'loads and stores', bytes })),
  ...STORES.map(([m, bytes]) => spec(`${m} rs2, off(rs1)`, { group: 'loads and stores', bytes })),
  // rd is the address temporary of the expansion: never x0 (the semantics refuse that).
  ...LOADS.map(([m, bytes]) => spec(`${m} rdnz, sym`, { group: 'symbols', bytes, name: `${m} rd, sym` })),
  // Stores to a symbol go through a scratch register, left holding the auipc value.
  ...STORES.map(([m, bytes]) =>
    spec(`${m} rs2, sym, rdnz`, { group: 'symbols', bytes, name: `${m} rs2, sym, rt`, distinct: [['rdnz', 'rs2']] }),
  ),
  spec('ld rd, %lo(sym)(rs1)', { group: 'symbols', bytes: 8 }),
  spec('sw rs2, %lo(sym)(rs1)', { group: 'symbols', bytes: 4 }),
];

const control: Form[] = [
  ...each(BRANCH2, (m) => `${m} rs1, rs2, label`, { group: 'branches', kind: 'branch', correlate: ['rs1', 'rs2'] }),
  ...each(BRANCH1, (m) => `${m} rs1, label`, { group: 'branches', kind: 'branch', values: { rs1: oftenZero } }),
  spec('j label', { group: 'jumps', kind: 'jump' }),
  spec('jal zero, label', { group: 'jumps', kind: 'jump' }),
  spec('jal label', { group: 'jumps', kind: 'call', implicit: [RA] }),
  spec('jal ra, label', { group: 'jumps', kind: 'call', implicit: [RA] }),
  spec('call label', { group: 'jumps', kind: 'call', implicit: [RA] }),
  // `call ra, sym` and `tail` use t1 for the address (see control.ts).
  spec('call ra, label', { group: 'jumps', kind: 'call', implicit: [RA, T1] }),
  spec('tail label', { group: 'jumps', kind: 'jump', implicit: [T1] }),
  spec('jr target', { group: 'jumps', kind: 'jump' }),
  spec('jr timm(target)', { group: 'jumps', kind: 'jump' }),
  spec('jalr zero, timm(target)', { group: 'jumps', kind: 'jump' }),
  spec('jalr zero, target, timm', { group: 'jumps', kind: 'jump' }),
  spec('jalr target', { group: 'jumps', kind: 'call', implicit: [RA] }),
  spec('jalr ra, target', { group: 'jumps', kind: 'call', implicit: [RA] }),
  spec('jalr ra, timm(target)', { group: 'jumps', kind: 'call', implicit: [RA] }),
  ...['ret', 'jr ra', 'jalr zero, 0(ra)'].map((t) =>
    spec(t, {
      group: 'jumps',
      kind: 'jump',
      implicit: [RA],
      constrain: (_r, values) => values.set('x1', { label: 'CASE_t' }),
    }),
  ),
];

/** lr, then sc to the same address: the reservation holds, so sc succeeds (the modelled case). */
function lrsc(w: 'w' | 'd', order: string): Form {
  const bytes = w === 'w' ? 4 : 8;
  return spec(`lr.${w}${order} rs3, (rs1)\nsc.${w}${order} rd, rs2, (rs1)`, {
    group: 'atomics',
    name: `lr.${w}${order} + sc.${w}${order} rd, rs2, (rs1)`,
    bytes,
    aligned: true,
    // The lr destination must not be the address register the sc uses.
    distinct: [['rs3', 'rs1']],
  });
}

const atomics: Form[] = [];
for (const w of ['w', 'd'] as const)
  for (const order of ORDER) {
    const bytes = w === 'w' ? 4 : 8;
    atomics.push(spec(`lr.${w}${order} rd, (rs1)`, { group: 'atomics', bytes, aligned: true }));
    atomics.push(lrsc(w, order));
    for (const op of AMO) atomics.push(spec(`amo${op}.${w}${order} rd, rs2, (rs1)`, { group: 'atomics', bytes, aligned: true }));
  }

const csr: Form[] = [
  'csrr rd, frm',
  'csrr rd, 2',
  'frrm rd',
  'csrw frm, rs1',
  'csrw fflags, rs1',
  'csrw fcsr, rs1',
  'csrw 3, rs1',
  'csrrw rd, frm, rs1',
  'csrrw zero, fflags, rs1',
  'csrrw zero, fcsr, rs1',
  'csrrs rd, frm, rs1',
  'csrrc rd, frm, rs1',
  'csrs frm, rs1',
  'csrc frm, rs1',
  'csrrwi rd, frm, uimm5',
  'csrrsi rd, frm, uimm5',
  'csrrci rd, frm, uimm5',
  'csrrwi zero, fcsr, uimm5',
  'csrwi frm, uimm5',
  'csrwi fflags, uimm5',
  'csrwi fcsr, uimm5',
  'csrsi frm, uimm5',
  'csrci frm, uimm5',
  'fsrm rs1',
  'fsrm rd, rs1',
  'fscsr rs1',
  'fsflags rs1',
].map((t) => spec(t, { group: 'Zicsr (FP CSRs)' }));

export const RISCV_FORMS: Form[] = [...integer, ...memory, ...control, ...traps, ...atomics, ...csr];
