// The difftest harness: generates instances of every form, builds and runs
// them under qemu in batches, runs the same instructions through the
// semantics and the interpreter, and compares. Target-independent; the
// contract with targets is in types.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstructionStatement } from '../asm/ast.js';
import { parseAsm } from '../asm/index.js';
import { execute, type ExecResult } from '../ir/symexec.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import { runProgram, runTool, toolFor } from '../toolchain/gnu.js';
import { caseTableSource, driverSource } from './driver.js';
import { compareCase, isFpNotImplemented, probeEvaluation, type CaseInput } from './compare.js';
import { Rng } from './random.js';
import type { DiffTarget, Form, FormResult, HarnessLayout, Instance, InputState, Mismatch } from './types.js';

export const DEFAULT_LAYOUT: HarnessLayout = {
  scratchAddr: 0x20000000n,
  scratchSize: 64,
  outAddr: 0x20010000n,
  ctxAddr: 0x20010800n,
};

export interface DifftestOptions {
  /** Cases per form (instances x states per instance). */
  casesPerForm: number;
  seed: string | number;
  /** Only forms whose name matches. */
  form?: RegExp;
  /** Where programs are built (default: a fresh temporary directory, removed afterwards). */
  workDir?: string;
  keepWorkDir?: boolean;
  /** Timeout of each qemu run. */
  timeoutMs?: number;
  /** Upper bound on case functions per program (code size, compile time). */
  maxInstancesPerProgram?: number;
  /** At most this many mismatches are kept per form for the report. */
  examplesPerForm?: number;
  log?: (message: string) => void;
  layout?: HarnessLayout;
}

/** How cases split into instances: a few states per instance once there are many cases. */
export function statesPerInstance(cases: number): number {
  return Math.max(1, Math.min(8, Math.floor(cases / 100)));
}

interface Prepared {
  form: FormState;
  name: string;
  instance: Instance;
  exec: ExecResult;
  states: InputState[];
}

/** A case of a batch: the compared input plus the harness's bookkeeping. */
interface BatchCase extends CaseInput {
  prepared: Prepared;
}

interface FormState {
  form: Form;
  result: FormResult;
  ignore: ReadonlySet<string>;
}

export function runDifftest(target: DiffTarget, options: DifftestOptions): FormResult[] {
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const log = options.log ?? (() => {});
  const all = target.forms();
  const names = new Set<string>();
  for (const f of all) {
    if (names.has(f.name)) throw new Error(`difftest: form '${f.name}' defined twice`);
    names.add(f.name);
  }
  const selected = all.map((form, index) => ({ form, index })).filter(({ form }) => !options.form || options.form.test(form.name));
  const perInstance = statesPerInstance(options.casesPerForm);
  const instancesPerForm = Math.ceil(options.casesPerForm / perInstance);

  const states: FormState[] = [];
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), `difftest-${target.isa}-`));
  mkdirSync(workDir, { recursive: true });
  try {
    const driverObj = buildDriver(target, workDir, layout);
    const maxInstances = options.maxInstancesPerProgram ?? 600;
    // Forms are prepared and run batch by batch, so memory holds one batch
    // of instances and states, not the whole run.
    let current: Prepared[] = [];
    let batch = 0;
    const flush = () => {
      const slice = current.filter((p) => p.form.result.status !== 'skipped');
      current = [];
      if (slice.length === 0) return;
      log(`batch ${batch}: ${slice.length} instances (${slice[0]!.form.form.name} .. ${slice[slice.length - 1]!.form.form.name})`);
      runBatch(target, slice, join(workDir, `batch-${batch++}`), driverObj, options, layout);
    };
    for (const { form, index } of selected) {
      const fs: FormState = {
        form,
        ignore: new Set(form.ignore?.components ?? []),
        result: {
          form: form.name,
          group: form.group,
          cases: 0,
          mismatches: 0,
          examples: [],
          status: 'pass',
          ...(form.ignore ? { ignored: `${form.ignore.components.join(', ')}: ${form.ignore.reason}` } : {}),
        },
      };
      states.push(fs);
      for (const p of prepareForm(target, fs, index, instancesPerForm, perInstance, options, layout) ?? []) {
        current.push(p);
        if (current.length >= maxInstances) flush();
      }
    }
    flush();
  } finally {
    if (!options.workDir && !options.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  }
  for (const s of states) finish(s.result);
  return states.map((s) => s.result);
}

function finish(r: FormResult): void {
  if (r.status === 'skipped') {
    r.cases = 0;
    r.mismatches = 0;
    r.examples = [];
  } else if (r.mismatches > 0 || r.note) r.status = 'fail';
}

