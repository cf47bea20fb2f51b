// A reader for the S-expressions Z3 prints (get-value answers, models,
// get-info replies). Only what solver output contains: lists, symbols
// (plain and |quoted|), numerals, #x/#b literals, strings and keywords.
// Iterative, so a deeply nested model term cannot overflow the JS stack.

export type SExpr = string | SExpr[];

export class SExprError extends Error {}

/** Reads every top-level S-expression in `text`. */
export function parseSExprs(text: string): SExpr[] {
  const top: SExpr[] = [];
  const stack: SExpr[][] = [top];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === ';') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '(') {
      const list: SExpr[] = [];
      stack[stack.length - 1]!.push(list);
      stack.push(list);
      i++;
    } else if (ch === ')') {
      if (stack.length === 1) throw new SExprError(`unbalanced ')' at offset ${i}`);
      stack.pop();
      i++;
    } else if (ch === '|') {
      const end = text.indexOf('|', i + 1);
      if (end < 0) throw new SExprError(`unterminated |symbol| at offset ${i}`);
      // Kept with its bars so a caller can tell `|x y|` from two atoms; see unquote.
      stack[stack.length - 1]!.push(text.slice(i, end + 1));
      i = end + 1;
    } else if (ch === '"') {
      // SMT-LIB 2.6 strings escape a quote by doubling it.
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new SExprError(`unterminated string at offset ${i}`);
        if (text[j] === '"') {
          if (text[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      stack[stack.length - 1]!.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !' \n\t\r()|";'.includes(text[j]!)) j++;
      stack[stack.length - 1]!.push(text.slice(i, j));
      i = j;
    }
  }
  if (stack.length !== 1) throw new SExprError('unbalanced: missing )');
  return top;
}

/** A symbol without its |bars|, so `|a b|` and `a` compare by name. */
export function unquote(atom: string): string {
  return atom.length >= 2 && atom.startsWith('|') && atom.endsWith('|') ? atom.slice(1, -1) : atom;
}

/** The contents of a "string" atom. */
export function stringValue(atom: string): string {
  return atom.startsWith('"') ? atom.slice(1, -1).replace(/""/g, '"') : atom;
}

/**
 * A bit-vector literal as printed by Z3: #x.., #b.., or (_ bvN w).
 * Returns undefined for anything else.
 */
export function bvLiteral(e: SExpr): { value: bigint; w: number } | undefined {
  if (typeof e === 'string') {
    if (e.startsWith('#x')) return { value: BigInt('0x' + e.slice(2)), w: (e.length - 2) * 4 };
    if (e.startsWith('#b')) return { value: BigInt('0b' + e.slice(2)), w: e.length - 2 };
    return undefined;
  }
  if (e.length === 3 && e[0] === '_' && typeof e[1] === 'string' && e[1].startsWith('bv') && typeof e[2] === 'string') {
    return { value: BigInt(e[1].slice(2)), w: Number(e[2]) };
  }
  return undefined;
}

/** Prints an S-expression back (for error messages). */
export function showSExpr(e: SExpr): string {
  return typeof e === 'string' ? e : `(${e.map(showSExpr).join(' ')})`;
}
