/**
 * Runs async jobs with bounded concurrency and a bounded backlog per key, so one slow or dead
 * target cannot pile up unbounded work or starve the others.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: { key: string; job: () => Promise<void> }[] = [];
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly maxPendingPerKey: number,
  ) {}

  /** Queues the job unless its key already has its fill of jobs waiting or running; says which. */
  offer(key: string, job: () => Promise<void>): boolean {
    const pending = this.pending.get(key) ?? 0;
    if (pending >= this.maxPendingPerKey) return false;
    this.pending.set(key, pending + 1);
    this.waiting.push({ key, job });
    this.pump();
    return true;
  }

  /** Jobs waiting or running, for one key or in all. */
  size(key?: string): number {
    if (key !== undefined) return this.pending.get(key) ?? 0;
    return this.running + this.waiting.length;
  }

  private pump() {
    while (this.running < this.concurrency && this.waiting.length) {
      const { key, job } = this.waiting.shift()!;
      this.running++;
      job()
        .catch((error: unknown) => console.error("queued job failed", error))
        .finally(() => {
          this.running--;
          const left = (this.pending.get(key) ?? 1) - 1;
          if (left) this.pending.set(key, left);
          else this.pending.delete(key);
          this.pump();
        });
    }
  }
}
