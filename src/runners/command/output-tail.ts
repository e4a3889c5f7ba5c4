/** The last lines a process printed, for an error message that fits on one line. */
export class OutputTail {
  private text_ = '';

  constructor(
    private readonly lines = 5,
    private readonly maxChars = 8_192,
  ) {}

  add(chunk: string): void {
    this.text_ = (this.text_ + chunk).slice(-this.maxChars);
  }

  /** The last non-empty lines joined with " | ", or '' when nothing was printed. */
  text(): string {
    return this.text_
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .slice(-this.lines)
      .join(' | ');
  }
}
