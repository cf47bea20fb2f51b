// `file:line:col` for reports and refusals.
import type { Span } from '../asm/source.js';

export function formatLocation(fileName: string, span: Span): string {
  return `${fileName}:${span.line}:${span.col}`;
}
