/**
 * The last lines a process printed (a service, a timed command), kept for error messages only: a
 * service that logs every request must cost a bounded amount of memory however long it runs.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private readonly partials = new Map<number, string>();
  private nextStream = 0;

  constructor(
    private readonly maxLines = 20,
    private readonly maxLineLength = 300,
  ) {}

  /** A writer for one stream; each keeps its own unfinished line so that stdout and stderr never mix mid-line. */
  stream(): (chunk: string) => void {
    const id = this.nextStream++;
    return (chunk) => {
      const parts = ((this.partials.get(id) ?? '') + chunk).split(/\r?\n/);
      const rest = parts.pop() ?? '';
      for (const line of parts) this.push(line);
      // A line without a newline can grow without bound; its start says enough.
      this.partials.set(id, rest.slice(0, this.maxLineLength * 4));
    };
  }

  /** One line: the last lines that have text, joined with " | "; '' when there were none. */
  text(): string {
    const pending = [...this.partials.values()].filter((line) => line.trim() !== '').map((line) => this.clip(line));
    return [...this.lines, ...pending].slice(-this.maxLines).join(' | ');
  }

  private push(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(this.clip(line));
    if (this.lines.length > this.maxLines) this.lines.shift();
  }

  private clip(line: string): string {
    const trimmed = line.trim();
    return trimmed.length <= this.maxLineLength ? trimmed : `${trimmed.slice(0, this.maxLineLength - 1)}…`;
  }
}
