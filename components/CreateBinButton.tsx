"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function CreateBinButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    const res = await fetch("/api/bins", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const body = await res.json();
    if (!res.ok) {
      setBusy(false);
      setError(body.message ?? "Could not create a bin.");
      return;
    }
    router.push(`/bins/${body.id}`);
  }

  return (
    <div className="flex flex-col items-center gap-3">
      <button
        type="button"
        onClick={create}
        disabled={busy}
        className="rounded-lg bg-indigo-600 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-indigo-500 disabled:opacity-60"
      >
        {busy ? "Creating…" : "Create bin"}
      </button>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
