"use client";

import { useEffect, useState } from "react";
import { alertsOn, setAlerts } from "./alerts.ts";

const BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** Turns alerts for captures arriving in a hidden tab on and off (notification permission is asked here). */
export function NotifyToggle() {
  const [on, setOn] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setOn(alertsOn()), []);
  async function toggle() {
    const next = !on;
    setOn(next);
    const permission = await setAlerts(next);
    setNote(next && permission === "denied" ? "Notifications are blocked for this site: only the sound plays." : null);
  }
  return (
    <>
      <button type="button" onClick={() => void toggle()} aria-pressed={on} className={BUTTON} data-testid="alerts-toggle" title="Notify and beep when captures arrive while this tab is hidden">
        {on ? "Alerts on" : "Alerts off"}
      </button>
      {note && <span role="status" className="text-xs text-amber-700 dark:text-amber-400">{note}</span>}
    </>
  );
}
