// Guesses the dialect of an assembly text from tell-tale spellings, so users
// need not say `--isa` for ordinary compiler output.
import type { Isa } from './ast.js';

const SIGNS: Record<Isa, RegExp[]> = {
  x86_64: [/%(?:r[a-z0-9]+|e[a-z]{2}|xmm\d+)\b/g, /\$-?\w/g, /\(%rip\)/g, /\b(?:movq|movl|leaq|pushq|popq|endbr64)\b/g],
  aarch64: [/\b[xw](?:[12]?\d|30)\b/g, /\[sp\b/g, /#-?\d/g, /:lo12:/g, /\b(?:adrp|stp|ldp|b\.[a-z]{2})\b/g],
  riscv64: [/\b(?:a[0-7]|s(?:1[01]|\d)|t[0-6])\b/g, /\(sp\)/g, /%(?:hi|lo|pcrel_hi|pcrel_lo)\(/g, /\.(?:option|attribute)\b/g, /\b(?:addi|lla|sd|addiw|jr)\b/g],
};

export interface Detection {
  isa: Isa | undefined;
  scores: Record<Isa, number>;
}

/** Scores each dialect on the first part of the text; undefined when nothing is telling. */
export function detectIsa(text: string): Detection {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const scores = { aarch64: 0, riscv64: 0, x86_64: 0 } as Record<Isa, number>;
  for (const isa of Object.keys(SIGNS) as Isa[])
    for (const re of SIGNS[isa]) scores[isa] += sample.match(re)?.length ?? 0;
  const ranked = (Object.keys(scores) as Isa[]).sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const second = ranked[1]!;
  // Demand a clear lead: a tie means the text says too little.
  const isa = scores[best] > 0 && scores[best] > scores[second] ? best : undefined;
  return { isa, scores };
}
