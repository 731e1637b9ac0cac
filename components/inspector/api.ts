import { api, apiFetch, apiOrNull, apiUrl, ApiRequestError, filterQuery } from "@/components/api/client.ts";
import type { Forward } from "@/lib/schemas/bin.ts";
import type { CaptureFilter, CapturePage, CaptureView } from "@/lib/schemas/capture.ts";
import type { EncodedBody } from "@/lib/schemas/common.ts";
import type { RefusalView } from "@/lib/schemas/refusal.ts";
import { toEncodedBody } from "@/lib/wire/bytes.ts";

/** The inspector's calls to the REST API, through the typed client. */

export function fetchCapturePage(binId: string, cursor: string | null, limit = 200, filter: CaptureFilter = {}): Promise<CapturePage> {
  return api("listCaptures", { params: { id: binId }, query: { limit, ...(cursor ? { cursor } : {}), ...filterQuery(filter) } });
}

/** How many captures the bin holds, or null when the bin no longer exists. */
export async function fetchBinTotal(binId: string): Promise<number | null> {
  return (await apiOrNull("getBin", { params: { id: binId } }))?.requestCount ?? null;
}

/** The requests the bin refused (too large, rate limited), one row per reason and minute. */
export async function fetchRefusals(binId: string): Promise<RefusalView[]> {
  return (await api("listRefusals", { params: { id: binId } })).items;
}

/** A capture, or null when it no longer exists. */
export function fetchCapture(binId: string, id: string, signal?: AbortSignal): Promise<CaptureView | null> {
  return apiOrNull("getCapture", { params: { id: binId, rid: id } }, { signal });
}

export const bodyUrl = (binId: string, id: string) => apiUrl("getCaptureBody", { params: { id: binId, rid: id }, query: { download: "" } });

/** The body with its Content-Encoding undone by the server; a refusal (too large, corrupt) keeps the API's code and message. */
export async function fetchDecodedBody(binId: string, id: string, signal?: AbortSignal): Promise<{ ok: true; body: EncodedBody } | { ok: false; error: string; message: string }> {
  try {
    const res = await apiFetch("getCaptureBody", { params: { id: binId, rid: id }, query: { decode: "true" } }, { signal });
    return { ok: true, body: toEncodedBody(new Uint8Array(await res.arrayBuffer())) };
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    return { ok: false, error: error.code, message: error.message };
  }
}

export const deleteCapture = (binId: string, id: string) => api("deleteCapture", { params: { id: binId, rid: id } });

export const clearBin = (binId: string) => api("clearBin", { params: { id: binId } });

/** Sets (or with null, removes) the bin's auto-forward target. */
export function saveForward(binId: string, forward: Forward | null): Promise<void> {
  return forward ? api("setForward", { params: { id: binId }, body: forward }) : api("deleteForward", { params: { id: binId } });
}

/** "Retry now" on a capture's waiting forward retry. */
export const retryForwardNow = (binId: string, id: string) => api("retryForward", { params: { id: binId, rid: id } });

/** "Give up" on a capture's waiting forward retry. */
export const giveUpForward = (binId: string, id: string) => api("giveUpForward", { params: { id: binId, rid: id } });
