// Source text, positions and diagnostics shared by every front end.
// Positions are 1-based (line, column) as compilers print them.

export interface Span {
  line: number;
  col: number;
  /** Offset of the first character in the file text (0-based). */
  offset: number;
  /** Number of characters covered; at least 1 for carets. */
  length: number;
}

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  severity: Severity;
  message: string;
  file: string;
  span: Span;
}

/** A file's text with a line index so diagnostics can quote the offending line. */
export class SourceFile {
  readonly lineStarts: number[];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** Converts a 0-based offset into a span of the given length. */
  spanAt(offset: number, length = 1): Span {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1, offset, length: Math.max(1, length) };
  }
}

export function makeDiagnostic(source: SourceFile, span: Span, message: string, severity: Severity = 'error'): Diagnostic {
  return { severity, message, file: source.name, span };
}

/**
 * Renders `file:line:col: error: message`, then the line and a caret under the
 * offending text, the way gcc and as do. Tabs are kept so the caret lines up.
 */
export function formatDiagnostic(d: Diagnostic, source?: SourceFile): string {
  const head = `${d.file}:${d.span.line}:${d.span.col}: ${d.severity}: ${d.message}`;
  if (!source) return head;
  const line = source.lineText(d.span.line);
  if (line.length > 300) return head; // a caret under a huge line helps nobody
  const pad = line.slice(0, d.span.col - 1).replace(/[^\t]/g, ' ');
  const width = Math.max(1, Math.min(d.span.length, line.length - d.span.col + 1));
  return `${head}\n${line}\n${pad}^${'~'.repeat(Math.max(0, width - 1))}`;
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly source: SourceFile) {}

  error(span: Span, message: string): void {
    this.items.push(makeDiagnostic(this.source, span, message));
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}
