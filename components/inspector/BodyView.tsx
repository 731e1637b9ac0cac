"use client";

import { useMemo, useState, type ReactNode } from "react";
import { bodyBytes, formatBytes } from "@/lib/wire/bytes.ts";
import { parseJson } from "@/components/inspector/jsontree.ts";
import { bodyKind, formFieldJson, formatXml, mediaType, parseMultipart, parseUrlEncoded } from "@/components/inspector/payload.ts";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { HexView } from "./HexView.tsx";
import { HtmlPreview } from "./HtmlPreview.tsx";
import { ImageView } from "./ImageView.tsx";
import { JsonView } from "./JsonView.tsx";
import { MultipartView } from "./MultipartView.tsx";
import { PairsTable } from "./PairsTable.tsx";

type Tab = "pretty" | "raw" | "hex" | "preview";
const TAB_LABELS: Record<Tab, string> = { pretty: "Pretty", raw: "Raw", hex: "Hex", preview: "Preview" };

// Past this, raw text is shown in slices: a multi-megabyte text node makes the page sluggish.
const RAW_STEP = 256 * 1024;

/** The body as Pretty (by content type), Raw text, Hex, or a sandboxed Preview for HTML. */
export function BodyView({ capture, actions }: { capture: CaptureView; actions: ReactNode }) {
  const bytes = useMemo(() => bodyBytes(capture.body), [capture.body]);
  const text = capture.body.encoding === "utf8" ? capture.body.data : null;
  const kind = bodyKind(capture.contentType, bytes.length, text);
  const pretty = useMemo(() => prettyView(kind, bytes, text, capture.contentType), [kind, bytes, text, capture.contentType]);
  const tabs: Tab[] = [...(pretty ? ["pretty" as const] : []), ...(kind === "html" ? ["preview" as const] : []), "raw", "hex"];
  const [chosen, setChosen] = useState<Tab | null>(null);
  const tab = chosen && tabs.includes(chosen) ? chosen : pretty ? "pretty" : text === null ? "hex" : "raw";

  if (kind === "empty") return <p className="text-sm text-slate-500 dark:text-slate-400 italic" data-testid="body-empty">No body.</p>;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" className="flex rounded-md border border-slate-300 p-0.5 text-xs dark:border-slate-700">
          {tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              data-testid={`body-tab-${t}`}
              onClick={() => setChosen(t)}
              className={`rounded px-2.5 py-1 font-medium ${t === tab ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {TAB_LABELS[t]}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-2">
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {formatBytes(bytes.length)} · {kind}
          </span>
          {actions}
        </div>
      </div>
      <div data-testid="body-view" data-tab={tab}>
        {tab === "pretty" && pretty}
        {tab === "raw" && <RawText text={text ?? new TextDecoder().decode(bytes)} binary={text === null} />}
        {tab === "hex" && <HexView bytes={bytes} />}
        {tab === "preview" && text !== null && <HtmlPreview html={text} />}
      </div>
    </div>
  );
}

function prettyView(kind: string, bytes: Uint8Array, text: string | null, contentType: string | null): ReactNode {
  switch (kind) {
    case "json": {
      const parsed = parseJson(text!);
      if (parsed.ok) return <JsonView root={parsed.root} />;
      // Sent as JSON but not JSON: say where it breaks (a sniffed "JSON" just shows as text).
      if (!isJsonType(contentType)) return null;
      return (
        <div className="flex flex-col gap-2" data-testid="json-invalid">
          <p role="note" className="text-sm font-medium text-rose-700 dark:text-rose-400">
            Invalid JSON at line {parsed.line}, column {parsed.column}: {parsed.reason}.
          </p>
          <pre className="overflow-x-auto font-mono text-[13px] break-all whitespace-pre-wrap">{text!.length > RAW_STEP ? text!.slice(0, RAW_STEP) : text}</pre>
        </div>
      );
    }
    case "xml":
      return <pre className="overflow-x-auto font-mono text-[13px] whitespace-pre" data-testid="xml-view">{formatXml(text!)}</pre>;
    case "form":
      return <PairsTable pairs={parseUrlEncoded(text!)} testId="form-view" show={formFieldView} />;
    case "multipart": {
      const parts = parseMultipart(bytes, contentType);
      return parts && <MultipartView parts={parts} />;
    }
    case "image":
      return <ImageView bytes={bytes} type={mediaType(contentType)} />;
    default:
      return null;
  }
}

/** A form field holding JSON (Slack's `payload=`) as a tree, like a JSON body. */
function formFieldView(value: string): ReactNode {
  const root = formFieldJson(value);
  return root && <JsonView root={root} />;
}

function isJsonType(contentType: string | null): boolean {
  const type = mediaType(contentType);
  return type.endsWith("/json") || type.endsWith("+json");
}

function RawText({ text, binary }: { text: string; binary: boolean }) {
  const [shown, setShown] = useState(RAW_STEP);
  return (
    <div className="flex flex-col gap-2">
      {binary && <p className="text-xs text-amber-700 dark:text-amber-400">Not valid UTF-8: undecodable bytes show as �. The Hex tab has every byte.</p>}
      <pre className="overflow-x-auto font-mono text-[13px] break-all whitespace-pre-wrap" data-testid="raw-view">
        {text.length > shown ? text.slice(0, shown) : text}
      </pre>
      {text.length > shown && (
        <button type="button" onClick={() => setShown(shown + RAW_STEP * 4)} className="self-start text-xs text-indigo-600 underline dark:text-indigo-400">
          Show more ({formatBytes(text.length - shown)} of text left)
        </button>
      )}
    </div>
  );
}
