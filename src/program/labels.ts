// Label definitions and references, including gas numeric local labels
// (`1:` referenced as `1b` backwards or `1f` forwards), which may be defined
// many times: each definition gets a unique resolved name `N@K`.
import type { AsmFile } from '../asm/ast.js';

export class LabelTable {
  /** Resolved label name to the index of its label statement. */
  readonly index = new Map<string, number>();
  /** Statement index of each numeric label definition, by number, in order. */
  private readonly numeric = new Map<string, number[]>();
  /** Resolved name of the label statement at an index. */
  readonly nameAt = new Map<number, string>();

  constructor(file: AsmFile) {
    file.statements.forEach((st, i) => {
      if (st.kind !== 'label') return;
      if (/^[0-9]+$/.test(st.name)) {
        const defs = this.numeric.get(st.name) ?? [];
        defs.push(i);
        this.numeric.set(st.name, defs);
        const resolved = `${st.name}@${defs.length}`;
        this.index.set(resolved, i);
        this.nameAt.set(i, resolved);
      } else {
        if (!this.index.has(st.name)) this.index.set(st.name, i);
        this.nameAt.set(i, st.name);
      }
    });
  }

  /**
   * Resolves a reference seen at statement `at`: `1b` is the nearest definition of
   * `1` at or before it, `1f` the nearest after it. Other names are returned as is.
   */
  resolve(name: string, at: number): string | undefined {
    const m = /^([0-9]+)([bf])$/.exec(name);
    if (!m) return name;
    const defs = this.numeric.get(m[1]!) ?? [];
    if (m[2] === 'b') {
      for (let k = defs.length - 1; k >= 0; k--) if (defs[k]! <= at) return `${m[1]}@${k + 1}`;
    } else {
      for (let k = 0; k < defs.length; k++) if (defs[k]! > at) return `${m[1]}@${k + 1}`;
    }
    return undefined;
  }
}
