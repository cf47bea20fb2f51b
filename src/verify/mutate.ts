// Small, plausible mistakes injected into correct code, to test that the
// verifier never calls a wrong program equivalent (mutation testing). Each
// kind mimics an error a translator or a language model makes.
import type { Expr, InstructionStatement, Isa, Operand, Statement } from '../asm/ast.js';
import { isaDescription } from '../isa/index.js';
import type { AsmProgram } from '../program/model.js';
import { Rng } from './random.js';

export const MUTATION_KINDS = [
  'swap-registers', // two register operands exchanged
  'immediate-off-by-one', // an immediate ±1
  'signedness', // a signed condition or operation made unsigned, or back
  'extension', // a load's sign extension changed
  'store-width', // a store of another width
  'drop-instruction', // one instruction removed
  'shift-amount', // a shift amount changed
  'operation-width', // a 32-bit operation made 64-bit, or back
  'branch-targets', // a branch to another label of the function
  'clobber-callee-saved', // a callee-saved register overwritten
] as const;

export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** Statement index mutated (or before which an instruction is inserted). */
  at: number;
  description: string;
  statements: Statement[];
}

const PAIRS: Record<Isa, Partial<Record<MutationKind, [string, string][]>>> = {
  riscv64: {
    signedness: [['blt', 'bltu'], ['bge', 'bgeu'], ['bgt', 'bgtu'], ['ble', 'bleu'], ['slt', 'sltu'], ['slti', 'sltiu'], ['div', 'divu'], ['rem', 'remu'], ['divw', 'divuw'], ['remw', 'remuw'], ['sra', 'srl'], ['srai', 'srli'], ['sraiw', 'srliw'], ['mulh', 'mulhu']],
    extension: [['lw', 'lwu'], ['lb', 'lbu'], ['lh', 'lhu']],
    'store-width': [['sd', 'sw'], ['sw', 'sh'], ['sh', 'sb'], ['sb', 'sh']],
    'operation-width': [['add', 'addw'], ['addi', 'addiw'], ['sub', 'subw'], ['mul', 'mulw'], ['sll', 'sllw'], ['slli', 'slliw'], ['srl', 'srlw'], ['srli', 'srliw'], ['sra', 'sraw'], ['srai', 'sraiw'], ['sext.w', 'mv']],
  },
  aarch64: {
    signedness: [['b.lt', 'b.lo'], ['b.ge', 'b.hs'], ['b.gt', 'b.hi'], ['b.le', 'b.ls'], ['blt', 'blo'], ['bge', 'bhs'], ['bgt', 'bhi'], ['ble', 'bls'], ['sdiv', 'udiv'], ['asr', 'lsr'], ['smull', 'umull'], ['sxtw', 'uxtw'], ['sbfx', 'ubfx']],
    extension: [['ldrsw', 'ldr'], ['ldrsb', 'ldrb'], ['ldrsh', 'ldrh']],
    'store-width': [['strb', 'strh'], ['strh', 'str'], ['stur', 'sturh']],
  },
  x86_64: {},
};

const CONDITION_SWAPS: [string, string][] = [['lt', 'lo'], ['ge', 'hs'], ['gt', 'hi'], ['le', 'ls']];

function isReg(op: Operand | undefined): op is Extract<Operand, { kind: 'reg' }> {
  return op?.kind === 'reg';
}

function immExpr(op: Operand | undefined): Expr | undefined {
  return op && (op.kind === 'imm' || (op.kind === 'expr' && op.expr.kind === 'num')) ? op.expr : undefined;
}

function plusOne(e: Expr): Expr {
  return e.kind === 'num' ? { kind: 'num', value: e.value + 1n } : { kind: 'binary', op: '+', left: e, right: { kind: 'num', value: 1n } };
}

const SHIFTS = new Set(['slli', 'srli', 'srai', 'slliw', 'srliw', 'sraiw', 'lsl', 'lsr', 'asr', 'ror']);
const CLOBBER: Record<Isa, string> = { riscv64: '\tli\ts1,12345', aarch64: '\tmov\tx19, 12345', x86_64: '\tmovq\t$12345, %rbx' };

