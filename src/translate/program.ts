// Translates a whole AArch64 file: the register map for the file, each
// function (a refused function does not stop the others), then the output
// text. Verification of the emitted blocks is a separate step (verify.ts).
import { symbolOf } from '../guess/rules/int-operands.js';
import type { Prototype } from '../cfront/ctypes.js';
import { emitAssembly } from '../emit/assembly.js';
import type { AsmProgram } from '../program/model.js';
import type { InstructionStatement } from '../asm/ast.js';
import { fprOf, gprOf } from '../isa/aarch64/semantics/operands.js';
import { formatFpArguments, singleOnlyRegisters, translateFunction, type FunctionResult, type TranslatedBlock } from './function.js';
import { RegisterMap } from './regmap.js';
import { callClobbers } from './addresses.js';
import { fpInterproc } from './interproc.js';

export interface TranslateOptions {
  prototypes: Map<string, Prototype>;
  /** Comment to put before a block in the output (verification marks). */
  blockNote?: (fn: string, block: TranslatedBlock) => string | undefined;
}

export interface ProgramTranslation {
  results: FunctionResult[];
  map: RegisterMap;
  privateBytes: number;
  /** Emits the output text (call again after verification to add marks). */
  emit(blockNote?: (fn: string, block: TranslatedBlock) => string | undefined): string;
}

export function translateProgram(program: AsmProgram, options: TranslateOptions): ProgramTranslation {
  const st = program.file.statements;
  const functions = new Set(program.functions.map((f) => f.name));
  const callerSavedUse = new Map<number, number>();
  const vectorRegs = new Set<number>();
  const escapes = new Set<string>();
  st.forEach((s) => {
    if (s.kind === 'instruction') {
      for (const op of s.operands) {
        if (op.kind === 'reg') {
          const g = gprOf(op.name);
          const n = g?.root.startsWith('x') ? Number(g.root.slice(1)) : -1;
          if (n >= 8 && n <= 18) callerSavedUse.set(n, (callerSavedUse.get(n) ?? 0) + 1);
          const f = fprOf(op.name);
          if (f && f.w !== 32 && f.w !== 64) vectorRegs.add(f.n);
        } else if (op.kind === 'vreg') vectorRegs.add(Number(op.name.slice(1)));
        else if (op.kind === 'vlist') op.regs.forEach((r) => vectorRegs.add(Number(r.name.slice(1))));
        else if (op.kind === 'a64mem') {
          for (const r of [op.base, op.offset?.kind === 'reg' ? op.offset.name : '']) {
            const g = gprOf(r);
            const n = g?.root.startsWith('x') ? Number(g.root.slice(1)) : -1;
            if (n >= 8 && n <= 18) callerSavedUse.set(n, (callerSavedUse.get(n) ?? 0) + 1);
          }
        }
        // A function named anywhere but as a direct call or branch target escapes.
        if (s.mnemonic !== 'bl' && s.mnemonic !== 'b') {
          const e = op.kind === 'expr' || op.kind === 'imm' ? op.expr : op.kind === 'a64mem' && op.offset && (op.offset.kind === 'expr' || op.offset.kind === 'imm') ? op.offset.expr : undefined;
          const sym = e ? symbolOf(e) : undefined;
          if (sym && functions.has(sym)) escapes.add(sym);
        }
      }
    } else if (s.kind === 'directive' && !/^\.(type|size|global|globl|local|weak|hidden)$/.test(s.name)) {
      for (const a of s.args) {
        if (a.kind === 'expr') {
          const sym = symbolOf(a.expr);
          if (sym && functions.has(sym)) escapes.add(sym);
        }
      }
    }
  });
  const map = new RegisterMap(callerSavedUse, vectorRegs);
  const labelCounter = { n: 0 };
  const wrappers = new Map<string, string>();
  const outputLabel = (name: string, at: number): string => {
    const r = program.labels.resolve(name, at) ?? name;
    const m = /^(\d+)@(\d+)$/.exec(r);
    return m ? `.Ltp_num${m[1]}_${m[2]}` : r;
  };
  const labelAt = (i: number): string => {
    const r = program.labels.nameAt.get(i) ?? (st[i] as { name: string }).name;
    const m = /^(\d+)@(\d+)$/.exec(r);
    return m ? `.Ltp_num${m[1]}_${m[2]}` : r;
  };
  const stringCache = new Map<string, string | undefined>();
  const stringAt = (label: string): string | undefined => {
    if (stringCache.has(label)) return stringCache.get(label);
    const i = program.labelIndex.get(label);
    let text: string | undefined;
    if (i !== undefined) {
      let bytes: number[] = [];
      for (let k = i + 1; k < st.length; k++) {
        const s = st[k]!;
        if (s.kind === 'label') continue;
        if (s.kind !== 'directive' || !['.string', '.asciz', '.ascii'].includes(s.name)) break;
        const a = s.args[0];
        if (a?.kind !== 'string') break;
        bytes = bytes.concat([...a.bytes]);
        if (s.name !== '.ascii') {
          text = Buffer.from(bytes).toString('latin1');
          break;
        }
        const nul = bytes.indexOf(0);
        if (nul >= 0) {
          text = Buffer.from(bytes.slice(0, nul)).toString('latin1');
          break;
        }
      }
    }
    stringCache.set(label, text);
    return text;
  };
  const singleCache = new Map<string, Set<number>>();
  const clobbers = callClobbers(program);
  const callSiteFp = new Map<InstructionStatement, string[]>();
  for (const fn of program.functions) {
    formatFpArguments(fn, { program, isLocalFunction: (name) => functions.has(name), prototype: (name) => options.prototypes.get(name), stringAt, clobbers }, callSiteFp);
  }
  const fp = fpInterproc(program, options.prototypes, callSiteFp);
  const results = program.functions.map((fn) =>
    translateFunction(fn, {
      program,
      map,
      labelCounter,
      isLocalFunction: (name) => functions.has(name),
      outputLabel,
      prototype: (name) => options.prototypes.get(name),
      stringAt,
      callbackWrapper: (fn) => {
        const w = `__tp_cb_${fn.replace(/[^A-Za-z0-9_]/g, '_')}`;
        wrappers.set(w, fn);
        return w;
      },
      escapes,
      clobbers,
      fp,
      singleOnly: (name) => {
        let set = singleCache.get(name);
        if (!set) {
          const f = program.functions.find((g) => g.name === name);
          set = f ? singleOnlyRegisters(f, program) : new Set();
          singleCache.set(name, set);
        }
        return set;
      },
    }),
  );
  const emit = (blockNote?: (fn: string, block: TranslatedBlock) => string | undefined): string =>
    emitAssembly({
      program,
      results,
      outputLabel,
      labelAt,
      privateBytes: map.areaBytes,
      wrappers,
      sourceName: program.file.fileName,
      ...(blockNote ?? options.blockNote ? { blockNote: blockNote ?? options.blockNote } : {}),
    });
  return {
    results,
    map,
    get privateBytes() {
      return map.areaBytes;
    },
    emit,
  };
}
