// Concrete memory images for running programs on the interpreter: every
// label and symbol gets an address, and the data sections are laid out with
// their initial bytes (strings, constants, jump tables with their label
// differences). Code labels get 4 bytes per instruction so scaled jump-table
// offsets (AArch64 `(.L5 - .Lrtx4) / 4`) land exactly on labels.
import type { DirectiveArg, Expr } from '../asm/ast.js';
import { dataDirectiveSize } from '../program/data.js';
import type { AsmProgram } from '../program/model.js';

const M64 = (1n << 64n) - 1n;

/**
 * Addresses of symbols shared between the programs being compared: global
 * and external symbols are the same object on both sides.
 */
export class SharedSymbols {
  private readonly addresses = new Map<string, bigint>();
  private next = 0x7000_0000_0000n;

  addressOf(name: string): bigint {
    let a = this.addresses.get(name);
    if (a === undefined) {
      a = this.next;
      this.next += 0x10_0000n;
      this.addresses.set(name, a);
    }
    return a;
  }

  entries(): [string, bigint][] {
    return [...this.addresses];
  }

  nameAt(addr: bigint): string | undefined {
    for (const [n, a] of this.addresses) if (a === addr) return n;
    return undefined;
  }
}

export class ImageError extends Error {}

export interface MemoryImage {
  /** Address of a label or symbol (resolved label names), allocating shared ones on demand. */
  addressOf(name: string): bigint;
  /** Initial bytes of the data sections. */
  bytes: Map<bigint, number>;
  /** The code label at an address, for computed jumps. */
  labelAt: Map<bigint, string>;
  /** The shared (global or external) symbol at an address, for calls through pointers. */
  symbolAt?(addr: bigint): string | undefined;
  /**
   * A layout-independent name for an address in this program's private data:
   * `name+offset` from the nearest data label (preferring named symbols to
   * `.L` labels), so two compilations with different layouts compare equal.
   */
  describe(addr: bigint): string;
}

function align(x: bigint, a: bigint): bigint {
  return a <= 1n ? x : ((x + a - 1n) / a) * a;
}

function evalConcrete(e: Expr, lookup: (name: string) => bigint, dot?: bigint): bigint {
  switch (e.kind) {
    case 'num': return e.value & M64;
    case 'sym': return lookup(e.name);
    case 'unary': {
      const a = evalConcrete(e.arg, lookup, dot);
      if (e.op === '-') return -a & M64;
      if (e.op === '~') return ~a & M64;
      if (e.op === '+') return a;
      return a === 0n ? 1n : 0n;
    }
    case 'binary': {
      const a = evalConcrete(e.left, lookup, dot);
      const b = evalConcrete(e.right, lookup, dot);
      const sa = BigInt.asIntN(64, a);
      const sb = BigInt.asIntN(64, b);
      switch (e.op) {
        case '+': return (a + b) & M64;
        case '-': return (a - b) & M64;
        case '*': return (a * b) & M64;
        case '/': if (sb === 0n) throw new ImageError('division by zero in data'); return (sa / sb) & M64;
        case '%': if (sb === 0n) throw new ImageError('division by zero in data'); return (sa % sb) & M64;
        case '<<': return (a << b) & M64;
        case '>>': return a >> b;
        case '&': return a & b;
        case '|': return a | b;
        case '^': return a ^ b;
        default: throw new ImageError(`operator ${e.op} in data`);
      }
    }
    case 'float': throw new ImageError('floating literal in integer data');
    case 'dot':
      if (dot === undefined) throw new ImageError("'.' in data");
      return dot;
    case 'reloc': throw new ImageError(`relocation ${e.op} in data`);
  }
}

function argValue(a: DirectiveArg | undefined, lookup: (n: string) => bigint): bigint | undefined {
  return a?.kind === 'expr' ? evalConcrete(a.expr, lookup) : undefined;
}

function constArg(a: DirectiveArg | undefined): bigint | undefined {
  if (a?.kind !== 'expr') return undefined;
  if (a.expr.kind === 'num') return a.expr.value;
  return undefined;
}

/**
 * Lays out a program. `base` separates the private labels of different
 * programs; global and undefined symbols come from `shared`.
 */
