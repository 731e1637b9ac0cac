"use client";

import { useEffect, useRef, useState } from "react";
import { Modal } from "@/components/Modal.tsx";
import { api, ApiRequestError } from "@/components/api/client.ts";
import { targetKey } from "@/components/resend/ResendEditor.tsx";
import { ResignOption } from "@/components/resend/ResignOption.tsx";
import type { LiveSocket } from "@/components/inspector/useLiveBin.ts";
import type { CaptureFilter, CaptureSummary } from "@/lib/schemas/capture.ts";
import type { ReplayRequest, ReplayView } from "@/lib/schemas/replay.ts";
import type { Sign } from "@/lib/schemas/signature.ts";

const FIELD = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

type Props = {
  binId: string;
  /** The picked captures, or every capture the filter matches. */
  selection: { captureIds: string[] } | { filter: CaptureFilter };
  count: number | null;
  /** The loaded captures, to name each result and check its sha256 against the capture's. */
  known: ReadonlyMap<string, CaptureSummary>;
  socket: LiveSocket | null;
  onClose: () => void;
};

/**
 * "Replay…": sends the selection to a URL with its original timing (or none), then follows the
 * replay live — a progress bar from `replay:progress`, the results table from GET /api/replays/{id}.
 */
export function ReplayDialog({ binId, selection, count, known, socket, onClose }: Props) {
  const [url, setUrl] = useState(() => localStorage.getItem(targetKey(binId)) ?? "");
  const [timing, setTiming] = useState<"original" | "none">("original");
  const [speed, setSpeed] = useState("1");
  const [sign, setSign] = useState<Sign | null>(null);
  const [replay, setReplay] = useState<ReplayView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const replayId = useRef<string | null>(null);

  // Each event of this replay refreshes the results: the event has the counts, the API each send.
  useEffect(() => {
    if (!socket) return;
    const refresh = (event: { replayId: string }) => {
      if (event.replayId !== replayId.current) return;
      void api("getReplay", { params: { replayId: event.replayId } }).then((r) => {
        if (r.id === replayId.current) setReplay(r);
      }, () => {});
    };
    socket.on("replay:progress", refresh);
    socket.on("replay:done", refresh);
    return () => {
      socket.off("replay:progress", refresh);
      socket.off("replay:done", refresh);
    };
  }, [socket]);

  async function start(event?: React.FormEvent) {
    event?.preventDefault();
    setError(null);
    setStarting(true);
    localStorage.setItem(targetKey(binId), url);
    try {
      const body = { url, ...selection, timing, speed: Number(speed), ...(sign && { sign }) };
      const started = await api("startReplay", { params: { id: binId }, body: body as ReplayRequest });
      replayId.current = started.id;
      // Sends may have ended before the socket heard of the replay: start from what the API has.
      setReplay(await api("getReplay", { params: { replayId: started.id } }));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : "Hookjar's server could not be reached.");
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (replay) await api("cancelReplay", { params: { replayId: replay.id } }, { binId }).catch(() => {});
  }

  const running = replay?.state === "running";
  const what = "captureIds" in selection ? selection.captureIds.length : count;
  return (
    <Modal label="Replay captures" onClose={onClose} className="mx-auto mt-[5vh] max-h-[90dvh] w-[min(44rem,100%)] overflow-y-auto rounded-lg" testId="replay-dialog">
      <form onSubmit={start} noValidate className="flex flex-col gap-3 p-4 sm:p-5">
        <header className="flex items-center justify-between gap-2">
          <h2 className="text-lg font-semibold">
            Replay {what === null ? "the matching captures" : `${what} ${what === 1 ? "capture" : "captures"}`}
          </h2>
          <button type="button" onClick={onClose} aria-label="Close" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            ✕
          </button>
        </header>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Oldest first, each as auto-forward sends it: sub-path and query appended to the URL, headers and body bytes as received.
        </p>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Target URL
          <input
            type="url"
            required
            data-autofocus
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="http://localhost:8080/webhooks"
            className={`${FIELD} font-mono`}
            data-testid="replay-url"
          />
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Timing
            <select value={timing} onChange={(e) => setTiming(e.target.value as "original" | "none")} className={FIELD} data-testid="replay-timing">
              <option value="original">Original gaps</option>
              <option value="none">None: one after another</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Speed
            <input
              type="number"
              min={0.1}
              max={100}
              step={0.1}
              value={speed}
              disabled={timing === "none"}
              onChange={(e) => setSpeed(e.target.value)}
              className={`${FIELD} w-24`}
              aria-describedby="replay-speed-hint"
              data-testid="replay-speed"
            />
          </label>
          <span id="replay-speed-hint" className="pb-2 text-xs text-slate-600 dark:text-slate-400">
            {timing === "original" ? "2 = twice as fast, 0.5 = half as fast" : "each waits for the answer before it"}
          </span>
        </div>
        <ResignOption binId={binId} headers={[]} onChange={setSign} signed={null} />
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" disabled={starting || running} className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60" data-testid="replay-start">
            {replay ? "Replay again" : "Replay"}
          </button>
          {running && (
            <button type="button" onClick={cancel} className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800" data-testid="replay-cancel">
              Cancel
            </button>
          )}
        </div>
        {error && (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-400" data-testid="replay-error">
            {error}
          </p>
        )}
        {replay && <ReplayProgress replay={replay} known={known} />}
      </form>
    </Modal>
  );
}

