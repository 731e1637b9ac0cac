"use client";

import Link from "next/link";
import { useState } from "react";

/**
 * A private bin opened without its view token: a field to paste the token (or the whole share
 * link). The address with `?token=` stores it in a cookie and comes back here; a wrong one says so.
 */
export function PrivateBinNotice({ binId, wrongToken }: { binId: string; wrongToken: boolean }) {
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(wrongToken ? "That token does not open this bin. Check that you copied all of it." : null);

  function open(event: React.FormEvent) {
    event.preventDefault();
    const given = value.trim();
    // A pasted share link carries the token in its query.
    const token = URL.canParse(given) ? (new URL(given).searchParams.get("token") ?? "") : given;
    if (!token) return setProblem("Paste the view token, or the whole share link.");
    window.location.assign(`/bins/${encodeURIComponent(binId)}?token=${encodeURIComponent(token)}`);
  }

  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 px-6 py-16 text-center sm:py-24">
      <Link href="/" className="text-lg font-bold tracking-tight">
        Hookjar
      </Link>
      <h1 className="text-2xl font-bold">This bin is private</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Open it with the link that includes its view token (<code>?token=…</code>), handed out when the bin was created — or paste the
        token here.
      </p>
      <form onSubmit={open} className="flex flex-col gap-2 text-left" data-testid="token-form">
        <label htmlFor="view-token" className="text-sm font-medium">
          View token or share link
        </label>
        <div className="flex gap-2">
          <input
            id="view-token"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "token-problem" : undefined}
            className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <button type="submit" className="rounded-lg bg-indigo-600 px-4 py-2 font-semibold text-white hover:bg-indigo-500">
            Open
          </button>
        </div>
        {problem && (
          <p id="token-problem" role="alert" data-testid="token-problem" className="text-sm text-rose-700 dark:text-rose-400">
            {problem}
          </p>
        )}
      </form>
    </main>
  );
}
