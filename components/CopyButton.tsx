"use client";

import { useState } from "react";
import { copyText } from "./clipboard.ts";

/** A button that copies `text` (or what `getText` returns at click time) and says so. */
export function CopyButton({
  text,
  getText,
  label = "Copy",
  className = "",
  testId,
}: {
  text?: string;
  getText?: () => string;
  label?: string;
  className?: string;
  testId?: string;
}) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await copyText(getText ? getText() : (text ?? ""));
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
    setTimeout(() => setStatus("idle"), 1500);
  }
  return (
    <button
      type="button"
      onClick={copy}
      data-testid={testId}
      className={`shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium whitespace-nowrap hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800 ${className}`}
    >
      {status === "copied" ? "Copied ✓" : status === "failed" ? "Copy failed" : label}
    </button>
  );
}
