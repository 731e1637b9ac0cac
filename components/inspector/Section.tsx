import type { ReactNode } from "react";

/** A titled block of the detail pane, with room for actions on the right of its title. */
export function Section({ title, actions, children, testId }: { title: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="border-b border-slate-200 px-5 py-4 dark:border-slate-800" data-testid={testId}>
      <div className="mb-2 flex items-center justify-between gap-3">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h3>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
