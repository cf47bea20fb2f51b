// The RISC-V64 difftest target: state record, program prelude and case
// emission. Forms live in riscv64-forms*.ts.
//
// Record layout (8 bytes per slot, little endian): x0..x31 at 8*n (x0 unused),
// f0..f31 at 256 + 8*n, fcsr at 512, the taken marker at 520.
//
// A case holds every integer register at a random value while the
// instruction runs, so it needs one register to find the output record
// afterwards: the *spare* register, chosen per instance among the registers
// the instruction neither names nor writes implicitly, whose input value is
// the (fixed) output address. It is still compared like every other
// register. The driver's own registers are saved at layout.ctxAddr, reached
// with `li`, never with a pc- or gp-relative address.
import { v } from '../ir/build.js';
import type { CallEffect } from '../ir/symexec.js';
import { riscvSemantics } from '../isa/riscv64/semantics/index.js';
import { PCREL_HI } from '../isa/riscv64/semantics/memory.js';
import { RISCV_FORMS } from './riscv64-forms.js';
import { RISCV_FP_FORMS } from './riscv64-forms-fp.js';
import type { DecodedState, DiffTarget, Form, HarnessLayout, Instance } from './types.js';
import { SCRATCH_SYMBOLS, type RvData } from './riscv64-gen.js';

const F_BASE = 256;
const FCSR = 512;
const TAKEN = 520;
const STATE_BYTES = 528;

const COMPONENTS = [
  ...Array.from({ length: 31 }, (_, k) => `x${k + 1}`),
  ...Array.from({ length: 32 }, (_, k) => `f${k}`),
  'frm',
  'fflags',
];

function encode(values: ReadonlyMap<string, bigint>): Uint8Array {
  const buf = Buffer.alloc(STATE_BYTES);
  const get = (name: string) => {
    const val = values.get(name);
    if (val === undefined) throw new Error(`riscv64 difftest: no input value for ${name}`);
    return val;
  };
  for (let n = 1; n < 32; n++) buf.writeBigUInt64LE(get(`x${n}`), 8 * n);
  for (let n = 0; n < 32; n++) buf.writeBigUInt64LE(get(`f${n}`), F_BASE + 8 * n);
  buf.writeBigUInt64LE(((get('frm') & 7n) << 5n) | (get('fflags') & 31n), FCSR);
  return buf;
}

function decode(record: Uint8Array): DecodedState {
  const buf = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  const values = new Map<string, bigint>();
  for (let n = 1; n < 32; n++) values.set(`x${n}`, buf.readBigUInt64LE(8 * n));
  for (let n = 0; n < 32; n++) values.set(`f${n}`, buf.readBigUInt64LE(F_BASE + 8 * n));
  const fcsr = buf.readBigUInt64LE(FCSR);
  values.set('fflags', fcsr & 31n);
  values.set('frm', (fcsr >> 5n) & 7n);
  return { values, taken: buf.readBigUInt64LE(TAKEN) !== 0n };
}

