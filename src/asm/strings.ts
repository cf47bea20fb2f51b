// String literals as gas reads them: escapes decoded to bytes, and back.

/** Decodes the body of a `"..."` literal (quotes included) into bytes; returns an error text on bad escapes. */
export function decodeStringLiteral(literal: string): { bytes: Uint8Array } | { error: string } {
  const body = literal.slice(1, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 92 /* \ */) {
      if (c < 0x80) out.push(c);
      else for (const b of Buffer.from(body[i]!, 'utf8')) out.push(b);
      continue;
    }
    const n = body[++i];
    if (n === undefined) return { error: 'string ends in a lone backslash' };
    switch (n) {
      case 'n': out.push(10); break;
      case 't': out.push(9); break;
      case 'r': out.push(13); break;
      case 'b': out.push(8); break;
      case 'f': out.push(12); break;
      case 'v': out.push(11); break;
      case 'a': out.push(7); break;
      case 'e': out.push(27); break;
      case '\\': out.push(92); break;
      case '"': out.push(34); break;
      case "'": out.push(39); break;
      case 'x': case 'X': {
        // gas reads every following hex digit and keeps the low byte.
        let j = i + 1;
        let v = 0;
        while (j < body.length && /[0-9a-fA-F]/.test(body[j]!)) v = (v * 16 + parseInt(body[j]!, 16)) & 0xff, j++;
        if (j === i + 1) return { error: 'hex escape \\x with no digits' };
        out.push(v);
        i = j - 1;
        break;
      }
      default:
        if (/[0-7]/.test(n)) {
          let j = i;
          let v = 0;
          while (j < body.length && j < i + 3 && /[0-7]/.test(body[j]!)) v = v * 8 + Number(body[j]), j++;
          out.push(v & 0xff);
          i = j - 1;
        } else {
          return { error: `unknown escape sequence '\\${n}'` };
        }
    }
  }
  return { bytes: Uint8Array.from(out) };
}

/** Encodes bytes as a gas string literal: printable ASCII as is, the rest as 3-digit octal. */
export function encodeStringLiteral(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b === 34) s += '\\"';
    else if (b === 92) s += '\\\\';
    else if (b === 10) s += '\\n';
    else if (b === 9) s += '\\t';
    else if (b >= 32 && b < 127) s += String.fromCharCode(b);
    else s += '\\' + b.toString(8).padStart(3, '0');
  }
  return s + '"';
}
