// Conservative register facts the CFG builder needs before full semantics
// exist: which register an instruction loads with a label's address, and a
// SUPERSET of the registers an instruction may write. Over-approximating
// writes can only make the CFG builder refuse a jump table, never accept a
// wrong one.
import type { InstructionStatement, Isa, Operand, Statement } from '../asm/ast.js';
import { aarch64RegisterNumber } from '../isa/aarch64/registers.js';
import { RISCV_REGISTER_NUMBERS } from '../isa/riscv64/registers.js';
import { X86_REGISTER_INFO } from '../isa/x86_64/registers.js';

const X86_GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

/** One name per physical register: `w3` and `x3` are `x3`, `%eax` is `rax`, RISC-V `s1` is `x9`. */
export function registerRoot(isa: Isa, name: string): string {
  switch (isa) {
    case 'x86_64': {
      const info = X86_REGISTER_INFO.get(name);
      if (!info) return name;
      if (info.cls.startsWith('gpr')) return X86_GPR64[info.num]!;
      if (info.cls === 'xmm' || info.cls === 'ymm' || info.cls === 'zmm') return `zmm${info.num}`;
      return name;
    }
    case 'aarch64': {
      if (name === 'sp' || name === 'wsp') return 'sp';
      if (name === 'xzr' || name === 'wzr') return 'xzr';
      if (/^[xw]/.test(name) || ['fp', 'lr', 'ip0', 'ip1'].includes(name)) {
        const n = aarch64RegisterNumber(name);
        if (n !== undefined) return `x${n}`;
      }
      const fp = /^[vqdshb]([0-9]+)/.exec(name);
      return fp ? `v${fp[1]}` : name;
    }
    case 'riscv64': {
      const n = RISCV_REGISTER_NUMBERS.get(name);
      return n === undefined ? name : n < 32 ? `x${n}` : `f${n - 32}`;
    }
  }
}