function ReplayProgress({ replay, known }: { replay: ReplayView; known: ReadonlyMap<string, CaptureSummary> }) {
  const state = replay.state === "running" ? "Running" : replay.state === "done" ? "Done" : replay.state === "cancelled" ? "Cancelled" : "Interrupted";
  return (
    <section aria-label="Replay progress" className="flex flex-col gap-2">
      <div className="flex items-center justify-between text-sm">
        <span data-testid="replay-state">{state}</span>
        <span data-testid="replay-count">
          {replay.sent}/{replay.total}
          {replay.failed > 0 && <span className="text-rose-700 dark:text-rose-400"> · {replay.failed} failed</span>}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Sends ended"
        aria-valuemin={0}
        aria-valuemax={replay.total}
        aria-valuenow={replay.sent}
        className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
        data-testid="replay-progress"
      >
        <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${replay.total ? (100 * replay.sent) / replay.total : 100}%` }} />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="replay-results">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">Capture</th>
              <th scope="col" className="py-1 pr-2 font-medium">Status</th>
              <th scope="col" className="py-1 pr-2 font-medium">Duration</th>
              <th scope="col" className="py-1 font-medium">Sent sha256</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {replay.results.map((r) => {
              const capture = known.get(r.captureId);
              const same = capture && r.sentSha256 === capture.bodySha256;
              return (
                <tr key={r.captureId} data-testid="replay-result">
                  <td className="max-w-48 truncate py-1 pr-2 font-mono" title={r.captureId}>
                    {capture ? `${capture.method} ${capture.path}${capture.query ? `?${capture.query}` : ""}` : r.captureId}
                  </td>
                  <td className="py-1 pr-2">
                    {r.startedMs === null ? (
                      <span className="text-slate-500">waiting</span>
                    ) : (
                      <span className={`font-mono font-bold ${r.status !== null && r.status < 300 ? "text-emerald-800 dark:text-emerald-300" : "text-rose-700 dark:text-rose-400"}`} title={r.error ?? undefined}>
                        {r.status ?? "fail"}
                      </span>
                    )}
                  </td>
                  <td className="py-1 pr-2">{r.durationMs === null ? "" : `${r.durationMs} ms`}</td>
                  <td className="py-1 font-mono" title={r.sentSha256 ?? undefined}>
                    {r.sentSha256 && (
                      <>
                        {r.sentSha256.slice(0, 12)}
                        {same && <span className="ml-1 text-emerald-700 dark:text-emerald-400" aria-label="same bytes as captured" data-testid="sha-match">✓</span>}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
