// The AArch64 GNU-syntax dialect.
import type { Expr, InstructionStatement, Operand } from '../ast.js';
import type { Dialect } from '../dialect.js';
import { AARCH64, addressOperandIndex } from '../../isa/aarch64/instructions.js';
import { parseVectorRegister, registerName } from '../../isa/aarch64/registers.js';
import { checkOperandCount } from '../../isa/types.js';
import { aarch64Lexer, aarch64Parser, numberSpelling, SHIFT_OPS, writtenSpelling } from './parser.js';
import { printAarch64Operand } from './printer.js';

/**
 * gas reads the operand of a branch, `adr`, `adrp` or a literal load as an
 * address, so a register name there is a symbol (`adrp x0, s1` takes the
 * address of a C global `s1`; `bl lsl` calls a function `lsl`). The parser
 * cannot know the mnemonic, so the operand is turned back into a symbol here.
 */
function addressOperandAsSymbol(ins: InstructionStatement): void {
  const index = addressOperandIndex(ins.mnemonic);
  if (index === undefined) return;
  // (`ldr x0, [x1]` keeps its memory operand: only a lone name is rewritten.)
  const op = ins.operands[index];
  if (!op) return;
  let name: string | undefined;
  if (op.kind === 'reg' || op.kind === 'vreg' || (op.kind === 'shift' && op.amount === undefined)) {
    name = writtenSpelling(op);
  }
  if (name !== undefined) ins.operands[index] = { kind: 'expr', expr: { kind: 'sym', name } };
}

/** Mnemonics whose immediate gas reads as a floating-point constant, and its operand index. */
const FP_IMMEDIATE: ReadonlyMap<string, number> = new Map([
  ['fmov', 1], ['fcmp', 1], ['fcmpe', 1],
  ['fcmeq', 2], ['fcmge', 2], ['fcmgt', 2], ['fcmle', 2], ['fcmlt', 2],
]);

/** The element width of an FP register operand: d0 and v0.2d are 64 bits, s0 and v0.4s are 32. */
function fpWidth(op: Operand | undefined): number | undefined {
  const size = op?.kind === 'reg' && /^[hsd]\d+$/.test(op.name) ? op.name[0] : op?.kind === 'vreg' ? op.arrangement?.slice(-1) : undefined;
  return size === 'd' ? 64 : size === 's' ? 32 : size === 'h' ? 16 : undefined;
}

/**
 * An integer literal in an FP-immediate position as the float gas reads:
 * `#0x3ff0000000000000` is the bit pattern of 1.0 (for 32- and 64-bit
 * elements), `#017` is 17.0. Undefined when it is not such a literal.
 */
function integerAsFloat(e: Expr, width: number | undefined): Expr | undefined {
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+')) {
    const arg = integerAsFloat(e.arg, width);
    return arg && { ...e, arg };
  }
  const text = e.kind === 'num' ? numberSpelling(e) : undefined;
  if (e.kind !== 'num' || text === undefined) return undefined;
  if (!/^0[xX]/.test(text)) return { kind: 'float', text };
  const view = new DataView(new ArrayBuffer(8));
  let value: number;
  if (width === 64) {
    view.setBigUint64(0, e.value);
    value = view.getFloat64(0);
  } else if (width === 32 && e.value < 1n << 32n) {
    view.setUint32(0, Number(e.value));
    value = view.getFloat32(0);
  } else {
    return undefined;
  }
  if (!Number.isFinite(value)) return undefined;
  const magnitude: Expr = { kind: 'float', text: String(Math.abs(value)) };
  return value < 0 || Object.is(value, -0) ? { kind: 'unary', op: '-', arg: magnitude } : magnitude;
}

/** Rewrites integer literals that gas reads as floats, so the printer keeps their value. */
function fpImmediateAsFloat(ins: InstructionStatement): void {
  const index = FP_IMMEDIATE.get(ins.mnemonic);
  const op = index === undefined ? undefined : ins.operands[index];
  if (op?.kind !== 'imm') return;
  const expr = integerAsFloat(op.expr, fpWidth(ins.operands[0]));
  if (expr !== undefined) ins.operands[index!] = { ...op, expr };
}

/** The leftmost symbol of a sum (`x2` in `x2+1`), where gas would have read a register. */
function leadingSymbol(e: Expr): string | undefined {
  if (e.kind === 'binary') return e.left.kind === 'sym' ? e.left.name : leadingSymbol(e.left);
  return undefined;
}

/**
 * Register names and shift names where gas would not read a symbol: `x2+1`
 * (gas reads the register, then chokes on `+1`) and a shift with no amount.
 */
function misplacedNames(ins: InstructionStatement): string | undefined {
  const index = addressOperandIndex(ins.mnemonic);
  for (let i = 0; i < ins.operands.length; i++) {
    const op: Operand = ins.operands[i]!;
    if (i === index || op.kind !== 'expr') continue;
    if (op.expr.kind === 'sym' && SHIFT_OPS.has(op.expr.name.toLowerCase())) {
      return `'${op.expr.name}' needs a shift amount (operand ${i + 1} of '${ins.mnemonic}')`;
    }
    const lead = leadingSymbol(op.expr);
    if (lead !== undefined && (registerName(lead) !== undefined || parseVectorRegister(lead))) {
      return `register '${lead}' cannot start an expression in operand ${i + 1} of '${ins.mnemonic}'`;
    }
  }
  return undefined;
}

/**
 * Checks the mnemonic and operand count, then settles what only the mnemonic
 * can tell: it rewrites register names in address operands into symbols and
 * integer literals in FP immediates into floats (the statement is changed in
 * place, before the driver stores it), and rejects register and shift names
 * that gas would not read as symbols.
 */
function checkAarch64Instruction(ins: InstructionStatement): string | undefined {
  const problem = checkOperandCount(AARCH64, ins, 'AArch64');
  if (problem !== undefined) return problem;
  addressOperandAsSymbol(ins);
  fpImmediateAsFloat(ins);
  return misplacedNames(ins);
}

export const aarch64Dialect: Dialect = {
  isa: 'aarch64',
  title: 'AArch64',
  lexer: aarch64Lexer,
  parser: aarch64Parser,
  prefixes: new Set(),
  checkInstruction: checkAarch64Instruction,
  printOperand: printAarch64Operand,
  operandSeparator: ', ',
};

export { aarch64Lexer, aarch64Parser } from './parser.js';
export { printAarch64Operand } from './printer.js';
