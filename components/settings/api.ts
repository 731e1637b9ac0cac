import { api, apiUrl, filterQuery } from "@/components/api/client.ts";
import type { BinDetail, BinPrivacyAnswer, BinSettings, CustomResponse } from "@/lib/schemas/bin.ts";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";

/** The settings panel's calls to the REST API, through the typed client; errors carry the API's message. */

export const fetchBinDetail = (binId: string): Promise<BinDetail> => api("getBin", { params: { id: binId } });

/** An empty name removes it. */
export function renameBin(binId: string, name: string): Promise<void> {
  return api("importSettings", { params: { id: binId }, body: { name: name.trim() || null } });
}

/**
 * Sets (or with null, clears) what senders get back. The form's fields are sent as typed, valid or
 * not: the API validates them, and its message says what is wrong.
 */
export function saveResponse(binId: string, response: unknown): Promise<void> {
  if (!response) return api("clearCustomResponse", { params: { id: binId } });
  return api("setCustomResponse", { params: { id: binId }, body: response as CustomResponse });
}

/** Makes the bin private (answering its new view token) or public. */
export const setPrivacy = (binId: string, makePrivate: boolean): Promise<BinPrivacyAnswer> =>
  api("setPrivacy", { params: { id: binId }, body: { private: makePrivate } });

/** Opens the bin's inspector with its new token, which the page keeps (proxy.ts) from then on. */
export function reopenWithToken(binId: string, viewToken: string | undefined): void {
  const query = new URLSearchParams({ ...(viewToken ? { token: viewToken } : {}), [REOPEN_SETTINGS]: "open" });
  location.assign(`/bins/${encodeURIComponent(binId)}?${query}`);
}

/** A query parameter that opens the settings panel on load: the page comes back to it after a privacy change. */
export const REOPEN_SETTINGS = "settings";

export const deleteBin = (binId: string): Promise<void> => api("deleteBin", { params: { id: binId } });

/** The export's address: the whole bin, or only what `filter` matches (the list's own filters). */
export const exportUrl = (binId: string, format: "har" | "json", filter: CaptureFilter = {}): string =>
  apiUrl("exportBin", { params: { id: binId }, query: { format, ...filterQuery(filter) } });

export const settingsUrl = (binId: string) => apiUrl("exportSettings", { params: { id: binId } });

/**
 * Applies a settings document (as exported from a bin) as it is: the API validates it whole before
 * changing anything, and its answer says what is wrong.
 */
export async function importSettings(binId: string, document: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new Error("The file is not valid JSON.");
  }
  await api("importSettings", { params: { id: binId }, body: parsed as BinSettings });
}
