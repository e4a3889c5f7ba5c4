/** A results file that cannot be used. The message is one line: file:line:column: field: expected. */
export class ResultsError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line !== undefined ? `${file}:${line}:${column ?? 1}` : file;
    super(`${where}: ${field}: ${expected}`);
    this.name = 'ResultsError';
  }
}
