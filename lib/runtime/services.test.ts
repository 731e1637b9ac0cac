import { describe, expect, it, vi } from "vitest";

/**
 * server.ts and Next's bundle each load their own copy of lib/. Here two fresh module graphs in one
 * process stand for the two copies: each stateful service must still exist once.
 */
async function loadCopy() {
  vi.resetModules();
  return {
    writer: await import("../store/capture-writer.ts"),
    changes: await import("../store/changes.ts"),
    ids: await import("./ids.ts"),
    services: await import("./services.ts"),
  };
}

describe("the process registry", () => {
  it("gives two module copies one capture writer, one change feed and one id sequence", async () => {
    const server = await loadCopy();
    const next = await loadCopy();
    expect(next.writer).not.toBe(server.writer);
    expect(next.writer.captureWriter()).toBe(server.writer.captureWriter());

    const heard: string[] = [];
    const stop = server.changes.onChange((change) => heard.push(change.type));
    next.changes.reportChange({ type: "bin:cleared", binId: "b" });
    stop();
    next.changes.reportChange({ type: "bin:deleted", binId: "b" });
    expect(heard).toEqual(["bin:cleared"]);

    // Ids from both copies in one millisecond still come out in the order they were made.
    const now = Date.now() + 60_000;
    const made = [server.ids.newSortableId(now), next.ids.newSortableId(now), server.ids.newSortableId(now)];
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(3);

    expect(server.services.serviceNames()).toEqual(expect.arrayContaining(["captureWriter", "changeListeners", "ids"]));
    expect(next.services.serviceNames()).toEqual(server.services.serviceNames());
  });

  it("creates a service once, however often and from wherever it is asked for", async () => {
    const { single } = await import("./services.ts");
    const create = vi.fn(() => ({ made: true }));
    const first = single("test:once", create);
    vi.resetModules();
    const again = (await import("./services.ts")).single("test:once", create);
    expect(again).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
