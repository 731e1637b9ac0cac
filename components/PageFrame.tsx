import type { ReactNode } from "react";
import { HomeLink } from "@/components/HomeLink.tsx";
import { ThemeToggle } from "@/components/ThemeToggle.tsx";

/** A page outside the inspector: the app's bar (home link, theme) above a centred column with its heading. */
export function PageFrame({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-950">
        <HomeLink />
        <span className="ml-auto">
          <ThemeToggle />
        </span>
      </header>
      <main className={`mx-auto flex ${wide ? "max-w-5xl" : "max-w-2xl"} flex-col gap-6 px-4 py-8`}>
        <h1 className="text-2xl font-bold">{title}</h1>
        {children}
      </main>
    </div>
  );
}
