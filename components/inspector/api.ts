import type { BinDetail, Forward } from "@/lib/schemas/bin.ts";
import type { CaptureFilter, CapturePage, CaptureView } from "@/lib/schemas/capture.ts";
import type { EncodedBody } from "@/lib/schemas/common.ts";
import { toEncodedBody } from "@/lib/wire/bytes.ts";
import type { RefusalList, RefusalView } from "@/lib/schemas/refusal.ts";

/** The inspector's calls to the REST API (SPEC.md). */

export async function ok(res: Response): Promise<Response> {
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new Error(body?.message ?? `${res.status} ${res.statusText}`);
  }
  return res;
}

const base = (binId: string) => `/api/bins/${encodeURIComponent(binId)}/requests`;

export async function fetchCapturePage(binId: string, cursor: string | null, limit = 200, filter: CaptureFilter = {}): Promise<CapturePage> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  return (await ok(await fetch(`${base(binId)}?${query}`, { cache: "no-store" }))).json();
}

/** How many captures the bin holds, or null when the bin no longer exists. */
export async function fetchBinTotal(binId: string): Promise<number | null> {
  const res = await fetch(`/api/bins/${encodeURIComponent(binId)}`, { cache: "no-store" });
  if (res.status === 404) return null;
  return ((await (await ok(res)).json()) as BinDetail).requestCount;
}

/** The requests the bin refused (too large, rate limited), one row per reason and minute. */
export async function fetchRefusals(binId: string): Promise<RefusalView[]> {
  const res = await fetch(`/api/bins/${encodeURIComponent(binId)}/refusals`, { cache: "no-store" });
  return ((await (await ok(res)).json()) as RefusalList).items;
}

/** A capture, or null when it no longer exists. */
export async function fetchCapture(binId: string, id: string, signal?: AbortSignal): Promise<CaptureView | null> {
  const res = await fetch(`${base(binId)}/${encodeURIComponent(id)}`, { cache: "no-store", signal });
  if (res.status === 404) return null;
  return (await ok(res)).json();
}

export const bodyUrl = (binId: string, id: string) => `${base(binId)}/${encodeURIComponent(id)}/body?download`;

/** The body with its Content-Encoding undone by the server; a refusal (too large, corrupt) keeps the API's code and message. */
export async function fetchDecodedBody(binId: string, id: string, signal?: AbortSignal): Promise<{ ok: true; body: EncodedBody } | { ok: false; error: string; message: string }> {
  const res = await fetch(`${base(binId)}/${encodeURIComponent(id)}/body?decode=true`, { cache: "no-store", signal });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    return { ok: false, error: body?.error ?? "unknown", message: body?.message ?? `${res.status} ${res.statusText}` };
  }
  return { ok: true, body: toEncodedBody(new Uint8Array(await res.arrayBuffer())) };
}

export async function deleteCapture(binId: string, id: string): Promise<void> {
  await ok(await fetch(`${base(binId)}/${encodeURIComponent(id)}`, { method: "DELETE" }));
}

export async function clearBin(binId: string): Promise<void> {
  await ok(await fetch(base(binId), { method: "DELETE" }));
}

/** Sets (or with null, removes) the bin's auto-forward target. */
export async function saveForward(binId: string, forward: Forward | null): Promise<void> {
  const url = `/api/bins/${encodeURIComponent(binId)}/forward`;
  await ok(await fetch(url, forward ? { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(forward) } : { method: "DELETE" }));
}
