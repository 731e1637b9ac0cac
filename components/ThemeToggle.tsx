"use client";

import { useEffect, useState } from "react";
import { THEME_KEY as KEY, type Theme } from "./theme.ts";

const NEXT: Record<Theme, Theme> = { system: "dark", dark: "light", light: "system" };
const LABEL: Record<Theme, [string, string]> = { system: ["◐", "System"], dark: ["☾", "Dark"], light: ["☀", "Light"] };

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

/** Follows the system colour scheme until the user picks light or dark. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");

  useEffect(() => {
    const stored = localStorage.getItem(KEY);
    if (stored === "light" || stored === "dark") setTheme(stored);
  }, []);

  useEffect(() => {
    apply(theme);
    if (theme !== "system") return;
    const query = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => apply("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [theme]);

  function cycle() {
    const next = NEXT[theme];
    if (next === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={cycle}
      data-testid="theme-toggle"
      data-theme={theme}
      title="Colour scheme: system, dark or light"
      aria-label={`Colour scheme: ${LABEL[theme][1]}`}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">{LABEL[theme][0]}</span>
      {/* On a phone the symbol alone, to keep the bar short. */}
      <span aria-hidden="true" className="hidden sm:inline"> {LABEL[theme][1]}</span>
    </button>
  );
}
