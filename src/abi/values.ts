// Where typed C values travel under each calling convention, and which bits
// of a register the convention defines. AArch64 leaves the bits above a
// narrow integer unspecified; RISC-V LP64D widens to 32 bits by the type's
// signedness and then sign-extends to 64 (so unsigned int is sign-extended).
import type { Isa } from '../asm/ast.js';
import { isSigned, type CType, type Prototype } from '../cfront/ctypes.js';
import type { CallingConvention } from './conventions.js';

const M64 = (1n << 64n) - 1n;

export interface Placement {
  /** Parameter index, or -1 for the result. */
  index: number;
  type: CType;
  register: string;
  /** Number of low bits the convention defines for this value. */
  bits: number;
}

export class AbiError extends Error {}

/** Registers of each parameter, in order: integers and pointers in integer registers, floats in FP registers. */
export function placeParams(cc: CallingConvention, proto: Prototype): Placement[] {
  let ints = 0;
  let fps = 0;
  return proto.params.map((type, index) => {
    if (type.kind === 'float') {
      if (type.bits === 128) throw new AbiError('long double parameters are not supported');
      const register = cc.fpArgs[fps++];
      if (!register) throw new AbiError(`parameter ${index + 1} is passed on the stack, which is not supported yet`);
      return { index, type, register, bits: type.bits };
    }
    if (type.kind === 'int' || type.kind === 'pointer') {
      const bits = type.kind === 'int' ? type.bits : 64;
      if (bits === 128) throw new AbiError('__int128 parameters are not supported yet');
      const register = cc.intArgs[ints++];
      if (!register) throw new AbiError(`parameter ${index + 1} is passed on the stack, which is not supported yet`);
      return { index, type, register, bits };
    }
    throw new AbiError(`parameter ${index + 1} has type ${type.kind === 'void' ? 'void' : type.name}, which is not supported yet (aggregates by value)`);
  });
}

export function placeResult(cc: CallingConvention, proto: Prototype): Placement | undefined {
  const t = proto.result;
  if (t.kind === 'void') return undefined;
  if (t.kind === 'float') {
    if (t.bits === 128) throw new AbiError('long double results are not supported');
    return { index: -1, type: t, register: cc.fpResults[0]!, bits: t.bits };
  }
  if (t.kind === 'int' || t.kind === 'pointer') {
    const bits = t.kind === 'int' ? t.bits : 64;
    if (bits === 128) throw new AbiError('__int128 results are not supported yet');
    return { index: -1, type: t, register: cc.intResults[0]!, bits };
  }
  throw new AbiError(`results of type ${t.name} are not supported yet (aggregates by value)`);
}

/**
 * The register content a conforming caller may pass for a value of `bits`
 * bits: the ABI's extension where it defines one, `filler` (random) bits
 * where it does not.
 */
export function registerContent(isa: Isa, p: Placement, value: bigint, filler: bigint): bigint {
  const low = value & ((1n << BigInt(p.bits)) - 1n);
  if (p.bits >= 64) return low;
  if (p.type.kind === 'float') {
    // RISC-V NaN-boxes single precision; AArch64 leaves the upper bits of v/s unspecified.
    return isa === 'riscv64' ? low | (M64 ^ 0xffff_ffffn) : (filler << 32n) | low;
  }
  if (isa === 'riscv64' && p.type.kind === 'int') {
    const signed = isSigned(p.type, isa);
    const w32 = signed ? BigInt.asIntN(p.bits, low) & 0xffff_ffffn : low;
    return BigInt.asIntN(32, w32) & M64;
  }
  return ((filler << BigInt(p.bits)) | low) & M64;
}

/** Is the register content a properly extended value under the convention? (RISC-V results must be.) */
export function isConforming(isa: Isa, p: Placement, content: bigint): boolean {
  if (p.bits >= 64) return true;
  const low = content & ((1n << BigInt(p.bits)) - 1n);
  return registerContent(isa, p, low, 0n) === content || isa !== 'riscv64' || p.type.kind === 'float';
}
