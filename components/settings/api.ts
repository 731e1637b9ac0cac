import type { BinDetail, BinPrivacy, BinPrivacyAnswer } from "@/lib/schemas/bin.ts";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { ok } from "@/components/inspector/api.ts";

/** The settings panel's calls to the REST API (SPEC.md); errors carry the API's message. */

const binUrl = (binId: string) => `/api/bins/${encodeURIComponent(binId)}`;
const JSON_HEADERS = { "content-type": "application/json" };

export async function fetchBinDetail(binId: string): Promise<BinDetail> {
  return (await ok(await fetch(binUrl(binId), { cache: "no-store" }))).json();
}

/** An empty name removes it. */
export async function renameBin(binId: string, name: string): Promise<void> {
  const body = JSON.stringify({ name: name.trim() || null });
  await ok(await fetch(settingsUrl(binId), { method: "PUT", headers: JSON_HEADERS, body }));
}

/** Sets (or with null, clears) what senders get back. `response` is sent as typed: the API validates it. */
export async function saveResponse(binId: string, response: unknown | null): Promise<void> {
  const url = `${binUrl(binId)}/response`;
  await ok(await fetch(url, response ? { method: "PUT", headers: JSON_HEADERS, body: JSON.stringify(response) } : { method: "DELETE" }));
}

/** Makes the bin private (answering its new view token) or public. */
export async function setPrivacy(binId: string, makePrivate: boolean): Promise<BinPrivacyAnswer> {
  const body = JSON.stringify({ private: makePrivate } satisfies BinPrivacy);
  return (await ok(await fetch(`${binUrl(binId)}/privacy`, { method: "PUT", headers: JSON_HEADERS, body }))).json();
}

/** Opens the bin's inspector with its new token, which the page keeps (proxy.ts) from then on. */
export function reopenWithToken(binId: string, viewToken: string | undefined): void {
  location.assign(viewToken ? `/bins/${encodeURIComponent(binId)}?token=${encodeURIComponent(viewToken)}` : `/bins/${encodeURIComponent(binId)}`);
}

export async function deleteBin(binId: string): Promise<void> {
  await ok(await fetch(binUrl(binId), { method: "DELETE" }));
}

/** The export's address: the whole bin, or only what `filter` matches (the list's own filters). */
export function exportUrl(binId: string, format: "har" | "json", filter: CaptureFilter = {}): string {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  return `${binUrl(binId)}/export?${query}`;
}

export const settingsUrl = (binId: string) => `${binUrl(binId)}/settings`;

/** Applies a settings document (as exported from a bin); the API validates it whole before changing anything. */
export async function importSettings(binId: string, document: string): Promise<void> {
  await ok(await fetch(settingsUrl(binId), { method: "PUT", headers: JSON_HEADERS, body: document }));
}