/** Registers a call may change (caller-saved in SysV x86-64, AAPCS64, RISC-V LP64D), plus the link register. */
const CALL_CLOBBERS: Record<Isa, Set<string>> = {
  x86_64: new Set(['rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'rsp', ...Array.from({ length: 32 }, (_, i) => `zmm${i}`)]),
  aarch64: new Set([
    ...Array.from({ length: 19 }, (_, i) => `x${i}`), 'x30', 'sp',
    ...Array.from({ length: 8 }, (_, i) => `v${i}`), ...Array.from({ length: 16 }, (_, i) => `v${16 + i}`),
  ]),
  riscv64: new Set(['x1', 'x5', 'x6', 'x7', ...Array.from({ length: 8 }, (_, i) => `x${10 + i}`), 'x28', 'x29', 'x30', 'x31',
    ...[0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31].map((n) => `f${n}`)]),
};

function isCall(isa: Isa, ins: InstructionStatement): boolean {
  const m = ins.mnemonic;
  if (isa === 'x86_64') return /^call[q]?$/.test(m);
  if (isa === 'aarch64') return m === 'bl' || m === 'blr';
  return m === 'call' || m === 'jal' || m === 'jalr' || m === 'tail';
}

function operandRegisters(op: Operand, out: string[]): void {
  if (op.kind === 'reg') out.push(op.name);
  else if (op.kind === 'vreg') out.push(op.name);
  else if (op.kind === 'vlist') for (const r of op.regs) out.push(r.name);
  else if (op.kind === 'indirect') operandRegisters(op.target, out);
}

/**
 * x86-64 registers written without being named, by mnemonic (size suffix
 * included where AT&T spells one). Missing an entry here would be unsound,
 * so the patterns are broad: whole families, every suffix.
 */
const X86_IMPLICIT: [RegExp, string[]][] = [
  [/^(mul|imul|div|idiv)[bwlq]?$/, ['rax', 'rdx']],
  [/^(cqto|cltd|cwtd|cqo|cdq|cwd|rdtsc|rdpmc|rdmsr|xgetbv|cmpxchg(8|16)b)$/, ['rax', 'rdx']],
  [/^rdtscp$/, ['rax', 'rdx', 'rcx']],
  [/^cpuid$/, ['rax', 'rbx', 'rcx', 'rdx']],
  [/^(cltq|cwtl|cbtw|cdqe|cwde|cbw|xlatb?|lahf|in[bwl]?)$/, ['rax']],
  [/^cmpxchg[bwlq]?$/, ['rax']],
  [/^lods[bwlq]?$/, ['rax', 'rsi', 'rcx']],
  [/^(movs[bwlq]?|cmps[bwlq]?|outs[bwl]?)$/, ['rsi', 'rdi', 'rcx']],
  [/^(stos[bwlq]?|scas[bwlq]?|ins[bwl]?)$/, ['rdi', 'rcx']],
  [/^loop(n?[ez])?$/, ['rcx']],
  [/^(push|pop)[wlq]?$|^(pushf|popf)[wlq]?$|^(call|ret|iret)[wlq]?$|^(int|int3|into|syscall|sysenter)$/, ['rsp', 'rcx', 'r11', 'rax']],
  [/^(leave|enter)[wlq]?$/, ['rsp', 'rbp']],
];

/** Instructions that write every register operand they name. */
const X86_WRITES_ALL_OPERANDS = /^(xchg|xadd|cmpxchg)[bwlq]?$/;

function written(isa: Isa, ins: InstructionStatement): string[] {
  const regs: string[] = [];
  const ops = ins.operands;
  if (isa === 'x86_64') {
    // AT&T: the destination is the last operand.
    if (X86_WRITES_ALL_OPERANDS.test(ins.mnemonic)) for (const op of ops) operandRegisters(op, regs);
    else if (ops.length) operandRegisters(ops[ops.length - 1]!, regs);
    for (const [re, roots] of X86_IMPLICIT) if (re.test(ins.mnemonic)) regs.push(...roots);
    if (ins.prefixes.some((p) => p.startsWith('rep'))) regs.push('rcx');
    return regs;
  }
  // AArch64 and RISC-V: the destination is the first operand. Loads, stores
  // and atomics may write any register they name outside the address (pairs,
  // status registers, old values), so all of those count.
  const touchesMemory = ops.some((op) => op.kind === 'a64mem' || op.kind === 'rvmem');
  if (touchesMemory) for (const op of ops) operandRegisters(op, regs);
  else if (ops.length) operandRegisters(ops[0]!, regs);
  ops.forEach((op, k) => {
    // AArch64 pre-index `[x0, #8]!` and post-index `[x0], #8` write the base.
    if (op.kind === 'a64mem' && (op.writeback || k < ops.length - 1)) regs.push(op.base);
  });
  return regs;
}

/** Is `root` possibly written by the instruction? Errs towards yes. */
export function mayWrite(isa: Isa, ins: InstructionStatement, root: string): boolean {
  if (isCall(isa, ins) && CALL_CLOBBERS[isa].has(root)) return true;
  return written(isa, ins).some((r) => registerRoot(isa, r) === root);
}

function symbolOf(op: Operand | undefined): string | undefined {
  if (!op) return undefined;
  const e = op.kind === 'imm' || op.kind === 'expr' ? op.expr : op.kind === 'x86mem' ? op.disp : undefined;
  return e?.kind === 'sym' ? e.name : undefined;
}

/**
 * When the instruction puts the address of a label in a register, the
 * register's root and the label: x86 `leaq L(%rip), %r`, RISC-V `lla r, L`,
 * AArch64 `adr r, L` and the `add r, r2, :lo12:L` of an `adrp r2, L` pair
 * (`pageOf` tells which label the instruction before put in `r2`'s page).
 */
export function labelAddress(
  isa: Isa,
  ins: InstructionStatement,
  pageOf: (root: string) => string | undefined,
): { root: string; label: string } | undefined {
  const [a, b, c] = ins.operands;
  switch (isa) {
    case 'x86_64':
      if ((ins.mnemonic === 'leaq' || ins.mnemonic === 'lea') && a?.kind === 'x86mem' && a.base === 'rip' && !a.index && b?.kind === 'reg') {
        const label = symbolOf(a);
        return label ? { root: registerRoot(isa, b.name), label } : undefined;
      }
      return undefined;
    case 'riscv64':
      if ((ins.mnemonic === 'lla' || ins.mnemonic === 'la') && a?.kind === 'reg') {
        const label = symbolOf(b);
        return label ? { root: registerRoot(isa, a.name), label } : undefined;
      }
      return undefined;
    case 'aarch64':
      if (ins.mnemonic === 'adr' && a?.kind === 'reg') {
        const label = symbolOf(b);
        return label ? { root: registerRoot(isa, a.name), label } : undefined;
      }
      if (ins.mnemonic === 'add' && a?.kind === 'reg' && b?.kind === 'reg' && c && (c.kind === 'imm' || c.kind === 'expr')) {
        const e = c.expr;
        if (e.kind === 'reloc' && e.style === 'colon' && e.op === 'lo12' && e.arg.kind === 'sym' && pageOf(registerRoot(isa, b.name)) === e.arg.name)
          return { root: registerRoot(isa, a.name), label: e.arg.name };
      }
      return undefined;
  }
}

/** AArch64 `adrp r, L`: the register's root and the label whose page it holds. */
export function pageAddress(isa: Isa, ins: InstructionStatement): { root: string; label: string } | undefined {
  if (isa !== 'aarch64' || ins.mnemonic !== 'adrp') return undefined;
  const [a, b] = ins.operands;
  const label = symbolOf(b);
  return a?.kind === 'reg' && label ? { root: registerRoot(isa, a.name), label } : undefined;
}

/** Registers an instruction reads or writes, by root (for "the dispatch uses R"). */
export function mentionedRoots(isa: Isa, ins: InstructionStatement): Set<string> {
  const regs: string[] = [];
  for (const op of ins.operands) {
    operandRegisters(op, regs);
    if (op.kind === 'a64mem') {
      regs.push(op.base);
      if (op.offset?.kind === 'reg') regs.push(op.offset.name);
    } else if (op.kind === 'rvmem') regs.push(op.base);
    else if (op.kind === 'x86mem') {
      if (op.base) regs.push(op.base);
      if (op.index) regs.push(op.index);
    } else if (op.kind === 'indirect' && op.target.kind === 'x86mem') {
      if (op.target.base) regs.push(op.target.base);
      if (op.target.index) regs.push(op.target.index);
    }
  }
  return new Set(regs.map((r) => registerRoot(isa, r)));
}

const DATA_DIRECTIVES = new Set(['.xword', '.dword', '.quad', '.8byte', '.word', '.4byte', '.long', '.int', '.hword', '.2byte', '.short', '.half', '.byte', '.inst']);
const BRANCH_KINDS = new Set(['jump', 'branch', 'call', 'tail-call']);

/**
 * Symbols an expression-bearing value takes the address of: a symbol stands
 * for its address unless it is part of a difference of two symbols
 * (`.L3 - .Lrtx4` in a relative jump table is a distance, not an address).
 */
function addressSymbols(x: unknown, out: Set<string>): void {
  if (!x || typeof x !== 'object') return;
  if (Array.isArray(x)) return x.forEach((y) => addressSymbols(y, out));
  const node = x as { kind?: unknown; name?: unknown; op?: unknown; right?: unknown };
  if (node.kind === 'sym' && typeof node.name === 'string') {
    out.add(node.name);
    return;
  }
  if (node.kind === 'binary' && node.op === '-') {
    const right = new Set<string>();
    addressSymbols(node.right, right);
    if (right.size) return;
  }
  for (const v of Object.values(x)) addressSymbols(v, out);
}

/**
 * Labels whose address the program takes: named by a data directive or by
 * an instruction operand other than a direct branch or call target (`adr`,
 * `adrp`, `:lo12:`, a literal). A jump through a register may land on them,
 * so they can be entered without a branch the CFG sees. Numeric local label
 * references are resolved (`1f` becomes `1@2`). Errs towards taken.
 */
export function addressTakenLabels(
  statements: readonly Statement[],
  control: (ins: InstructionStatement) => { kind: string },
  resolve: (name: string, at: number) => string | undefined,
): Set<string> {
  const out = new Set<string>();
  statements.forEach((st, at) => {
    const found = new Set<string>();
    if (st.kind === 'directive' && DATA_DIRECTIVES.has(st.name)) addressSymbols(st.args, found);
    else if (st.kind === 'instruction' && !BRANCH_KINDS.has(control(st).kind)) addressSymbols(st.operands, found);
    for (const name of found) out.add(resolve(name, at) ?? name);
  });
  return out;
}
