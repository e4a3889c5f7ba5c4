/** Network work has one budget for the whole action: a hung API must not hold the job for hours. */
export class Deadline {
  private readonly end: number;

  constructor(budgetMs: number, now: () => number = Date.now) {
    this.end = now() + budgetMs;
    this.now = now;
  }

  private readonly now: () => number;

  remainingMs(): number {
    return Math.max(0, this.end - this.now());
  }

  /** Resolves with the work's result, or rejects when the budget runs out first. */
  async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    const remaining = this.remainingMs();
    if (remaining === 0) throw new Error(`${what}: skipped, the network time limit is used up`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: gave up after the network time limit`)), remaining);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
