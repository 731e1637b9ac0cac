"use client";

import { NAME_MAX } from "@/lib/schemas/common.ts";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiRequestError } from "@/components/api/client.ts";
import type { CreatedBin } from "@/lib/schemas/bin.ts";
import { keepManageKey } from "./bins/manageKeys.ts";
import { rememberBin } from "./recentBins.ts";

/** Creates a bin (optionally named, optionally private) and opens its inspector. */
export function CreateBinForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    let body: CreatedBin;
    try {
      body = await api("createBin", { params: {}, body: { ...(name.trim() ? { name: name.trim() } : {}), private: isPrivate } });
    } catch (e) {
      setBusy(false);
      setError(e instanceof ApiRequestError ? e.message : "Could not create a bin: the server did not answer.");
      return;
    }
    const inspect = body.viewToken ? `/bins/${body.id}?token=${encodeURIComponent(body.viewToken)}` : `/bins/${body.id}`;
    // The key is kept by this browser only: it never goes in a URL the server sees.
    keepManageKey(body.id, body.manageKey);
    rememberBin({ id: body.id, name: body.name, href: inspect, createdAt: body.createdAt, ...(body.viewToken ? { token: body.viewToken } : {}) });
    router.push(inspect);
  }

  return (
    <form onSubmit={create} className="flex w-full max-w-md flex-col items-center gap-3">
      <input
        aria-label="Bin name (optional)"
        placeholder="Name it (optional): Stripe staging, GitHub app…"
        maxLength={NAME_MAX}
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
      />
      <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
        Private: only people with the link can watch it
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-indigo-600 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-indigo-500 disabled:opacity-60"
      >
        {busy ? "Creating…" : "Create bin"}
      </button>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </form>
  );
}
