// State mappings at block boundaries: which source components are live and
// where each one lives on the target. General registers are exact 64-bit
// copies (a register or a spill slot); a v register is either a 16-byte slot
// (used as a vector somewhere in the file; its upper half only while live) or the low 32 or 64 bits of an FP
// register (32 when the function uses its single-precision view, because
// RISC-V NaN-boxes singles where AArch64 zeroes bits 63:32); flags live across
// a boundary are packed in the private NZCV slot.
import type { MappedBits, StateMapping, TargetPlace } from './contract.js';
import { FLAGS, upperHalf } from './liveness.js';
import { PRIVATE_AREA, rvComponent, SLOT_NZCV, type RegisterMap } from './regmap.js';

/**
 * `atCall`: the mapping just before or after a call, where FP arguments and
 * results of slot-held v0-v7 have been handed over in fa0-fa7 (low 64 bits).
 */
export function mappingFor(
  live: Set<string>,
  map: RegisterMap,
  singleViews: Set<number>,
  atCall = false,
  /** Slot-held v registers the function uses only as singles: their slots hold 32 meaningful bits. */
  singleOnly: Set<number> = new Set(),
  /** At a call: the slot-held v0-v7 handed over as NaN-boxed singles (`flw`), not as 64-bit values. */
  boxed: Set<number> = new Set(),
): StateMapping {
  const facts: MappedBits[] = [];
  const targetOnly: { place: TargetPlace; value: bigint }[] = [];
  for (const r of [...live].sort()) {
    if (r === 'sp') facts.push({ src: 'sp', to: { kind: 'reg', name: 'x2' } });
    else if (r === FLAGS) {
      (['n', 'z', 'c', 'v'] as const).forEach((f, k) => {
        const bit = 3 - k;
        facts.push({ src: f, to: { kind: 'mem', symbol: PRIVATE_AREA, offset: SLOT_NZCV, bytes: 1, bits: { hi: bit, lo: bit } } });
      });
    } else if (/^x\d+$/.test(r)) {
      facts.push({ src: r, to: map.gprPlace(Number(r.slice(1))) });
    } else if (/^v\d+$/.test(r)) {
      const n = Number(r.slice(1));
      const slot = map.vectorSlot(n);
      if (slot !== undefined && atCall && n < 8) {
        if (boxed.has(n)) {
          facts.push({ src: r, bits: { hi: 31, lo: 0 }, to: { kind: 'reg', name: `f${10 + n}`, bits: { hi: 31, lo: 0 } } });
          targetOnly.push({ place: { kind: 'reg', name: `f${10 + n}`, bits: { hi: 63, lo: 32 } }, value: 0xffffffffn });
        } else facts.push({ src: r, bits: { hi: 63, lo: 0 }, to: { kind: 'reg', name: `f${10 + n}`, bits: { hi: 63, lo: 0 } } });
        continue;
      }
      if (slot !== undefined) {
        // The upper half is claimed only while a vector view may still read it (after a call it is undefined).
        if (live.has(upperHalf(n))) facts.push({ src: r, to: { kind: 'mem', symbol: PRIVATE_AREA, offset: slot, bytes: 16 } });
        else if (singleOnly.has(n)) facts.push({ src: r, bits: { hi: 31, lo: 0 }, to: { kind: 'mem', symbol: PRIVATE_AREA, offset: slot, bytes: 4 } });
        else facts.push({ src: r, bits: { hi: 63, lo: 0 }, to: { kind: 'mem', symbol: PRIVATE_AREA, offset: slot, bytes: 8 } });
        continue;
      }
      const home = map.fprHome(n);
      const hi = singleViews.has(n) ? 31 : 63;
      if (home.kind === 'reg') facts.push({ src: r, bits: { hi, lo: 0 }, to: { kind: 'reg', name: rvComponent(home.reg), bits: { hi, lo: 0 } } });
      else facts.push({ src: r, bits: { hi, lo: 0 }, to: { kind: 'mem', symbol: PRIVATE_AREA, offset: home.offset, bytes: (hi + 1) / 8 } });
    }
  }
  return targetOnly.length ? { facts, targetOnly } : { facts };
}
