// Comparing one case: the interpreter evaluates the instance's symbolic
// result on the input state, and every compared component, every scratch
// byte and the control flow are checked against what qemu produced.
import { Evaluator, type Env } from '../interp/eval.js';
import type { BV } from '../ir/expr.js';
import type { ControlTarget } from '../ir/semantics.js';
import type { ExecResult } from '../ir/symexec.js';
import { componentWidth } from '../ir/state.js';
import type { DiffTarget, HarnessLayout, Instance, InputState, Mismatch } from './types.js';
import { FpNotImplemented } from '../ir/fp.js';

export interface CaseInput {
  /** Index of the case function in the program. */
  index: number;
  prepared: { name: string; instance: Instance; exec: ExecResult; form: { form: { name: string }; ignore: ReadonlySet<string> } };
  state: { values: Map<string, bigint>; scratch: Uint8Array };
}

export type CaseOutcome = { mismatch?: Mismatch } | { failure: string } | { fpMissing: true };

/** The concrete FP layer (src/ir/fp.ts) reports missing operations with this error class. */
export function isFpNotImplemented(err: unknown): boolean {
  return err instanceof FpNotImplemented;
}

class OutsideScratch extends Error {}

function env(
  values: ReadonlyMap<string, bigint>,
  scratch: Uint8Array,
  symbols: ReadonlyMap<string, bigint>,
  layout: HarnessLayout,
  uf?: Env['uf'],
): Env {
  return {
    ...(uf ? { uf } : {}),
    variable(name) {
      const v = values.get(name);
      if (v !== undefined) return v;
      if (name.startsWith('&')) {
        const addr = symbols.get(name.slice(1));
        if (addr !== undefined) return addr;
      }
      throw new Error(`no input value for '${name}'`);
    },
    memByte(mem, addr) {
      const off = addr - layout.scratchAddr;
      if (mem !== 'mem' || off < 0n || off >= BigInt(layout.scratchSize))
        throw new OutsideScratch(`the semantics read memory at 0x${addr.toString(16)}, outside the scratch buffer`);
      return scratch[Number(off)]!;
    },
  };
}

/**
 * Evaluates every written component once on a state, before any program is
 * built (labels and symbols read as 0); returns the error, if any. The
 * harness uses it to skip forms whose concrete FP is missing.
 */
export function probeEvaluation(exec: ExecResult, state: InputState, layout: HarnessLayout): unknown {
  const values = new Map<string, bigint>();
  for (const [k, v] of state.values) values.set(k, typeof v === 'bigint' ? v : 0n);
  const ev = new Evaluator({ ...env(values, state.scratch, new Map(), layout), variable: (n) => values.get(n) ?? 0n });
  try {
    for (const v of exec.written.values()) ev.value(v);
    ev.stores_(exec.mem);
    if (exec.exit.kind === 'branch') ev.value(exec.exit.cond);
  } catch (err) {
    return err;
  }
  return undefined;
}

const hex = (v: bigint, w: number) => `0x${v.toString(16).padStart(Math.ceil(w / 4), '0')}`;

