// Every FP and NEON instruction form gcc emits in the corpus (-O0..-O3, -Os)
// goes through the FP/NEON lowering rules: it is lowered (or refused with a
// reason from the known list) and the lowering agrees with the AArch64
// semantics on the interpreter for a handful of states. Registers are
// renumbered into the test map's range first (the form is what matters).
import fs from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parseAsm } from '../src/asm/index.js';
import { fpRules } from '../src/guess/rules/fp.js';
import { neonRules } from '../src/guess/rules/neon.js';
import { fprOf } from '../src/isa/aarch64/semantics/operands.js';
import { buildCorpus, OPT_LEVELS, type CorpusEntry } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { buildClaims, evaluateClaims, lower, Refused } from './support/lower-context.js';
import { describeWithTools } from './support/tools.js';

const RULES = { ...neonRules, ...fpRules };
/** Memory forms belong to the core (ldr/str/ldp/stp of s/d/q registers); these the FP/NEON rules refuse on purpose. */
const CORE = new Set(['ldr', 'str', 'ldp', 'stp', 'ldur', 'stur', 'ldnp', 'stnp']);
const KNOWN_REFUSALS: RegExp[] = [];

/**
 * Renumbers registers by first appearance: general ones to x0..x7,
 * vector/FP ones to v0..v15 (keeping their spelling); a register range
 * `{vA.T - vB.T}` keeps its length.
 */
function renumber(line: string): string {
  const g = new Map<string, number>();
  const f = new Map<string, number>();
  let next = 0;
  line = line.replace(/\{v([0-9]+)(\.[0-9a-z]+) - v([0-9]+)(\.[0-9a-z]+)\}/g, (_m, a, ta, b, tb) => {
    const len = (Number(b) - Number(a) + 32) % 32;
    const x = next;
    for (let k = 0; k <= len; k++) f.set(String((Number(a) + k) % 32), next++);
    return `{V@${x}${ta} - V@${x + len}${tb}}`; // renamed after the per-register pass
  });
  return line
    .replace(/\b([xw])([0-9]+)\b|\b([vqdshb])([0-9]+)\b/g, (m, gk, gn, fk, fn) => {
    if (gk) {
      if (!g.has(gn)) g.set(gn, g.size);
      return `${gk}${g.get(gn)}`;
    }
    if (!f.has(fn)) f.set(fn, next++);
    return `${fk}${f.get(fn)}`;
  })
    .replaceAll('V@', 'v');
}

function isOurs(line: string): boolean {
  const r = parseAsm(line + '\n', 'c.s', 'aarch64');
  const ins = r.file.statements.find((s) => s.kind === 'instruction');
  if (!ins || ins.kind !== 'instruction' || CORE.has(ins.mnemonic)) return false;
  return ins.operands.some((op) => op.kind === 'vreg' || op.kind === 'vlist' || (op.kind === 'reg' && fprOf(op.name) !== undefined));
}

describeWithTools([toolFor('aarch64', 'gcc')], 'FP/NEON rules cover the corpus', () => {
  let entries: CorpusEntry[] = [];
  beforeAll(async () => {
    entries = await buildCorpus({ isas: ['aarch64'] });
  }, 600_000);

  it('lowers every FP and NEON form gcc emits, agreeing with the semantics on the interpreter', () => {
    const forms = new Set<string>();
    for (const opt of OPT_LEVELS)
      for (const e of entries.filter((x) => x.opt === opt))
        for (const raw of fs.readFileSync(e.asmPath, 'utf8').split('\n')) {
          const line = raw.replace(/\/\/.*$/, '').trim().replace(/\s+/, ' ');
          if (/^[a-z]/.test(line) && !line.endsWith(':') && isOurs(line)) forms.add(renumber(line));
        }
    const refused: string[] = [];
    const known: string[] = [];
    const wrong: string[] = [];
    let lowered = 0;
    for (const form of [...forms].sort()) {
      try {
        const checked = buildClaims(lower(RULES, form));
        lowered++;
        for (let k = 0; k < 4; k++) {
          const inputs: Record<string, bigint> = { '&vslots': 0x10000n, probe: 0x10000n + BigInt(k * 7) };
          for (let n = 0; n < 8; n++) {
            inputs[`x${n}`] = (0x9e3779b97f4a7c15n * BigInt(n + 3 * k + 1)) & ((1n << 64n) - 1n);
            inputs[`v${n}`] = (0x0123456789abcdef_f0e1d2c3b4a59687n * BigInt(2 * n + k + 1)) & ((1n << 128n) - 1n);
          }
          const fails = evaluateClaims(checked, inputs);
          if (fails.length) wrong.push(`${form}: ${fails[0]}`);
        }
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        if (!KNOWN_REFUSALS.some((r) => r.test(form))) refused.push(`${form}: ${err.message}`);
        else known.push(form);
      }
    }
    console.log(`FP/NEON corpus forms: ${lowered}/${forms.size} lowered; refused on purpose: ${known.join('; ')}`);
    expect(wrong).toEqual([]);
    expect(refused).toEqual([]);
  }, 300_000);
});
