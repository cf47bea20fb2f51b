// The AArch64 difftest target: state record, program prelude and case
// emission. Forms live in src/difftest/aarch64/forms-*.ts.
//
// Record layout (little endian): x0..x30 at 8*n, sp at 248, NZCV (as the
// `mrs nzcv` value) at 256, v0..v31 at 264 + 16*n, the taken marker at 776.
//
// While a case runs every general register holds a random value, so the
// case needs one register to find the output record afterwards: the
// *spare*, chosen per instance among the registers the instruction does not
// name (and not x30 for calls), whose input value is the output address.
// It is compared like every other register. sp is loaded and compared too
// (the case never uses the stack). The driver's callee-saved registers,
// sp and FPCR are saved at layout.ctxAddr, reached with movz/movk only.
// FPCR is left at the Linux default (RNE, no flush-to-zero, DN = 0), the
// semantics' assumption; FPSR is not compared (exception flags are not
// modelled).
import { v } from '../ir/build.js';
import type { CallEffect } from '../ir/symexec.js';
import { aarch64Semantics } from '../isa/aarch64/semantics/index.js';
import { FP_FORMS } from './aarch64/forms-fp.js';
import { INT_FORMS } from './aarch64/forms-int.js';
import { MEM_FORMS } from './aarch64/forms-mem.js';
import { VEC_FORMS } from './aarch64/forms-vec.js';
import type { A64Data } from './aarch64/gen.js';
import { DEFAULT_LAYOUT } from './harness.js';
import type { DecodedState, DiffTarget, Form, HarnessLayout, Instance } from './types.js';

const SP = 248;
const NZCV = 256;
const V_BASE = 264;
const TAKEN = 776;
const STATE_BYTES = 784;

const COMPONENTS = [
  ...Array.from({ length: 31 }, (_, k) => `x${k}`),
  'sp', 'n', 'z', 'c', 'v',
  ...Array.from({ length: 32 }, (_, k) => `v${k}`),
];

const M64 = (1n << 64n) - 1n;

function encode(values: ReadonlyMap<string, bigint>): Uint8Array {
  const buf = Buffer.alloc(STATE_BYTES);
  const get = (name: string) => {
    const val = values.get(name);
    if (val === undefined) throw new Error(`aarch64 difftest: no input value for ${name}`);
    return val;
  };
  for (let n = 0; n <= 30; n++) buf.writeBigUInt64LE(get(`x${n}`) & M64, 8 * n);
  buf.writeBigUInt64LE(get('sp') & M64, SP);
  const nzcv = (get('n') << 31n) | (get('z') << 30n) | (get('c') << 29n) | (get('v') << 28n);
  buf.writeBigUInt64LE(nzcv, NZCV);
  for (let n = 0; n < 32; n++) {
    const x = get(`v${n}`);
    buf.writeBigUInt64LE(x & M64, V_BASE + 16 * n);
    buf.writeBigUInt64LE((x >> 64n) & M64, V_BASE + 16 * n + 8);
  }
  return buf;
}

function decode(record: Uint8Array): DecodedState {
  const buf = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  const values = new Map<string, bigint>();
  for (let n = 0; n <= 30; n++) values.set(`x${n}`, buf.readBigUInt64LE(8 * n));
  values.set('sp', buf.readBigUInt64LE(SP));
  const nzcv = buf.readBigUInt64LE(NZCV);
  values.set('n', (nzcv >> 31n) & 1n);
  values.set('z', (nzcv >> 30n) & 1n);
  values.set('c', (nzcv >> 29n) & 1n);
  values.set('v', (nzcv >> 28n) & 1n);
  for (let n = 0; n < 32; n++) {
    values.set(`v${n}`, buf.readBigUInt64LE(V_BASE + 16 * n) | (buf.readBigUInt64LE(V_BASE + 16 * n + 8) << 64n));
  }
  return { values, taken: buf.readBigUInt64LE(TAKEN) !== 0n };
}

/** movz/movk of a 64-bit constant into a register (no literal pool, no pc-relative address). */
function movConst(reg: string, value: bigint): string[] {
  const out = [`\tmovz ${reg}, #${Number(value & 0xffffn)}`];
  for (let s = 16; s < 64; s += 16) {
    const part = (value >> BigInt(s)) & 0xffffn;
    if (part !== 0n) out.push(`\tmovk ${reg}, #${Number(part)}, lsl #${s}`);
  }
  return out;
}

/**
 * Absolute symbols inside the scratch buffer, for adr/adrp/:lo12:/GOT
 * forms. They are defined at link time (--defsym): defined with .set in the
 * same file, gas would resolve them itself and leave relocations without a
 * symbol, which ld refuses.
 */
export const SCRATCH_SYMBOLS: ReadonlyArray<[string, number]> = [
  ['dt_sym0', 0], ['dt_sym16', 16], ['dt_sym32', 32], ['dt_sym48', 48],
];

