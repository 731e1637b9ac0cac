import type { BinSettings } from "@/lib/schemas/bin.ts";

/**
 * What applying a settings document would change, one line per part, compared with the bin's
 * settings now: an import replaces whole parts, so the person importing sees that first. A part
 * the document leaves out, or holds unchanged, is not listed.
 */
export function settingsChanges(now: BinSettings, next: Record<string, unknown>): string[] {
  const changes: string[] = [];
  const differs = (key: keyof BinSettings) => key in next && JSON.stringify(next[key] ?? null) !== JSON.stringify(now[key] ?? null);
  const quoted = (name: unknown) => (typeof name === "string" && name ? `"${name}"` : "no name");
  if (differs("name")) changes.push(`Name: ${quoted(now.name)} → ${quoted(next.name)}`);
  if (differs("response")) {
    const status = (r: unknown) => (r && typeof r === "object" && "status" in r ? `${(r as { status: unknown }).status}` : "the default answer");
    changes.push(`Custom response: ${status(now.response)} → ${status(next.response)}`);
  }
  if (differs("forward")) {
    const target = (f: unknown) => (f && typeof f === "object" && "url" in f ? `${(f as { url: unknown }).url}${(f as { enabled?: unknown }).enabled === false ? " (off)" : ""}` : "none");
    changes.push(`Auto-forward: ${target(now.forward)} → ${target(next.forward)}`);
  }
  if (differs("rules")) {
    const count = (rules: unknown) => (Array.isArray(rules) ? rules.length : 0);
    const [before, after] = [count(now.rules), count(next.rules)];
    changes.push(`Response rules: ${before} ${before === 1 ? "rule" : "rules"} replaced by ${after}`);
  }
  return changes;
}
