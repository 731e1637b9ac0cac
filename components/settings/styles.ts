/** Looks shared by the settings panel's controls. */
export const INPUT = "w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-900";
export const BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap enabled:hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:enabled:hover:bg-slate-800";
export const PRIMARY = "rounded-md bg-indigo-600 px-3 py-1 text-xs font-semibold text-white enabled:hover:bg-indigo-500 disabled:opacity-60";
export const DANGER = "rounded-md bg-rose-600 px-3 py-1 text-xs font-semibold text-white enabled:hover:bg-rose-700 disabled:opacity-40";
export const LABEL = "flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400";
