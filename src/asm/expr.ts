// Printing and constant folding of assembler expressions (GNU as semantics).
import type { BinaryOp, Expr } from './ast.js';

/**
 * GNU as binary operator ranks (higher binds tighter). gas groups `|`, `&`, `^`
 * above `+` and `-`, unlike C, so the printer must use these ranks, not C's.
 */
const RANK: Record<BinaryOp, number> = {
  '*': 4, '/': 4, '%': 4, '<<': 4, '>>': 4,
  '|': 3, '&': 3, '^': 3, '!': 3,
  '+': 2, '-': 2, '==': 2, '!=': 2, '<>': 2, '<': 2, '>': 2, '<=': 2, '>=': 2,
  '&&': 1, '||': 1,
};

export function binaryRank(op: BinaryOp): number {
  return RANK[op];
}

function printOperand(e: Expr, parentRank: number, isRight: boolean): string {
  const text = printExpr(e);
  if (e.kind === 'binary') {
    const r = RANK[e.op];
    if (r < parentRank || (isRight && r === parentRank)) return `(${text})`;
  }
  // A unary minus on the right of a binary minus would read as `--`.
  if (isRight && e.kind === 'unary') return `(${text})`;
  return text;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return e.value.toString();
    case 'float':
      return e.text;
    case 'sym':
      return e.name;
    case 'dot':
      return '.';
    case 'unary': {
      const inner = printExpr(e.arg);
      return e.arg.kind === 'binary' || e.arg.kind === 'unary' ? `${e.op}(${inner})` : `${e.op}${inner}`;
    }
    case 'binary': {
      const r = RANK[e.op];
      return `${printOperand(e.left, r, false)}${e.op}${printOperand(e.right, r, true)}`;
    }
    case 'reloc':
      switch (e.style) {
        case 'colon':
          return `:${e.op}:${printExpr(e.arg)}`;
        case 'percent':
          return `%${e.op}(${printExpr(e.arg)})`;
        case 'at': {
          const inner = printExpr(e.arg);
          return e.arg.kind === 'sym' ? `${inner}@${e.op}` : `(${inner})@${e.op}`;
        }
      }
  }
}

const MASK64 = (1n << 64n) - 1n;

/** Folds an expression with no symbols to a 64-bit two's-complement value, or undefined. */
export function evalConst(e: Expr): bigint | undefined {
  switch (e.kind) {
    case 'num':
      return e.value & MASK64;
    case 'unary': {
      const v = evalConst(e.arg);
      if (v === undefined) return undefined;
      switch (e.op) {
        case '-': return -v & MASK64;
        case '~': return ~v & MASK64;
        case '!': return v === 0n ? 1n : 0n;
        case '+': return v;
      }
      return undefined;
    }
    case 'binary': {
      const a = evalConst(e.left);
      const b = evalConst(e.right);
      if (a === undefined || b === undefined) return undefined;
      return foldBinary(e.op, a, b);
    }
    default:
      return undefined;
  }
}

function toSigned(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

function foldBinary(op: BinaryOp, a: bigint, b: bigint): bigint | undefined {
  const sa = toSigned(a);
  const sb = toSigned(b);
  switch (op) {
    case '+': return (a + b) & MASK64;
    case '-': return (a - b) & MASK64;
    case '*': return (a * b) & MASK64;
    case '/': return sb === 0n ? undefined : (sa / sb) & MASK64;
    case '%': return sb === 0n ? undefined : (sa % sb) & MASK64;
    case '<<': return b >= 64n ? 0n : (a << b) & MASK64;
    case '>>': return b >= 64n ? 0n : a >> b;
    case '|': return a | b;
    case '&': return a & b;
    case '^': return a ^ b;
    case '!': return (a | ~b) & MASK64;
    // gas comparisons yield -1 for true.
    case '==': return a === b ? MASK64 : 0n;
    case '!=': case '<>': return a !== b ? MASK64 : 0n;
    case '<': return sa < sb ? MASK64 : 0n;
    case '>': return sa > sb ? MASK64 : 0n;
    case '<=': return sa <= sb ? MASK64 : 0n;
    case '>=': return sa >= sb ? MASK64 : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
  }
}

/** Symbols an expression refers to (numeric local references included as written). */
export function exprSymbols(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'sym': out.push(e.name); break;
    case 'unary': exprSymbols(e.arg, out); break;
    case 'binary': exprSymbols(e.left, out); exprSymbols(e.right, out); break;
    case 'reloc': exprSymbols(e.arg, out); break;
    default: break;
  }
  return out;
}

/** Parses a gas integer literal: 0x hex, 0b binary, leading-0 octal, else decimal. */
export function parseIntegerLiteral(text: string): bigint | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return BigInt(text);
  if (/^0[bB][01]+$/.test(text)) return BigInt(text);
  if (/^0[0-7]+$/.test(text)) return BigInt('0o' + text.slice(1));
  if (/^[0-9]+$/.test(text)) return BigInt(text);
  return undefined;
}
