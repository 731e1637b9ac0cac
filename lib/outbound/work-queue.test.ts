import { describe, expect, it, vi } from "vitest";
import { WorkQueue } from "./work-queue.ts";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("WorkQueue", () => {
  it("runs at most `concurrency` jobs at once and the rest in order as slots free up", async () => {
    const queue = new WorkQueue(2, 10);
    const gates = Array.from({ length: 4 }, gate);
    const started: number[] = [];
    gates.forEach((g, i) => queue.offer("bin", async () => {
      started.push(i);
      await g.opened;
    }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.size()).toBe(4);
    gates[1].open();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.open());
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.size()).toBe(0);
  });

  it("refuses work past a key's backlog without affecting other keys, and takes it again once drained", async () => {
    const queue = new WorkQueue(1, 2);
    const hold = gate();
    const job = () => hold.opened;
    expect(queue.offer("slow", job)).toBe(true);
    expect(queue.offer("slow", job)).toBe(true);
    expect(queue.offer("slow", job)).toBe(false);
    expect(queue.size("slow")).toBe(2);
    expect(queue.offer("other", async () => {})).toBe(true);
    hold.open();
    await new Promise((r) => setImmediate(r));
    expect(queue.size()).toBe(0);
    expect(queue.offer("slow", job)).toBe(true);
  });

  it("keeps going when a job fails", async () => {
    const queue = new WorkQueue(1, 5);
    const ran: string[] = [];
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    queue.offer("k", async () => {
      throw new Error("boom");
    });
    queue.offer("k", async () => {
      ran.push("second");
    });
    await new Promise((r) => setImmediate(r));
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect(ran).toEqual(["second"]);
  });
});
