// The value of an assembler expression in an instruction operand, as a
// 64-bit IR expression. Symbols become address variables `&name`; the
// relocation operators select the bits the instruction will see.
import type { Expr } from '../asm/ast.js';
import { add, and, c, lshr, mul, neg, not, or, sext, shl, sub, trunc, udiv, urem, v, xor } from './build.js';
import type { BV } from './expr.js';

/** The variable standing for a symbol's address. */
export function symbolAddress(name: string): BV {
  return v(64, `&${name}`);
}

export function asmExprValue(e: Expr, resolve: (name: string) => string = (n) => n): BV {
  switch (e.kind) {
    case 'num':
      return c(64, e.value);
    case 'sym':
      return symbolAddress(resolve(e.name));
    case 'unary': {
      const a = asmExprValue(e.arg, resolve);
      return e.op === '-' ? neg(a) : e.op === '~' ? not(a) : e.op === '+' ? a : unsupported(`operator ${e.op}`);
    }
    case 'binary': {
      const a = asmExprValue(e.left, resolve);
      const b = asmExprValue(e.right, resolve);
      switch (e.op) {
        case '+': return add(a, b);
        case '-': return sub(a, b);
        case '*': return mul(a, b);
        case '/': return udivSigned(a, b);
        case '%': return urem(a, b);
        case '<<': return shl(a, b);
        case '>>': return lshr(a, b);
        case '&': return and(a, b);
        case '|': return or(a, b);
        case '^': return xor(a, b);
        default: return unsupported(`operator ${e.op}`);
      }
    }
    case 'reloc':
      return relocValue(e.op, asmExprValue(e.arg, resolve));
    case 'float':
      return unsupported('a floating-point literal is not an address');
    case 'dot':
      return unsupported("the location counter '.' in an instruction");
  }
}

/** gas divides signed; the IR's udiv is unsigned: only constants are folded here, as gas folds them. */
function udivSigned(a: BV, b: BV): BV {
  if (a.op === 'const' && b.op === 'const') {
    const sa = BigInt.asIntN(64, a.value);
    const sb = BigInt.asIntN(64, b.value);
    if (sb !== 0n) return c(64, sa / sb);
  }
  return udiv(a, b);
}

function relocValue(op: string, x: BV): BV {
  switch (op.toLowerCase()) {
    // AArch64: the low 12 bits of the address (for `add` and load/store offsets).
    case 'lo12':
    case 'got_lo12':
      return and(x, c(64, 0xfff));
    // AArch64 `adrp` operands: the instruction itself takes the page.
    case 'got':
    case 'pg_hi21':
      return x;
    // RISC-V: %hi rounds so that adding the sign-extended %lo gives the address.
    case 'hi':
      return lshr(add(x, c(64, 0x800)), c(64, 12));
    case 'lo':
      return sext(64, trunc(12, x));
    case 'plt':
      return x;
    default:
      return unsupported(`relocation operator '${op}'`);
  }
}

/** Thrown for expressions the semantics cannot give a value to. */
export class AsmExprError extends Error {}

function unsupported(what: string): never {
  throw new AsmExprError(`cannot compute ${what}`);
}
