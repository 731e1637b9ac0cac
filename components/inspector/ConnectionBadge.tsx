import type { Connection } from "./useLiveBin.ts";

const LOOK: Record<Connection | "paused", { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  live: { label: "Live", dot: "bg-emerald-500 animate-pulse" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500" },
  gone: { label: "Bin deleted", dot: "bg-rose-500" },
  denied: { label: "Access denied", dot: "bg-rose-500" },
  paused: { label: "Paused", dot: "bg-slate-400" },
};

export function ConnectionBadge({ connection, paused }: { connection: Connection; paused: boolean }) {
  const state = connection === "live" && paused ? "paused" : connection;
  const { label, dot } = LOOK[state];
  return (
    <span className="flex items-center gap-1.5 text-xs font-medium text-slate-600 dark:text-slate-300" data-testid="connection" data-state={state} role="status">
      <span className={`h-2 w-2 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
