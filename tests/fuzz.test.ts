// Property tests of the front ends on hostile input: random token soup and
// randomly mutated lines of real compiler output. The front end must answer
// with diagnostics, never an exception or a hang, every diagnostic must point
// inside the file, and whatever parses cleanly must print to text that parses
// back to the same thing.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISAS, type Isa } from '../src/asm/ast.js';
import { parseAsm, printAsm } from '../src/asm/index.js';

const SAMPLES: Record<Isa, string> = Object.fromEntries(
  ISAS.map((isa) => [isa, fs.readFileSync(new URL(`../examples/switch.${isa}.s`, import.meta.url), 'utf8')]),
) as Record<Isa, string>;

const COMMON_TOKENS = [
  '.text', '.section', '.rodata', '"ax"', '@progbits', '%progbits', '.p2align', '4', ',', ',,', '.L3', '.L3:', '1:', '1b', '2f',
  'main', 'main:', '.size', '.-main', '-', '+', '*', '(', ')', '[', ']', '{', '}', '!', '#', '$', '%', ':', ';', '"str\\n"',
  '"unterminated', '0x10', '-1', '077', '0b101', '1.5e+3', '.string', '.quad', '.byte', '.cfi_offset', '/*', '*/', '//', '@',
  '\\', '\u00e9', '\t', ' ', '\n', '\r\n', "'a",
];
const ISA_TOKENS: Record<Isa, string[]> = {
  aarch64: ['x0', 'w1', 'sp', 'xzr', 'v0.4s', 'v1.s[1]', '{v0.16b, v1.16b}', 'ldr', 'stp', 'add', 'b.eq', 'lsl', '#3', ':lo12:', 'adrp', 'uxtw', 'csel', 'eq'],
  riscv64: ['a0', 'sp', 'zero', 'fa0', 'addi', 'ld', 'sd', '%hi(x)', '%lo(', 'call', 'printf@plt', 'rtz', 'fence', 'iorw', 'jr', 'ra', 'li'],
  x86_64: ['%rax', '%eax', '%rip', '%fs', '%xmm0', 'movq', 'movl', 'leaq', 'jmp', '*', '$1', 'printf@PLT', '(%rax,%rbx,8)', 'rep', 'stosq', 'notrack'],
};

function checkParse(isa: Isa, text: string): void {
  const started = Date.now();
  const r = parseAsm(text, 'fuzz.s', isa);
  expect(Date.now() - started).toBeLessThan(5000);
  const lines = text.split('\n').length;
  for (const d of r.diagnostics) {
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.line).toBeLessThanOrEqual(lines);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (r.diagnostics.length === 0) {
    const printed = printAsm(r.file);
    const again = parseAsm(printed, 'fuzz-printed.s', isa);
    expect(again.diagnostics).toEqual([]);
    expect(printAsm(again.file)).toBe(printed);
  }
}

describe.each(ISAS)('front end robustness: %s', (isa) => {
  it('answers random token soup with diagnostics only', () => {
    const token = fc.constantFrom(...COMMON_TOKENS, ...ISA_TOKENS[isa]);
    const sep = fc.constantFrom(' ', '', '\n', ', ', '\t');
    const soup = fc.array(fc.tuple(token, sep), { maxLength: 60 }).map((parts) => parts.map(([t, s]) => t + s).join(''));
    fc.assert(fc.property(soup, (text) => checkParse(isa, text)), { numRuns: 400, seed: 42 });
  });

  it('answers randomly mutated compiler output with diagnostics only', () => {
    const lines = SAMPLES[isa].split('\n');
    const mutation = fc.record({
      line: fc.nat({ max: lines.length - 1 }),
      kind: fc.constantFrom('delete', 'insert', 'duplicate', 'truncate', 'swap'),
      pos: fc.nat({ max: 40 }),
      ch: fc.constantFrom(...'()[]{},:;#$%@!*+-/"\'\\ x0a.\t\u0000'.split('')),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (muts) => {
        const copy = [...lines];
        for (const m of muts) {
          const l = copy[m.line] ?? '';
          const p = Math.min(m.pos, l.length);
          if (m.kind === 'delete') copy[m.line] = l.slice(0, p) + l.slice(p + 1);
          else if (m.kind === 'insert') copy[m.line] = l.slice(0, p) + m.ch + l.slice(p);
          else if (m.kind === 'duplicate') copy[m.line] = l + l;
          else if (m.kind === 'truncate') copy[m.line] = l.slice(0, p);
          else copy[m.line] = copy[(m.line + 1) % copy.length]!, (copy[(m.line + 1) % copy.length] = l);
        }
        checkParse(isa, copy.join('\n'));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('reads the unmutated sample cleanly and reprints it stably', () => {
    const r = parseAsm(SAMPLES[isa], 'sample.s', isa);
    expect(r.diagnostics).toEqual([]);
    checkParse(isa, SAMPLES[isa]);
  });
});
