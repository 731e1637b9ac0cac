"use client";

import { useState, type ReactNode } from "react";
import type { JsonNode } from "@/components/inspector/jsontree.ts";

// Open at first: the top levels, and any small node; big deep ones start folded.
const OPEN_DEPTH = 3;
const OPEN_SIZE = 20;
// A big array or object shows its members in pages: 10,000 items at once would freeze the page.
export const JSON_PAGE = 100;

/** A foldable JSON tree; numbers are shown exactly as written, duplicate keys as they came. */
export function JsonView({ root }: { root: JsonNode }) {
  return (
    <div className="overflow-x-auto font-mono text-[13px] leading-5" data-testid="json-view">
      <JsonValue node={root} depth={0} label={null} last />
    </div>
  );
}

function JsonValue({ node, depth, label, last }: { node: JsonNode; depth: number; label: ReactNode; last: boolean }) {
  const comma = last ? "" : ",";
  if (node.type !== "object" && node.type !== "array") {
    return (
      <div className="break-all whitespace-pre-wrap" style={{ paddingLeft: depth ? 16 : 0 }}>
        {label}
        <Scalar node={node} />
        {comma}
      </div>
    );
  }
  return <JsonBranch node={node} depth={depth} label={label} comma={comma} />;
}

function JsonBranch({
  node,
  depth,
  label,
  comma,
}: {
  node: Extract<JsonNode, { type: "object" | "array" }>;
  depth: number;
  label: ReactNode;
  comma: string;
}) {
  const size = node.type === "object" ? node.entries.length : node.items.length;
  const [open, setOpen] = useState((depth < OPEN_DEPTH && size < 500) || size <= OPEN_SIZE);
  const [shown, setShown] = useState(JSON_PAGE);
  const [start, end] = node.type === "object" ? ["{", "}"] : ["[", "]"];
  if (size === 0) {
    return (
      <div style={{ paddingLeft: depth ? 16 : 0 }}>
        {label}
        {start}
        {end}
        {comma}
      </div>
    );
  }
  const toggle = (
    <button
      type="button"
      onClick={() => setOpen(!open)}
      aria-expanded={open}
      className="-ml-4 w-4 text-slate-400 hover:text-slate-700 dark:hover:text-slate-200"
    >
      {open ? "▾" : "▸"}
    </button>
  );
  if (!open) {
    return (
      <div style={depth ? { paddingLeft: 16 } : undefined} className={depth ? "" : "pl-4"}>
        {toggle}
        {label}
        <button type="button" onClick={() => setOpen(true)} className="rounded bg-slate-100 px-1 text-slate-500 dark:text-slate-400 dark:bg-slate-800">
          {start}…{end} {size} {node.type === "object" ? (size === 1 ? "key" : "keys") : size === 1 ? "item" : "items"}
        </button>
        {comma}
      </div>
    );
  }
  return (
    <div style={depth ? { paddingLeft: 16 } : undefined} className={depth ? "" : "pl-4"}>
      <div>
        {toggle}
        {label}
        {start}
      </div>
      {node.type === "object"
        ? node.entries.slice(0, shown).map(([key, child], i) => (
            <JsonValue
              key={i}
              node={child}
              depth={depth + 1}
              label={<span className="text-sky-700 dark:text-sky-300">{JSON.stringify(key)}: </span>}
              last={i === size - 1}
            />
          ))
        : node.items.slice(0, shown).map((child, i) => <JsonValue key={i} node={child} depth={depth + 1} label={null} last={i === size - 1} />)}
      {size > shown && (
        <div style={{ paddingLeft: 16 }}>
          <button
            type="button"
            onClick={() => setShown(shown + JSON_PAGE * 5)}
            className="rounded bg-slate-100 px-1.5 text-indigo-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-indigo-300 dark:hover:bg-slate-700"
            data-testid="json-more"
          >
            Show {Math.min(JSON_PAGE * 5, size - shown).toLocaleString("en")} more ({(size - shown).toLocaleString("en")} of {size.toLocaleString("en")}{" "}
            {node.type === "object" ? "keys" : "items"} hidden)
          </button>
        </div>
      )}
      <div>
        {end}
        {comma}
      </div>
    </div>
  );
}

function Scalar({ node }: { node: Exclude<JsonNode, { type: "object" | "array" }> }) {
  switch (node.type) {
    case "string":
      return <span className="text-emerald-700 dark:text-emerald-300">{JSON.stringify(node.value)}</span>;
    case "number":
      return <span className="text-amber-700 dark:text-amber-300">{node.raw}</span>;
    case "boolean":
      return <span className="text-fuchsia-700 dark:text-fuchsia-300">{String(node.value)}</span>;
    case "null":
      return <span className="text-fuchsia-700 dark:text-fuchsia-300">null</span>;
  }
}