export function compareCase(
  target: DiffTarget,
  c: CaseInput,
  record: Uint8Array,
  symbols: ReadonlyMap<string, bigint>,
  layout: HarnessLayout,
): CaseOutcome {
  const { exec, instance, form } = c.prepared;
  const { values, scratch } = c.state;
  const name = c.prepared.name;
  const uf: Env['uf'] = (fn, args) => {
    const r = target.uf?.(fn, args, (suffix) => symbols.get(`${name}_${suffix}`));
    if (r === undefined) throw new Error(`no value for uninterpreted '${fn}'`);
    return r;
  };
  const ev = new Evaluator(env(values, scratch, symbols, layout, uf));
  const out = target.decode(record.subarray(0, target.stateBytes));
  const outScratch = record.subarray(target.stateBytes);
  const diffs: Mismatch['diffs'] = [];
  const show = (what: string, qemu: string, interp: string) => diffs.push({ what, qemu, interp });
  const value = (e: BV): bigint | string => {
    try {
      return ev.value(e);
    } catch (err) {
      if (isFpNotImplemented(err)) throw err;
      return `error: ${err instanceof Error ? err.message : String(err)}`;
    }
  };

  try {
    for (const name of target.components) {
      if (form.ignore.has(name)) continue;
      const w = componentWidth(target.isa, name);
      const written = exec.written.get(name);
      const expected = written ? value(written) : values.get(name);
      const actual = out.values.get(name);
      if (expected === undefined || actual === undefined) {
        show(name, actual === undefined ? 'missing' : hex(actual, w), 'missing');
      } else if (typeof expected === 'string') show(name, hex(actual, w), expected);
      else if (expected !== actual) show(name, hex(actual, w), hex(expected, w));
    }

    // Memory: every byte of the scratch buffer, and no store outside it.
    let stores: { addr: bigint; bytes: number }[] = [];
    try {
      stores = ev.stores_(exec.mem);
    } catch (err) {
      if (isFpNotImplemented(err)) throw err;
      show('memory', '', `error: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const s of stores) {
      const off = s.addr - layout.scratchAddr;
      if (off < 0n || off + BigInt(s.bytes) > BigInt(layout.scratchSize))
        show('store', '', `${s.bytes} bytes at 0x${s.addr.toString(16)}, outside the scratch buffer`);
    }
    const bytesDiffer: string[] = [];
    for (let k = 0; k < layout.scratchSize; k++) {
      let b: number | string;
      try {
        b = ev.byte(exec.mem, layout.scratchAddr + BigInt(k));
      } catch (err) {
        if (isFpNotImplemented(err)) throw err;
        b = `error: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (b !== outScratch[k]) bytesDiffer.push(`+${k}: qemu ${outScratch[k]!.toString(16)} interp ${typeof b === 'number' ? b.toString(16) : b}`);
    }
    if (bytesDiffer.length) show('scratch', bytesDiffer.slice(0, 8).join(', '), `${bytesDiffer.length} bytes differ`);

    compareControl(exec, instance, out.taken, value, symbols, c.prepared.name, show);
  } catch (err) {
    if (isFpNotImplemented(err)) return { fpMissing: true };
    throw err;
  }

  if (diffs.length === 0) return {};
  const input: Record<string, string> = {};
  for (const name of [...exec.liveIn].sort()) {
    const v = values.get(name);
    if (v !== undefined) input[name] = hex(v, componentWidth(target.isa, name));
  }
  input['scratch'] = Buffer.from(scratch).toString('hex');
  return { mismatch: { form: form.form.name, text: instance.text.replace(/\bCASE_/g, `${c.prepared.name}_`), input, diffs } };
}

/** The semantics' control flow against the taken marker and the label the taken path reaches. */
function compareControl(
  exec: ExecResult,
  instance: Instance,
  taken: boolean,
  value: (e: BV) => bigint | string,
  symbols: ReadonlyMap<string, bigint>,
  name: string,
  show: (what: string, qemu: string, interp: string) => void,
): void {
  const label = instance.taken?.replace(/^CASE_/, `${name}_`);
  const labelAddr = label ? symbols.get(label) : undefined;
  const destination = (t: ControlTarget): bigint | string => {
    if (t.kind === 'address') return value(t.value);
    return symbols.get(t.name) ?? `unknown symbol ${t.name}`;
  };
  let expectTaken: boolean | string = false;
  let target: ControlTarget | undefined;
  const exit = exec.exit;
  if (exec.calls.length > 1) return show('control', '', `${exec.calls.length} calls in one case`);
  if (exec.calls.length === 1) {
    if (exit.kind !== 'fall') return show('control', '', `a call followed by ${exit.kind}`);
    expectTaken = true;
    target = exec.calls[0]!.target;
  } else {
    switch (exit.kind) {
      case 'fall':
        break;
      case 'branch': {
        const cond = value(exit.cond);
        expectTaken = typeof cond === 'string' ? cond : cond === 1n;
        target = exit.target;
        break;
      }
      case 'jump':
        expectTaken = true;
        target = exit.target;
        break;
      case 'return':
        expectTaken = true;
        target = { kind: 'address', value: exit.via };
        break;
      case 'trap':
        return show('control', taken ? 'taken' : 'fell through', `trap (${exit.reason})`);
    }
  }
  if (expectTaken !== taken) show('taken', String(taken), String(expectTaken));
  if (target && expectTaken === true) {
    const d = destination(target);
    if (labelAddr === undefined) show('target', 'no taken label', String(d));
    else if (d !== labelAddr) show('target', `0x${labelAddr.toString(16)}`, typeof d === 'bigint' ? `0x${d.toString(16)}` : d);
  }
}
