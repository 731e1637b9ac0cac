"use client";

import { useEffect, useState, type ReactNode } from "react";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { contentCodings } from "@/lib/wire/headers.ts";
import { fetchDecodedBody } from "./api.ts";
import { BodyView } from "./BodyView.tsx";

type Decoded = { status: "loading" } | { status: "ok"; capture: CaptureView } | { status: "refused"; error: string; message: string };

/**
 * A body sent with Content-Encoding (gzip, deflate, br) is shown decoded by the server, with a
 * switch back to the bytes as stored; a body the server will not decode says why and shows those.
 */
export function DecodedBodyView({ capture, actions }: { capture: CaptureView; actions: ReactNode }) {
  const codings = contentCodings(capture.headers);
  if (!codings || capture.bodySize === 0) return <BodyView capture={capture} actions={actions} />;
  return <Decodable capture={capture} codings={codings} actions={actions} />;
}

function Decodable({ capture, codings, actions }: { capture: CaptureView; codings: string[]; actions: ReactNode }) {
  const [decoded, setDecoded] = useState<Decoded>({ status: "loading" });
  const [raw, setRaw] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    fetchDecodedBody(capture.binId, capture.id, abort.signal).then(
      (result) => setDecoded(result.ok ? { status: "ok", capture: { ...capture, body: result.body } } : { status: "refused", ...result }),
      (error: Error) => !abort.signal.aborted && setDecoded({ status: "refused", error: "unreachable", message: error.message }),
    );
    return () => abort.abort();
  }, [capture]);

  const coding = codings.join(", ");
  const showDecoded = !raw && decoded.status === "ok";
  return (
    <div className="flex flex-col gap-3" data-testid="decoded-body" data-state={decoded.status} data-showing={showDecoded ? "decoded" : "raw"}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-slate-600 dark:text-slate-400">Sent {coding}-encoded:</span>
        <div role="group" aria-label="Body bytes" className="flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
          {([["decoded", false], ["as sent", true]] as const).map(([label, isRaw]) => (
            <button
              key={label}
              type="button"
              aria-pressed={raw === isRaw}
              disabled={!isRaw && decoded.status !== "ok"}
              onClick={() => setRaw(isRaw)}
              data-testid={`body-${isRaw ? "raw" : "decoded"}-toggle`}
              className={`rounded px-2.5 py-1 font-medium disabled:opacity-40 ${raw === isRaw ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-600 enabled:hover:bg-slate-100 dark:text-slate-300 dark:enabled:hover:bg-slate-800"}`}
            >
              {isRaw ? `As sent (${coding})` : "Decoded"}
            </button>
          ))}
        </div>
        {decoded.status === "loading" && <span className="text-slate-600 dark:text-slate-400">Decoding…</span>}
      </div>
      {decoded.status === "refused" && (
        <p role="note" data-testid="decode-refused" data-error={decoded.error} className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {decoded.message}
        </p>
      )}
      <BodyView capture={showDecoded && decoded.status === "ok" ? decoded.capture : capture} actions={actions} />
    </div>
  );
}