/** Generates and symbolically executes a form's instances; undefined when the form cannot run. */
function prepareForm(
  target: DiffTarget,
  fs: FormState,
  formIndex: number,
  count: number,
  perInstance: number,
  options: DifftestOptions,
  layout: HarnessLayout,
): Prepared[] | undefined {
  const rng = new Rng(`${options.seed}:${fs.form.name}`);
  const out: Prepared[] = [];
  try {
    for (let k = 0; k < count; k++) {
      const name = `dt${formIndex}_${k}`;
      const instance = fs.form.instance(rng, layout);
      const exec = symbolic(target, instance, name);
      const st = Array.from({ length: perInstance }, () => instance.state(rng));
      out.push({ form: fs, name, instance, exec, states: st });
    }
  } catch (err) {
    fs.result.note = `instance generation failed: ${err instanceof Error ? err.message : String(err)}`;
    return undefined;
  }
  // Evaluating once before building anything tells whether the form needs
  // concrete floating point that does not exist yet: such forms are skipped
  // explicitly and never counted as passing.
  const first = out[0];
  if (first && isFpNotImplemented(probeEvaluation(first.exec, first.states[0]!, layout))) {
    fs.result.status = 'skipped';
    fs.result.note = 'skipped: no concrete FP semantics yet (src/ir/fp.ts)';
  }
  return out;
}

/** Parses an instance's text with its labels named and runs the semantics on it. */
export function symbolic(target: DiffTarget, instance: Instance, name: string): ExecResult {
  const text = instanceText(instance, name);
  const parsed = parseAsm(text, `${name}.s`, target.isa);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`cannot parse '${text}': ${errors[0]!.message}`);
  const instrs = parsed.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
  const onCall = target.callEffect?.((suffix) => `${name}_${suffix}`);
  try {
    return execute(instrs, { isa: target.isa, semantics: target.semantics, ...(onCall ? { onCall } : {}) });
  } catch (err) {
    if (err instanceof UnsupportedInstruction) throw new Error(`semantics refuse '${text}': ${err.message}`);
    throw err;
  }
}

export function instanceText(instance: Instance, name: string): string {
  return instance.text.replace(/\bCASE_/g, `${name}_`);
}

/** The instance as emitCase sees it: `CASE_` replaced by the case's name in text and taken label. */
function resolvedInstance(instance: Instance, name: string): Instance {
  return {
    ...instance,
    text: instanceText(instance, name),
    ...(instance.taken ? { taken: instance.taken.replace(/^CASE_/, `${name}_`) } : {}),
  };
}

function buildDriver(target: DiffTarget, dir: string, layout: HarnessLayout): string {
  const src = join(dir, 'driver.c');
  const obj = join(dir, 'driver.o');
  writeFileSync(src, driverSource(layout, target.stateBytes));
  const r = runTool(toolFor(target.isa, 'gcc'), ['-c', '-O1', '-fno-stack-protector', ...(target.gccFlags ?? []), '-o', obj, src]);
  if (r.status !== 0) throw new Error(`difftest: cannot compile the driver:\n${r.stderr}`);
  return obj;
}

