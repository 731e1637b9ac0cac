/**
 * When each send of a replay is due, in ms after the first, for captures in sending order (oldest
 * first): with `original` timing, the gaps they arrived with divided by `speed`; with `none`, no
 * schedule at all (0: each goes as soon as the one before it has been answered).
 */
export function replaySchedule(receivedAt: Date[], timing: "original" | "none", speed: number): number[] {
  if (timing === "none" || receivedAt.length === 0) return receivedAt.map(() => 0);
  const first = receivedAt[0].getTime();
  return receivedAt.map((at) => Math.round((at.getTime() - first) / speed));
}