// Callee-saved state of the driver: ra, sp, gp, tp, s0..s11, fs0..fs11, fcsr.
const SAVED_X = ['ra', 'sp', 'gp', 'tp', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11'];
const SAVED_F = ['fs0', 'fs1', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11'];

function prelude(layout: HarnessLayout): string {
  const hex = (x: bigint) => `0x${x.toString(16)}`;
  const lines: string[] = ['\t.text', '\t.globl dt_run', '\t.type dt_run, @function', '\t.p2align 2', 'dt_run:'];
  // a0 = case function, a1 = input record, a2 = output record (== layout.outAddr).
  lines.push(`\tli t0, ${hex(layout.ctxAddr)}`);
  SAVED_X.forEach((r, k) => lines.push(`\tsd ${r}, ${8 * k}(t0)`));
  SAVED_F.forEach((r, k) => lines.push(`\tfsd ${r}, ${8 * (SAVED_X.length + k)}(t0)`));
  lines.push('\tfrcsr t1', `\tsd t1, ${8 * (SAVED_X.length + SAVED_F.length)}(t0)`);
  // The FP state is loaded here; the case loads the integer registers itself.
  lines.push(`\tld t1, ${FCSR}(a1)`, '\tfscsr t1');
  for (let n = 0; n < 32; n++) lines.push(`\tfld f${n}, ${F_BASE + 8 * n}(a1)`);
  lines.push('\tmv t2, a0', '\tmv a0, a1', '\tjr t2');
  lines.push('\t.size dt_run, .-dt_run');

  // Cases jump here after storing the integer registers; every register is free.
  lines.push('\t.globl dt_finish', '\t.type dt_finish, @function', 'dt_finish:');
  lines.push(`\tli t0, ${hex(layout.outAddr)}`);
  for (let n = 0; n < 32; n++) lines.push(`\tfsd f${n}, ${F_BASE + 8 * n}(t0)`);
  lines.push('\tfrcsr t1', `\tsd t1, ${FCSR}(t0)`);
  lines.push(`\tli t0, ${hex(layout.ctxAddr)}`);
  lines.push(`\tld t1, ${8 * (SAVED_X.length + SAVED_F.length)}(t0)`, '\tfscsr t1');
  SAVED_F.forEach((r, k) => lines.push(`\tfld ${r}, ${8 * (SAVED_X.length + k)}(t0)`));
  SAVED_X.forEach((r, k) => lines.push(`\tld ${r}, ${8 * k}(t0)`));
  lines.push('\tret', '\t.size dt_finish, .-dt_finish');

  return lines.join('\n') + '\n';
}

function emitCase(name: string, instance: Instance): string {
  const { spare, kind } = instance.data as RvData;
  const r = `x${spare}`;
  const lines = ['\t.text', `\t.globl ${name}`, `\t.type ${name}, @function`, '\t.p2align 2', `${name}:`];
  // a0 (x10) holds the input record: it is loaded last.
  for (let n = 1; n < 32; n++) if (n !== 10) lines.push(`\tld x${n}, ${8 * n}(a0)`);
  lines.push(`\tld x10, 80(a0)`);
  // The instruction's own address, for pc-relative values (target.uf).
  lines.push(`${name}_i:`);
  for (const line of instance.text.split('\n')) lines.push(`\t${line.trim()}`);
  if (kind !== 'plain') {
    // The fall-through path skips the marker; the taken label records that it was reached.
    if (kind === 'call') lines.push(`${name}_r:`);
    lines.push(`\tj ${name}_s`, `${instance.taken}:`, `\tsd ${r}, ${TAKEN}(${r})`, `${name}_s:`);
  }
  for (let n = 1; n < 32; n++) lines.push(`\tsd x${n}, ${8 * n}(${r})`);
  lines.push('\ttail dt_finish', `\t.size ${name}, .-${name}`);
  return lines.join('\n') + '\n';
}

/** What `auipc rt, %pcrel_hi(sym)` leaves in rt, at the case's instruction address. */
function uf(name: string, args: readonly bigint[], label: (suffix: string) => bigint | undefined): bigint | undefined {
  const pc = label('i');
  if (name !== PCREL_HI || pc === undefined || args[0] === undefined) return undefined;
  const hi = (BigInt.asIntN(64, args[0] - pc) + 0x800n) >> 12n;
  return (pc + BigInt.asIntN(32, (hi & 0xfffffn) << 12n)) & ((1n << 64n) - 1n);
}

/** A call writes its return address, the label emitted right after the call, into ra. */
function callEffect(label: (suffix: string) => string): CallEffect {
  return (_event, state) => state.set('x1', v(64, `&${label('r')}`));
}

export const target: DiffTarget = {
  isa: 'riscv64',
  semantics: riscvSemantics,
  components: COMPONENTS,
  stateBytes: STATE_BYTES,
  encode,
  decode,
  forms: (): Form[] => [...RISCV_FORMS, ...RISCV_FP_FORMS],
  prelude,
  emitCase,
  callEffect,
  uf,
  // Symbols inside the scratch buffer, for la/lla/%hi/%lo and symbol loads.
  linkSymbols: (layout) => new Map(SCRATCH_SYMBOLS.map(([name, offset]) => [name, layout.scratchAddr + BigInt(offset)])),
};