function runBatch(
  target: DiffTarget,
  batch: Prepared[],
  dir: string,
  driverObj: string,
  options: DifftestOptions,
  layout: HarnessLayout,
): void {
  mkdirSync(dir, { recursive: true });
  const asm = [target.prelude(layout), ...batch.map((p) => target.emitCase(p.name, resolvedInstance(p.instance, p.name), layout))];
  writeFileSync(join(dir, 'cases.s'), asm.join('\n'));
  writeFileSync(join(dir, 'table.c'), caseTableSource(batch.map((p) => p.name)));
  const exe = join(dir, 'prog');
  const defsyms = [...(target.linkSymbols?.(layout) ?? new Map<string, bigint>())].map(([n, a]) => `-Wl,--defsym=${n}=0x${a.toString(16)}`);
  const link = runTool(
    toolFor(target.isa, 'gcc'),
    ['-static', '-O1', ...(target.gccFlags ?? []), ...defsyms, '-o', exe, driverObj, join(dir, 'table.c'), join(dir, 'cases.s')],
    { timeoutMs: 300_000 },
  );
  if (link.status !== 0) {
    const forms = [...new Set(batch.map((p) => p.form))];
    if (forms.length > 1) {
      // Isolate the form that does not build; the others still run.
      forms.forEach((f, k) => runBatch(target, batch.filter((p) => p.form === f), `${dir}-${k}`, driverObj, options, layout));
      return;
    }
    forms[0]!.result.note ??= `build failed: ${link.stderr.split('\n').slice(0, 4).join(' | ')}`;
    return;
  }
  const symbols = readSymbols(target, exe);

  // Every case of the batch, in order: (instance, state). Instances whose
  // semantics end in a trap cannot store an output state: each of their
  // cases runs alone and must end the program with a signal.
  const cases: BatchCase[] = [];
  const traps: BatchCase[] = [];
  batch.forEach((p, index) => {
    const trap = p.exec.exit.kind === 'trap';
    for (const state of trap ? p.states.slice(0, 1) : p.states)
      (trap ? traps : cases).push({ index, prepared: p, state: resolveState(state, p.name, symbols) });
  });
  const timeoutMs = options.timeoutMs ?? 120_000;
  const recordChars = 2 * (target.stateBytes + layout.scratchSize);

  let next = 0;
  while (next < cases.length) {
    const input = encodeInput(target, cases.slice(next), layout);
    const run = runProgram(target.isa, exe, { input, timeoutMs });
    const lines = run.stdout.split('\n');
    let done = 0;
    for (const line of lines) {
      if (line.length !== recordChars || next + done >= cases.length) break;
      const c = cases[next + done]!;
      record(c, compareCase(target, c, Buffer.from(line, 'hex'), symbols, layout), options);
      done++;
    }
    if (next + done >= cases.length) break;
    // The program stopped early: the case after the last complete record is
    // the culprit (a crash, a signal, a timeout). Report it and go on after it.
    const c = cases[next + done]!;
    const why = run.timedOut ? 'timed out' : `exited with status ${run.status}`;
    record(c, { failure: `qemu ${why} running this case: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}` }, options);
    next += done + 1;
  }

  for (const c of traps) {
    const run = runProgram(target.isa, exe, { input: encodeInput(target, [c], layout), timeoutMs });
    const completed = run.stdout.split('\n').some((l) => l.length === recordChars);
    // qemu-user dies of the guest's fatal signal itself (no exit status), or exits with 128 + signal.
    const signalled = !completed && !run.timedOut && (run.status === null || run.status >= 128);
    record(c, signalled ? {} : { failure: `the semantics trap, but qemu ${completed ? 'completed the case' : `exited with status ${run.status}`}` }, options);
  }
}

function record(c: BatchCase, outcome: ReturnType<typeof compareCase>, options: DifftestOptions): void {
  const r = c.prepared.form.result;
  if (r.status === 'skipped') return;
  if ('fpMissing' in outcome) {
    r.status = 'skipped';
    r.note = 'skipped: no concrete FP semantics yet (src/ir/fp.ts)';
    return;
  }
  r.cases++;
  const mismatch: Mismatch | undefined =
    'failure' in outcome
      ? { form: r.form, text: instanceText(c.prepared.instance, c.prepared.name), input: {}, diffs: [{ what: 'run', qemu: outcome.failure, interp: '' }] }
      : outcome.mismatch;
  if (!mismatch) return;
  r.mismatches++;
  if (r.examples.length < (options.examplesPerForm ?? 3)) r.examples.push(mismatch);
}

/** Symbol addresses of the linked program, from nm. */
function readSymbols(target: DiffTarget, exe: string): Map<string, bigint> {
  const r = runTool(toolFor(target.isa, 'nm'), [exe]);
  if (r.status !== 0) throw new Error(`difftest: nm failed: ${r.stderr}`);
  const out = new Map<string, bigint>();
  for (const line of r.stdout.split('\n')) {
    const m = /^([0-9a-fA-F]+)\s+\S\s+(\S+)$/.exec(line.trim());
    if (m) out.set(m[2]!, BigInt(`0x${m[1]}`));
  }
  return out;
}

function resolveState(state: InputState, name: string, symbols: ReadonlyMap<string, bigint>): { values: Map<string, bigint>; scratch: Uint8Array } {
  const values = new Map<string, bigint>();
  for (const [k, v] of state.values) {
    if (typeof v === 'bigint') {
      values.set(k, v);
      continue;
    }
    const sym = v.label.replace(/^CASE_/, `${name}_`);
    const addr = symbols.get(sym);
    if (addr === undefined) throw new Error(`difftest: label '${sym}' not found in the program`);
    values.set(k, (addr + (v.addend ?? 0n)) & ((1n << 64n) - 1n));
  }
  return { values, scratch: state.scratch };
}

function encodeInput(target: DiffTarget, cases: readonly BatchCase[], layout: HarnessLayout): Buffer {
  const recBytes = target.stateBytes + layout.scratchSize;
  const buf = Buffer.alloc(4 + cases.length * (4 + recBytes));
  buf.writeUInt32LE(cases.length, 0);
  let off = 4;
  for (const c of cases) {
    buf.writeUInt32LE(c.index, off);
    off += 4;
    const rec = target.encode(c.state.values);
    if (rec.length !== target.stateBytes) throw new Error(`difftest: encode gave ${rec.length} bytes, expected ${target.stateBytes}`);
    buf.set(rec, off);
    buf.set(c.state.scratch, off + target.stateBytes);
    off += recBytes;
  }
  return buf;
}