/** Every way one kind of mutation applies to one function; the caller picks. */
export function mutationSites(program: AsmProgram, fnName: string, kind: MutationKind): number[] {
  const fn = program.functions.find((f) => f.name === fnName);
  if (!fn) return [];
  const isa = program.file.isa;
  const ins = fn.blocks.flatMap((b) => b.instructions);
  const stmts = program.file.statements;
  const at = (i: number) => stmts[i] as InstructionStatement;
  const pairs = PAIRS[isa][kind] ?? [];
  const pairOf = (m: string) => pairs.find(([x, y]) => x === m || y === m);
  switch (kind) {
    case 'swap-registers':
      return ins.filter((i) => at(i).operands.filter(isReg).length >= 2 && new Set(at(i).operands.filter(isReg).map((r) => r.name)).size >= 2);
    case 'immediate-off-by-one':
      return ins.filter((i) => at(i).operands.some((o) => immExpr(o) !== undefined));
    case 'shift-amount':
      return ins.filter((i) => SHIFTS.has(at(i).mnemonic) && immExpr(at(i).operands[at(i).operands.length - 1]) !== undefined);
    case 'drop-instruction':
      return ins.filter((i) => !['ret', 'jr', 'br'].includes(at(i).mnemonic));
    case 'branch-targets': {
      const desc = isaDescription(isa);
      const isLocalBranch = (i: number) => {
        const flow = desc.control(at(i));
        return (flow.kind === 'branch' || flow.kind === 'jump') && flow.target?.kind === 'sym' && program.labels.index.has(flow.target.name);
      };
      return fn.blocks.length > 2 ? ins.filter(isLocalBranch) : [];
    }
    case 'clobber-callee-saved':
      return [ins[0] ?? fn.labelAt];
    case 'signedness':
      if (isa === 'aarch64')
        return ins.filter((i) => pairOf(at(i).mnemonic) !== undefined || at(i).operands.some((o) => o.kind === 'expr' && o.expr.kind === 'sym' && CONDITION_SWAPS.some(([x, y]) => x === (o.expr as { name: string }).name || y === (o.expr as { name: string }).name)));
      return ins.filter((i) => pairOf(at(i).mnemonic) !== undefined);
    case 'operation-width':
      if (isa === 'aarch64') return ins.filter((i) => at(i).operands.some((o) => isReg(o) && /^[xw]\d+$/.test(o.name)) && !at(i).mnemonic.startsWith('ld') && !at(i).mnemonic.startsWith('st'));
      return ins.filter((i) => pairOf(at(i).mnemonic) !== undefined);
    default:
      return ins.filter((i) => pairOf(at(i).mnemonic) !== undefined);
  }
}

/** Applies one mutation at a site; the statements are a copy, the program is not changed. */
export function mutate(program: AsmProgram, fnName: string, kind: MutationKind, site: number, seed: number, parseLine: (text: string) => InstructionStatement): Mutation {
  const isa = program.file.isa;
  const rng = new Rng(seed);
  const statements = [...program.file.statements];
  const ins = statements[site] as InstructionStatement;
  const replace = (next: InstructionStatement, what: string): Mutation => {
    statements[site] = next;
    return { kind, at: site, description: `line ${ins.span.line}: ${what}`, statements };
  };
  const swapMnemonic = (): Mutation => {
    const pair = (PAIRS[isa][kind] ?? []).find(([x, y]) => x === ins.mnemonic || y === ins.mnemonic);
    if (pair) {
      const to = pair[0] === ins.mnemonic ? pair[1] : pair[0];
      return replace({ ...ins, mnemonic: to }, `${ins.mnemonic} became ${to}`);
    }
    // AArch64 condition operands (csel ..., lt) and W/X register views.
    const operands = ins.operands.map((o) => {
      if (kind === 'signedness' && o.kind === 'expr' && o.expr.kind === 'sym') {
        const name = o.expr.name;
        const swap = CONDITION_SWAPS.find(([x, y]) => x === name || y === name);
        if (swap) return { ...o, expr: { kind: 'sym' as const, name: swap[0] === name ? swap[1] : swap[0] } };
      }
      if (kind === 'operation-width' && isReg(o) && /^[xw]\d+$/.test(o.name))
        return { ...o, name: (o.name[0] === 'x' ? 'w' : 'x') + o.name.slice(1) };
      return o;
    });
    return replace({ ...ins, operands }, `${kind} changed in '${ins.mnemonic}'`);
  };
  switch (kind) {
    case 'swap-registers': {
      const idx = ins.operands.map((o, k) => (isReg(o) ? k : -1)).filter((k) => k >= 0);
      const [p, q] = [idx[0]!, idx[1 + rng.below(idx.length - 1)]!];
      const operands = [...ins.operands];
      [operands[p], operands[q]] = [operands[q]!, operands[p]!];
      return replace({ ...ins, operands }, `operands ${p + 1} and ${q + 1} of '${ins.mnemonic}' swapped`);
    }
    case 'immediate-off-by-one':
    case 'shift-amount': {
      const k = kind === 'shift-amount' ? ins.operands.length - 1 : ins.operands.findIndex((o) => immExpr(o) !== undefined);
      const op = ins.operands[k]!;
      const operands = [...ins.operands];
      operands[k] = op.kind === 'imm' ? { ...op, expr: plusOne(op.expr) } : { kind: 'expr', expr: plusOne(immExpr(op)!) };
      return replace({ ...ins, operands }, `immediate of '${ins.mnemonic}' plus one`);
    }
    case 'drop-instruction':
      statements.splice(site, 1);
      return { kind, at: site, description: `line ${ins.span.line}: '${ins.mnemonic}' dropped`, statements };
    case 'branch-targets': {
      const labels = [...program.labels.index.keys()].filter((l) => l.startsWith('.L') && program.sectionOf[program.labels.index.get(l)!] === program.sectionOf[site]);
      const k = ins.operands.findIndex((o) => o.kind === 'expr' && o.expr.kind === 'sym' && program.labels.index.has(o.expr.name));
      const current = (ins.operands[k] as { expr: { name: string } }).expr.name;
      const others = labels.filter((l) => l !== current);
      if (!others.length) return replace(ins, 'no other label');
      const to = others[rng.below(others.length)]!;
      const operands = [...ins.operands];
      operands[k] = { kind: 'expr', expr: { kind: 'sym', name: to } };
      return replace({ ...ins, operands }, `branch to ${to} instead of ${current}`);
    }
    case 'clobber-callee-saved': {
      statements.splice(site, 0, parseLine(CLOBBER[isa]));
      return { kind, at: site, description: `callee-saved register overwritten before line ${ins.span.line}`, statements };
    }
    default:
      return swapMnemonic();
  }
}
