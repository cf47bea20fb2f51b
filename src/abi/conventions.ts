// Calling conventions (AAPCS64 for AArch64, LP64D for RISC-V) as the
// verifier needs them: where arguments and results travel, what a callee
// must preserve, and what a call may change. Register names are the IR's
// canonical state components (src/ir/state.ts).
import type { Isa } from '../asm/ast.js';

export interface CallingConvention {
  isa: Isa;
  name: string;
  /** Integer argument registers, in order. */
  intArgs: string[];
  /** Floating-point argument registers, in order. */
  fpArgs: string[];
  /** Integer result registers (a second one for 128-bit results and small structs). */
  intResults: string[];
  fpResults: string[];
  /** Preserved across calls, compared at return. Vector registers list the bits preserved. */
  calleeSaved: { name: string; bits: number }[];
  stackPointer: string;
  /** Where a call returns to. */
  linkRegister: string;
  /** Components a call may change (everything else is preserved by a conforming callee). */
  callClobbered: string[];
  /** Bytes below the stack pointer a function may use without moving it (0 on both). */
  redZone: number;
  /** Alignment of the stack pointer at a call. */
  stackAlign: number;
}

const range = (p: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${p}${from + i}`);

export const AAPCS64: CallingConvention = {
  isa: 'aarch64',
  name: 'AAPCS64',
  intArgs: range('x', 0, 7),
  fpArgs: range('v', 0, 7),
  intResults: ['x0', 'x1'],
  fpResults: range('v', 0, 3),
  // x19-x28 and the frame pointer; only the low 64 bits of v8-v15 are preserved.
  calleeSaved: [...range('x', 19, 29).map((name) => ({ name, bits: 64 })), ...range('v', 8, 15).map((name) => ({ name, bits: 64 }))],
  stackPointer: 'sp',
  linkRegister: 'x30',
  callClobbered: [...range('x', 0, 18), 'x30', ...range('v', 0, 31), 'n', 'z', 'c', 'v', 'fpsr'],
  redZone: 0,
  stackAlign: 16,
};

export const LP64D: CallingConvention = {
  isa: 'riscv64',
  name: 'RISC-V LP64D',
  intArgs: range('x', 10, 17),
  fpArgs: range('f', 10, 17),
  intResults: ['x10', 'x11'],
  fpResults: ['f10', 'f11'],
  // s0-s11 (x8, x9, x18-x27) and fs0-fs11 (f8, f9, f18-f27).
  calleeSaved: [...['x8', 'x9', ...range('x', 18, 27)], ...['f8', 'f9', ...range('f', 18, 27)]].map((name) => ({ name, bits: 64 })),
  stackPointer: 'x2',
  linkRegister: 'x1',
  callClobbered: ['x1', ...range('x', 5, 7), ...range('x', 10, 17), ...range('x', 28, 31), ...range('f', 0, 7), ...range('f', 10, 17), ...range('f', 28, 31), 'fflags'],
  redZone: 0,
  stackAlign: 16,
};

export function conventionFor(isa: Isa): CallingConvention {
  if (isa === 'aarch64') return AAPCS64;
  if (isa === 'riscv64') return LP64D;
  throw new Error(`no calling convention for ${isa} yet`);
}
