const COLORS: Record<string, string> = {
  GET: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
  POST: "bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200",
  PUT: "bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200",
  PATCH: "bg-violet-100 text-violet-800 dark:bg-violet-900/60 dark:text-violet-200",
  DELETE: "bg-rose-100 text-rose-800 dark:bg-rose-900/60 dark:text-rose-200",
  HEAD: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  OPTIONS: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};
const OTHER = "bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-900/60 dark:text-fuchsia-200";

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-16 shrink-0 truncate rounded px-1.5 py-0.5 text-center font-mono text-[11px] font-bold ${COLORS[method] ?? OTHER}`}
      title={method}
    >
      {method}
    </span>
  );
}
