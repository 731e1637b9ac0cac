"use client";

import { useState } from "react";
import { formatJson, switchBodyMode, type BodyDraft } from "@/components/resend/draft.ts";

const tab = (active: boolean) =>
  `rounded px-2 py-0.5 text-xs font-medium ${active ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-600 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-800"}`;

export function BodyEditor({ body, onChange }: { body: BodyDraft; onChange: (body: BodyDraft) => void }) {
  const [problem, setProblem] = useState<string | null>(null);

  function setMode(mode: BodyDraft["mode"]) {
    const switched = switchBodyMode(body, mode);
    setProblem(switched.ok ? null : switched.error);
    if (switched.ok) onChange(switched.body);
  }

  function format() {
    const formatted = formatJson(body.data);
    setProblem(formatted.ok ? null : formatted.error);
    if (formatted.ok) onChange({ ...body, data: formatted.text });
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Body</span>
        <button type="button" className={tab(body.mode === "text")} onClick={() => setMode("text")}>Text</button>
        <button type="button" className={tab(body.mode === "base64")} onClick={() => setMode("base64")}>Base64</button>
        {body.mode === "text" && (
          <button type="button" className="ml-auto text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400" onClick={format}>
            Format JSON
          </button>
        )}
      </div>
      <textarea
        aria-label="Request body"
        spellCheck={false}
        value={body.data}
        onChange={(e) => {
          setProblem(null);
          onChange({ ...body, data: e.target.value });
        }}
        className="h-48 w-full resize-y rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      />
      {problem && <p role="alert" className="text-xs text-red-600">{problem}</p>}
    </div>
  );
}
