// The machine state each ISA's semantics reads and writes, by canonical
// component name. Register spellings map to these names through
// registerRoot (src/program/regflow.ts): AArch64 `w3`/`x3` are `x3`, RISC-V
// `a0` is `x10`, `fa0` is `f10`.
import type { Isa } from '../asm/ast.js';

export interface StateComponent {
  name: string;
  w: number;
  kind: 'gpr' | 'fpr' | 'flag' | 'control';
}

function range(prefix: string, from: number, to: number, w: number, kind: StateComponent['kind']): StateComponent[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ name: `${prefix}${from + i}`, w, kind }));
}

const LAYOUTS: Record<Isa, StateComponent[]> = {
  aarch64: [
    ...range('x', 0, 30, 64, 'gpr'),
    { name: 'sp', w: 64, kind: 'gpr' },
    { name: 'n', w: 1, kind: 'flag' },
    { name: 'z', w: 1, kind: 'flag' },
    { name: 'c', w: 1, kind: 'flag' },
    { name: 'v', w: 1, kind: 'flag' },
    ...range('v', 0, 31, 128, 'fpr'),
    /** FPSR cumulative exception flags (IOC, DZC, OFC, UFC, IXC, IDC in bits 0-4, 7). */
    { name: 'fpsr', w: 32, kind: 'control' },
  ],
  riscv64: [
    ...range('x', 1, 31, 64, 'gpr'),
    ...range('f', 0, 31, 64, 'fpr'),
    /** fcsr.fflags: NV DZ OF UF NX (bits 4..0). */
    { name: 'fflags', w: 5, kind: 'control' },
    /** fcsr.frm, the dynamic rounding mode. */
    { name: 'frm', w: 3, kind: 'control' },
  ],
  x86_64: [
    ...['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'].map(
      (name) => ({ name, w: 64, kind: 'gpr' as const }),
    ),
    ...['cf', 'pf', 'af', 'zf', 'sf', 'of', 'df'].map((name) => ({ name, w: 1, kind: 'flag' as const })),
    ...range('zmm', 0, 15, 128, 'fpr'),
  ],
};

export function stateLayout(isa: Isa): readonly StateComponent[] {
  return LAYOUTS[isa];
}

export function componentWidth(isa: Isa, name: string): number {
  const c = LAYOUTS[isa].find((s) => s.name === name);
  if (!c) throw new Error(`no state component '${name}' in ${isa}`);
  return c.w;
}
