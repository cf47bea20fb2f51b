// Writes the RISC-V output file: the source's statements in their order, with
// each translated block's target code at its first instruction, data
// directives in RISC-V spelling, jump tables rebuilt as 8-byte absolute
// addresses, a trapping stub for every refused function, and the
// translator's private area and callback wrappers at the end, and the
// variadic runtime (src/runtime/) when a block calls one of its wrappers.
import type { InstructionStatement } from '../asm/ast.js';
import type { AsmProgram, JumpTable } from '../program/model.js';
import type { FunctionResult, TranslatedBlock } from '../translate/function.js';
import { PRIVATE_AREA } from '../translate/regmap.js';
import { translateDirective } from './directives.js';
import { RUNTIME_PREFIX } from '../abi/libc.js';
import { VA_RUNTIME_RISCV64 } from '../runtime/va-riscv64.generated.js';

export interface EmitInput {
  program: AsmProgram;
  results: FunctionResult[];
  outputLabel(name: string, at: number): string;
  /** Output name of the label statement at index i. */
  labelAt(i: number): string;
  privateBytes: number;
  /** Callback wrappers: wrapper name -> wrapped function. */
  wrappers: Map<string, string>;
  /** Comment lines for each emitted block, by block (e.g. "# unverified" marks). */
  blockNote?: (fn: string, block: TranslatedBlock) => string | undefined;
  sourceName: string;
}

export function emitAssembly(input: EmitInput): string {
  const { program } = input;
  const st = program.file.statements;
  const out: string[] = [`# RISC-V64 translation of ${input.sourceName} (AArch64) by transpile`];
  const fnAt: (FunctionResult | undefined)[] = new Array(st.length);
  const labelAtFn = new Map<number, FunctionResult>();
  const blockAt = new Map<number, { fn: FunctionResult; block: TranslatedBlock }>();
  const tables = new Map<number, { table: JumpTable; fnIndex: number; fn: FunctionResult }>();
  const skip = new Set<number>();
  program.functions.forEach((fn, k) => {
    const r = input.results[k]!;
    for (let i = fn.labelAt; i < fn.endAt; i++) if (program.sections.get(program.sectionOf[i]!)?.executable) fnAt[i] = r;
    labelAtFn.set(fn.labelAt, r);
    if (r.kind === 'translated') {
      for (const b of r.blocks) if (b.firstInstruction !== undefined) blockAt.set(b.firstInstruction, { fn: r, block: b });
    }
    for (const t of fn.jumpTables) {
      const labelIndex = program.labelIndex.get(t.label);
      if (labelIndex !== undefined) tables.set(labelIndex, { table: t, fnIndex: k, fn: r });
      t.dataStatements.forEach((d) => skip.add(d));
    }
  });
  for (let i = 0; i < st.length; i++) {
    const s = st[i]!;
    if (skip.has(i)) continue;
    const fn = fnAt[i];
    if (s.kind === 'label') {
      const table = tables.get(i);
      if (table) {
        out.push('\t.p2align\t3', `${input.labelAt(i)}:`);
        if (table.fn.kind === 'translated') {
          const fnModel = program.functions[table.fnIndex]!;
          for (const target of table.table.targets) {
            const b = fnModel.blocks[target]!;
            out.push(`\t.dword\t${input.outputLabel(b.labels[0]!, i)}`);
          }
        }
        continue;
      }
      const owner = labelAtFn.get(i);
      if (fn?.kind === 'refused' && !owner) continue;
      out.push(`${input.labelAt(i)}:`);
      if (owner?.kind === 'refused') {
        out.push(`\t# transpile: '${owner.name}' was not translated: ${owner.reason} (${owner.location})`);
        out.push('\tunimp');
      }
      continue;
    }
    if (s.kind === 'directive') {
      const text = translateDirective(s);
      if (text !== undefined) out.push(text);
      continue;
    }
    if (!fn) {
      out.push(`\t# transpile: instruction outside any function, not translated: ${(s as InstructionStatement).mnemonic}`);
      out.push('\tunimp');
      continue;
    }
    if (fn.kind !== 'translated') continue;
    const hit = blockAt.get(i);
    if (!hit) continue;
    const note = input.blockNote?.(fn.name, hit.block);
    if (note) out.push(`\t# ${note}`);
    for (const line of hit.block.lines) out.push(line.endsWith(':') ? line : `\t${line}`);
  }
  out.push('', '\t# transpile: private area (spill slots, saved flags, vector registers)', '\t.bss', '\t.p2align\t4');
  out.push(`\t.type\t${PRIVATE_AREA}, @object`, `\t.size\t${PRIVATE_AREA}, ${Math.max(input.privateBytes, 16)}`);
  out.push(`${PRIVATE_AREA}:`, `\t.zero\t${Math.max(input.privateBytes, 16)}`);
  if (input.wrappers.size) {
    out.push('', '\t# transpile: LP64D wrappers for callbacks from the C library (sign-extend int results)', '\t.text', '\t.p2align\t2');
    for (const [wrapper, fn] of input.wrappers) {
      out.push(`${wrapper}:`, '\taddi\tsp, sp, -16', '\tsd\tra, 8(sp)', `\tcall\t${fn}`, '\tld\tra, 8(sp)', '\taddi\tsp, sp, 16', '\tsext.w\ta0, a0', '\tret');
    }
  }
  if (callsRuntime(input.results)) {
    out.push('', '\t# transpile: variadic runtime (src/runtime/va.c, compiled by scripts/gen-runtime.mjs)');
    out.push(VA_RUNTIME_RISCV64.trimEnd());
  }
  return out.join('\n') + '\n';
}

const RUNTIME_CALL = new RegExp(`^\\s*(call|tail)\\s+${RUNTIME_PREFIX}\\w+\\s*$`);

/** Whether some translated block calls a runtime wrapper (then the runtime is appended, otherwise not). */
function callsRuntime(results: readonly FunctionResult[]): boolean {
  return results.some((r) => r.kind === 'translated' && r.blocks.some((b) => b.lines.some((l) => RUNTIME_CALL.test(l))));
}