export function buildImage(program: AsmProgram, base: bigint, shared: SharedSymbols): MemoryImage {
  const { file, sections, symbols, labels } = program;
  const isa = file.isa;
  const local = new Map<string, bigint>();
  const labelAt = new Map<bigint, string>();
  const isShared = (name: string) => {
    const s = symbols.get(name);
    return !s || s.definedAt === undefined ? !labels.index.has(name) : s.binding !== 'local';
  };

  // Pass 1: addresses. Each section gets its own 16 MiB window.
  const sets: { name: string; arg: DirectiveArg | undefined; at: bigint }[] = [];
  let window = base;
  const layout: { section: string; start: bigint }[] = [];
  for (const section of sections.values()) {
    layout.push({ section: section.name, start: window });
    let at = window;
    for (const i of section.statements) {
      const st = file.statements[i]!;
      if (st.kind === 'label') {
        const name = labels.nameAt.get(i) ?? st.name;
        const addr = isShared(name) ? shared.addressOf(name) : at;
        if (!isShared(name)) local.set(name, at);
        if (section.executable) labelAt.set(addr, name);
      } else if (st.kind === 'instruction') {
        at += 4n;
      } else if ((st.name === '.set' || st.name === '.equ') && st.args[0]?.kind === 'expr' && st.args[0].expr.kind === 'sym') {
        sets.push({ name: st.args[0].expr.name, arg: st.args[1], at });
      } else {
        at = advance(st.name, st.args, at, isa);
      }
    }
    window += 0x100_0000n;
  }
  for (const s of symbols.values()) {
    if (s.common && !local.has(s.name)) {
      if (s.binding === 'local') {
        local.set(s.name, align(window, s.common.align ?? 8n));
        window += align(s.common.size, 16n) + 16n;
      }
    }
  }

  const lookup = (name: string): bigint => local.get(name) ?? shared.addressOf(name);
  // `.set .LANCHOR0, . + 0` and friends, in order (they may refer to each other).
  for (const d of sets) if (d.arg?.kind === 'expr') local.set(d.name, evalConcrete(d.arg.expr, lookup, d.at));

  // Pass 2: bytes. Shared symbols defined here are placed at their shared address.
  const bytes = new Map<bigint, number>();
  for (const { section, start } of layout) {
    const sec = sections.get(section)!;
    if (sec.executable) continue;
    let at = start;
    let delta = 0n; // where this run of data really lives, for shared labels
    for (const i of sec.statements) {
      const st = file.statements[i]!;
      if (st.kind === 'label') {
        const name = labels.nameAt.get(i) ?? st.name;
        delta = isShared(name) ? shared.addressOf(name) - at : 0n;
        continue;
      }
      if (st.kind !== 'directive') continue;
      const put = (value: bigint, size: number) => {
        for (let k = 0; k < size; k++) bytes.set((at + delta + BigInt(k)) & M64, Number((value >> BigInt(8 * k)) & 0xffn));
        at += BigInt(size);
      };
      const size = dataDirectiveSize(st.name, isa);
      if (size !== undefined) {
        for (const a of st.args) put(argValue(a, lookup) ?? 0n, size);
        continue;
      }
      switch (st.name) {
        case '.string': case '.asciz': case '.ascii':
          for (const a of st.args) {
            if (a.kind !== 'string') continue;
            for (const b of a.bytes) put(BigInt(b), 1);
            if (st.name !== '.ascii') put(0n, 1);
          }
          break;
        case '.zero': case '.skip': case '.space': {
          const n = argValue(st.args[0], lookup) ?? 0n;
          const fill = argValue(st.args[1], lookup) ?? 0n;
          for (let k = 0n; k < n; k++) put(fill, 1);
          break;
        }
        default:
          at = advance(st.name, st.args, at, isa);
      }
    }
  }
  const dataLabels = [...local]
    .filter(([, a]) => !labelAt.has(a))
    .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0].startsWith('.L') ? 1 : -1));
  const describe = (addr: bigint): string => {
    let best: [string, bigint] | undefined;
    for (const d of dataLabels) {
      if (d[1] > addr) break;
      if (!best || d[1] > best[1] || (d[1] === best[1] && best[0].startsWith('.L') && !d[0].startsWith('.L'))) best = d;
    }
    if (best && addr - best[1] < 0x100_0000n) return addr === best[1] ? best[0] : `${best[0]}+${addr - best[1]}`;
    const sym = shared.nameAt(addr);
    return sym ?? `0x${addr.toString(16)}`;
  };
  return { addressOf: lookup, bytes, labelAt, symbolAt: (addr) => shared.nameAt(addr), describe };
}

/** The location counter after a directive that only moves it (alignment) or places data. */
function advance(name: string, args: DirectiveArg[], at: bigint, isa: AsmProgram['file']['isa']): bigint {
  const size = dataDirectiveSize(name, isa);
  if (size !== undefined) return at + BigInt(size * args.length);
  switch (name) {
    case '.p2align': case '.p2alignw': case '.p2alignl':
      return align(at, 1n << (constArg(args[0]) ?? 0n));
    case '.balign': case '.balignw': case '.balignl':
      return align(at, constArg(args[0]) ?? 1n);
    case '.align':
      // gas reads `.align n` as bytes on x86-64 ELF and as a power of two on AArch64 and RISC-V.
      return isa === 'x86_64' ? align(at, constArg(args[0]) ?? 1n) : align(at, 1n << (constArg(args[0]) ?? 0n));
    case '.string': case '.asciz':
      return at + BigInt(args.reduce((n, a) => n + (a.kind === 'string' ? a.bytes.length + 1 : 0), 0));
    case '.ascii':
      return at + BigInt(args.reduce((n, a) => n + (a.kind === 'string' ? a.bytes.length : 0), 0));
    case '.zero': case '.skip': case '.space':
      return at + (constArg(args[0]) ?? 0n);
    default:
      return at;
  }
}
