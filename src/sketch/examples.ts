// Input/output examples as a specification (format: docs/sketch.md).
//
//   { "prototype": "long f(long, long)",
//     "examples": [ { "args": [1, 2], "result": 3 }, { "args": ["-1", "0x10"], "result": "15" } ] }
//
// Numbers may be JSON numbers (exact integers only) or strings in decimal or
// 0x hex, with a sign, so 64-bit values survive JSON.
import type { Example } from './cegis.js';

export class ExamplesError extends Error {}

export interface ExamplesFile {
  prototype?: string;
  function?: string;
  examples: Example[];
}

function toBigInt(x: unknown, where: string): bigint {
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) throw new ExamplesError(`${where}: ${x} is not an exact integer; write large values as strings ("0x...")`);
    return BigInt(x);
  }
  if (typeof x === 'string' && /^[+-]?(0x[0-9a-f]+|[0-9]+)$/i.test(x.trim())) {
    const t = x.trim();
    const neg = t.startsWith('-');
    const body = t.replace(/^[+-]/, '');
    const v = BigInt(body);
    return neg ? -v : v;
  }
  throw new ExamplesError(`${where}: expected an integer (a number or a string such as "-5" or "0xff"), found ${JSON.stringify(x)}`);
}

export function parseExamples(text: string, fileName: string): ExamplesFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ExamplesError(`${fileName}: not valid JSON: ${(e as Error).message}`);
  }
  const obj = Array.isArray(data) ? { examples: data } : data;
  if (typeof obj !== 'object' || obj === null || !Array.isArray((obj as { examples?: unknown }).examples))
    throw new ExamplesError(`${fileName}: expected {"examples": [{"args": [...], "result": ...}, ...]}`);
  const o = obj as { examples: unknown[]; prototype?: unknown; function?: unknown };
  const examples = o.examples.map((e, k): Example => {
    const where = `${fileName}: example ${k + 1}`;
    if (typeof e !== 'object' || e === null || !Array.isArray((e as { args?: unknown }).args) || !('result' in e))
      throw new ExamplesError(`${where}: expected {"args": [...], "result": ...}`);
    const ex = e as { args: unknown[]; result: unknown };
    return { args: ex.args.map((a, i) => toBigInt(a, `${where}, argument ${i + 1}`)), result: toBigInt(ex.result, `${where}, result`) };
  });
  if (examples.length === 0) throw new ExamplesError(`${fileName}: no examples`);
  const out: ExamplesFile = { examples };
  if (typeof o.prototype === 'string') out.prototype = o.prototype;
  if (typeof o.function === 'string') out.function = o.function;
  return out;
}
