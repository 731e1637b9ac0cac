import { describe, expect, it } from "vitest";
import { takeBatch } from "./batch.ts";

describe("takeBatch", () => {
  it("takes the first item whatever its size, then items while rows and bytes allow, leaving the rest queued", () => {
    const queue = [50, 10, 20, 30, 5];
    expect(takeBatch(queue, 10, 40, (n) => n)).toEqual([50]);
    expect(takeBatch(queue, 10, 40, (n) => n)).toEqual([10, 20]);
    expect(takeBatch(queue, 1, 1000, (n) => n)).toEqual([30]);
    expect(queue).toEqual([5]);
    expect(takeBatch(queue, 10, 40, (n) => n)).toEqual([5]);
    expect(takeBatch(queue, 10, 40, (n) => n)).toEqual([]);
  });
});
