"use client";

import { useState } from "react";
import { reopenWithToken, setPrivacy } from "./api.ts";
import { BUTTON } from "./styles.ts";

/** Private ⇄ public. Either way every earlier link with a token stops working, and watchers subscribe again. */
export function PrivacySwitch({ binId, isPrivate }: { binId: string; isPrivate: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (makePrivate: boolean) => {
    setBusy(true);
    setError(null);
    setPrivacy(binId, makePrivate).then(
      (answer) => reopenWithToken(binId, answer.viewToken),
      (e: Error) => {
        setError(e.message);
        setBusy(false);
      },
    );
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {isPrivate ? (
        <>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => change(true)} data-testid="settings-new-token">
            New share link (the old one stops working)
          </button>
          <button type="button" className={BUTTON} disabled={busy} onClick={() => change(false)} data-testid="settings-make-public">
            Make public
          </button>
        </>
      ) : (
        <button type="button" className={BUTTON} disabled={busy} onClick={() => change(true)} data-testid="settings-make-private">
          Make private (watchers then need the share link)
        </button>
      )}
      {error && <p role="alert" className="text-rose-700 dark:text-rose-400">{error}</p>}
    </div>
  );
}