function prelude(layout: HarnessLayout): string {
  const L: string[] = ['\t.text', '\t.globl dt_run', '\t.type dt_run, %function', '\t.p2align 2', 'dt_run:'];
  // x0 = case function, x1 = input record, x2 = output record.
  L.push(...movConst('x9', layout.ctxAddr));
  for (let k = 0; k < 12; k += 2) L.push(`\tstp x${19 + k}, x${20 + k}, [x9, #${8 * k}]`);
  L.push('\tmov x10, sp', '\tstr x10, [x9, #96]');
  for (let k = 0; k < 8; k += 2) L.push(`\tstp d${8 + k}, d${9 + k}, [x9, #${104 + 8 * k}]`);
  L.push('\tmrs x10, fpcr', '\tstr x10, [x9, #168]');
  L.push(`\tadd x10, x1, #${V_BASE}`);
  for (let n = 0; n < 32; n += 2) L.push(`\tldp q${n}, q${n + 1}, [x10], #32`);
  L.push(`\tldr x10, [x1, #${NZCV}]`, '\tmsr nzcv, x10');
  L.push('\tmov x10, x0', '\tmov x0, x1', '\tbr x10', '\t.size dt_run, .-dt_run');

  // Cases branch here after storing x0..x30, sp and NZCV; every register is free.
  L.push('\t.globl dt_finish', '\t.type dt_finish, %function', 'dt_finish:');
  L.push(...movConst('x9', layout.outAddr), `\tadd x10, x9, #${V_BASE}`);
  for (let n = 0; n < 32; n += 2) L.push(`\tstp q${n}, q${n + 1}, [x10], #32`);
  L.push(...movConst('x9', layout.ctxAddr));
  L.push('\tldr x10, [x9, #168]', '\tmsr fpcr, x10');
  for (let k = 0; k < 8; k += 2) L.push(`\tldp d${8 + k}, d${9 + k}, [x9, #${104 + 8 * k}]`);
  L.push('\tldr x10, [x9, #96]', '\tmov sp, x10');
  for (let k = 0; k < 12; k += 2) L.push(`\tldp x${19 + k}, x${20 + k}, [x9, #${8 * k}]`);
  L.push('\tret', '\t.size dt_finish, .-dt_finish');

  return L.join('\n') + '\n';
}

function emitCase(name: string, instance: Instance): string {
  const { spare, kind } = instance.data as A64Data;
  const r = `x${spare}`;
  const t = spare === 1 ? 'x2' : 'x1';
  const L = ['\t.text', `\t.globl ${name}`, `\t.type ${name}, %function`, '\t.p2align 2', `${name}:`];
  // x0 holds the input record: sp first (through x1), then x1..x30, x0 last.
  L.push(`\tldr x1, [x0, #${SP}]`, '\tmov sp, x1');
  for (let n = 1; n <= 30; n++) L.push(`\tldr x${n}, [x0, #${8 * n}]`);
  L.push('\tldr x0, [x0]');
  for (const line of instance.text.split('\n')) L.push(`\t${line.trim()}`);
  if (kind !== 'plain') {
    if (kind === 'call') L.push(`${name}_r:`);
    L.push(`\tb ${name}_s`, `${instance.taken}:`, `\tstr ${r}, [${r}, #${TAKEN}]`, `${name}_s:`);
  }
  for (let n = 0; n <= 30; n++) L.push(`\tstr x${n}, [${r}, #${8 * n}]`);
  L.push(`\tmov ${t}, sp`, `\tstr ${t}, [${r}, #${SP}]`);
  L.push(`\tmrs ${t}, nzcv`, `\tstr ${t}, [${r}, #${NZCV}]`);
  L.push('\tb dt_finish', `\t.size ${name}, .-${name}`);
  return L.join('\n') + '\n';
}

/** A call writes its return address, the label emitted right after the call, into x30. */
function callEffect(label: (suffix: string) => string): CallEffect {
  return (_event, state) => state.set('x30', v(64, `&${label('r')}`));
}

export const target: DiffTarget = {
  isa: 'aarch64',
  semantics: aarch64Semantics,
  components: COMPONENTS,
  stateBytes: STATE_BYTES,
  encode,
  decode,
  forms: (): Form[] => [...INT_FORMS, ...MEM_FORMS, ...FP_FORMS, ...VEC_FORMS],
  prelude,
  emitCase,
  callEffect,
  // LSE atomics, RCpc (ldapr), BTI and the FP16 moves need their architecture level in gas.
  gccFlags: [
    '-march=armv8.5-a+fp16',
    ...SCRATCH_SYMBOLS.map(([name, offset]) => `-Wl,--defsym=${name}=0x${(DEFAULT_LAYOUT.scratchAddr + BigInt(offset)).toString(16)}`),
  ],
};
