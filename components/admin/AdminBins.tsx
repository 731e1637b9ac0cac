"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/api/client.ts";
import { KeyReveal } from "@/components/bins/KeyReveal.tsx";
import { Modal } from "@/components/Modal.tsx";
import { useNow } from "@/components/inspector/useNow.ts";
import { BUTTON, DANGER, INPUT, LABEL, PRIMARY } from "@/components/settings/styles.ts";
import { timeAgo } from "@/components/time.ts";
import type { AdminBinList } from "@/lib/schemas/bin.ts";

type AdminBin = AdminBinList["items"][number];

// Kept for this tab only: the admin token opens every bin, so it does not outlive the session.
const STORE = "hookjar:admin-token";

const message = (e: unknown) => (e instanceof ApiRequestError ? e.message : "The server could not be reached.");

/** Asks for the admin token, then lists every bin with what the operator may do to it. */
export function AdminBins() {
  const [token, setToken] = useState<string | null>(null);
  const [bins, setBins] = useState<AdminBin[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (candidate: string) => {
    setError(null);
    try {
      setBins((await api("listAllBins", { params: {} }, { token: candidate })).items);
      sessionStorage.setItem(STORE, candidate);
      setToken(candidate);
    } catch (e) {
      setError(e instanceof ApiRequestError && e.status === 401 ? "That is not this server's admin token (or ADMIN_TOKEN is not set)." : message(e));
      sessionStorage.removeItem(STORE);
      setToken(null);
    }
  }, []);
  useEffect(() => {
    const kept = sessionStorage.getItem(STORE);
    if (kept) void load(kept);
  }, [load]);

  if (!token) return <TokenForm onSubmit={load} error={error} />;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
        <span className="mr-auto">{bins ? `${bins.length.toLocaleString("en")} ${bins.length === 1 ? "bin" : "bins"}, newest first.` : "Loading…"}</span>
        <button type="button" className={BUTTON} onClick={() => void load(token)}>
          Reload
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={() => {
            sessionStorage.removeItem(STORE);
            setToken(null);
            setBins(null);
          }}
          data-testid="admin-forget"
        >
          Forget the token
        </button>
      </div>
      {error && <p role="alert" className="text-sm text-rose-600">{error}</p>}
      {bins && <BinTable bins={bins} token={token} onChanged={() => void load(token)} />}
    </div>
  );
}

function TokenForm({ onSubmit, error }: { onSubmit: (token: string) => void; error: string | null }) {
  const [typed, setTyped] = useState("");
  return (
    <form
      className="flex max-w-md flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed.trim()) onSubmit(typed.trim());
      }}
    >
      <label className={LABEL}>
        Admin token (the server&apos;s ADMIN_TOKEN; kept in this tab until it closes)
        <input type="password" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" className={`${INPUT} text-sm`} data-testid="admin-token" />
      </label>
      <button type="submit" className={`${PRIMARY} self-start`} data-testid="admin-open">
        Show all bins
      </button>
      {error && <p role="alert" className="text-sm text-rose-600">{error}</p>}
    </form>
  );
}

function BinTable({ bins, token, onChanged }: { bins: AdminBin[]; token: string; onChanged: () => void }) {
  const now = useNow();
  const [deleting, setDeleting] = useState<AdminBin | null>(null);
  const [issued, setIssued] = useState<{ binId: string; manageKey: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function resetKey(bin: AdminBin) {
    setError(null);
    try {
      const { manageKey } = await api("rotateManageKey", { params: { id: bin.id } }, { token });
      setIssued({ binId: bin.id, manageKey });
      onChanged();
    } catch (e) {
      setError(message(e));
    }
  }
  return (
    <>
      {error && <p role="alert" className="text-sm text-rose-600">{error}</p>}
      {issued && (
        <div className="flex flex-col gap-1">
          <p className="text-sm">New key for <code className="font-mono">{issued.binId}</code>: give it to the bin&apos;s owner; the old one no longer works.</p>
          <KeyReveal binId={issued.binId} manageKey={issued.manageKey} />
        </div>
      )}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm dark:bg-slate-900">
        <table className="w-full text-left text-sm" data-testid="admin-bins">
          <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th className="px-3 py-2 font-medium">Bin</th>
              <th className="px-3 py-2 font-medium">Captures</th>
              <th className="px-3 py-2 font-medium">Last capture</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {bins.map((bin) => (
              <tr key={bin.id} data-testid="admin-bin" data-id={bin.id}>
                <td className="max-w-[18rem] px-3 py-2">
                  <Link href={`/bins/${bin.id}`} className="block truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {bin.name ?? <span className="font-mono text-xs">{bin.id}</span>}
                  </Link>
                  <span className="flex flex-wrap gap-1 text-xs">
                    {bin.private && <span className="rounded bg-amber-100 px-1.5 font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">Private</span>}
                    {!bin.managed && <span className="rounded bg-rose-100 px-1.5 font-semibold text-rose-900 dark:bg-rose-900 dark:text-rose-100">No key: open to changes</span>}
                  </span>
                </td>
                <td className="px-3 py-2 tabular-nums" data-testid="admin-bin-count">{bin.requestCount.toLocaleString("en")}</td>
                <td className="px-3 py-2 whitespace-nowrap">{bin.lastCaptureAt ? <time dateTime={bin.lastCaptureAt} title={bin.lastCaptureAt}>{timeAgo(bin.lastCaptureAt, now)}</time> : "none"}</td>
                <td className="px-3 py-2 whitespace-nowrap"><time dateTime={bin.createdAt} title={bin.createdAt}>{timeAgo(bin.createdAt, now)}</time></td>
                <td className="px-3 py-2">
                  <span className="flex justify-end gap-2">
                    <button type="button" className={BUTTON} onClick={() => void resetKey(bin)} data-testid="admin-reset-key" aria-label={`Reset key of ${bin.name ?? bin.id}`}>
                      Reset key
                    </button>
                    <button type="button" className={`${BUTTON} text-rose-700 dark:text-rose-400`} onClick={() => setDeleting(bin)} data-testid="admin-delete" aria-label={`Delete ${bin.name ?? bin.id}`}>
                      Delete
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deleting && <ConfirmDelete bin={deleting} token={token} onClose={() => setDeleting(null)} onDeleted={() => { setDeleting(null); onChanged(); }} />}
    </>
  );
}

function ConfirmDelete({ bin, token, onClose, onDeleted }: { bin: AdminBin; token: string; onClose: () => void; onDeleted: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal label="Delete this bin" onClose={onClose} testId="admin-delete-dialog" className="mx-auto mt-24 w-[min(26rem,calc(100%-2rem))] rounded-lg">
      <div className="flex flex-col gap-3 p-4 text-sm">
        <h2 className="text-base font-semibold">Delete {bin.name ?? "this bin"}?</h2>
        <p>
          The bin <code className="font-mono break-all">{bin.id}</code> and its {bin.requestCount.toLocaleString("en")} {bin.requestCount === 1 ? "capture" : "captures"} are deleted for good.
        </p>
        {error && <p role="alert" className="text-xs text-rose-600">{error}</p>}
        <div className="flex justify-end gap-2">
          <button type="button" className={BUTTON} onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={DANGER}
            disabled={busy}
            data-testid="admin-delete-confirm"
            onClick={async () => {
              setBusy(true);
              try {
                await api("deleteBin", { params: { id: bin.id } }, { token });
                onDeleted();
              } catch (e) {
                setError(message(e));
                setBusy(false);
              }
            }}
          >
            Delete bin
          </button>
        </div>
      </div>
    </Modal>
  );
}
