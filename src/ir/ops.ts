// Concrete meaning of every bit-vector operator, on unsigned bigint patterns,
// exactly as SMT-LIB defines it. Shared by constant folding and the
// interpreter, and mirrored by the Z3 encoding (tests/smt-crosscheck.test.ts checks
// the two agree).
import { mask, toSigned, type BinOp, type CmpOp } from './expr.js';

export function evalBinary(op: BinOp, w: number, a: bigint, b: bigint): bigint {
  const m = mask(w);
  switch (op) {
    case 'add': return (a + b) & m;
    case 'sub': return (a - b) & m;
    case 'mul': return (a * b) & m;
    case 'udiv': return b === 0n ? m : a / b;
    case 'urem': return b === 0n ? a : a % b;
    case 'sdiv': {
      // bvsdiv: divide magnitudes, then fix the sign; x/0 is -1 for x >= 0, 1 otherwise.
      const sa = toSigned(a, w);
      const sb = toSigned(b, w);
      if (sb === 0n) return sa < 0n ? 1n : m;
      return (sa / sb) & m; // BigInt division truncates toward zero, as bvsdiv does
    }
    case 'srem': {
      // bvsrem: the sign follows the dividend; x srem 0 = x.
      const sa = toSigned(a, w);
      const sb = toSigned(b, w);
      if (sb === 0n) return a;
      return (sa % sb) & m;
    }
    case 'and': return a & b;
    case 'or': return a | b;
    case 'xor': return a ^ b;
    case 'shl': return b >= BigInt(w) ? 0n : (a << b) & m;
    case 'lshr': return b >= BigInt(w) ? 0n : a >> b;
    case 'ashr': {
      const sa = toSigned(a, w);
      return (b >= BigInt(w) ? (sa < 0n ? -1n : 0n) : sa >> b) & m;
    }
  }
}

export function evalCompare(op: CmpOp, w: number, a: bigint, b: bigint): bigint {
  switch (op) {
    case 'eq': return a === b ? 1n : 0n;
    case 'ult': return a < b ? 1n : 0n;
    case 'ule': return a <= b ? 1n : 0n;
    case 'slt': return toSigned(a, w) < toSigned(b, w) ? 1n : 0n;
    case 'sle': return toSigned(a, w) <= toSigned(b, w) ? 1n : 0n;
  }
}

export function evalExtract(hi: number, lo: number, a: bigint): bigint {
  return (a >> BigInt(lo)) & mask(hi - lo + 1);
}

export function evalSext(from: number, to: number, a: bigint): bigint {
  return toSigned(a, from) & mask(to);
}
