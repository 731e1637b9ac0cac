import { formatBytes, utf8OrNull } from "@/lib/wire/bytes.ts";
import { mediaType, type MultipartPart } from "@/components/inspector/payload.ts";
import { HexView } from "./HexView.tsx";
import { ImageView } from "./ImageView.tsx";
import { PairsTable } from "./PairsTable.tsx";

/** The parts of a multipart body, each with its own headers and content. */
export function MultipartView({ parts }: { parts: MultipartPart[] }) {
  return (
    <ol className="flex flex-col gap-3" data-testid="multipart-view">
      {parts.map((part, i) => (
        <li key={i} className="rounded border border-slate-200 dark:border-slate-700">
          <div className="flex flex-wrap items-baseline gap-x-3 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
            <span className="font-mono font-semibold">{part.name ?? `part ${i + 1}`}</span>
            {part.filename !== null && <span className="font-mono text-slate-500 dark:text-slate-400">{part.filename}</span>}
            <span className="text-xs text-slate-500 dark:text-slate-400">{formatBytes(part.body.length)}</span>
          </div>
          <div className="flex flex-col gap-2 px-3 py-2">
            <PairsTable pairs={part.headers} />
            <PartBody part={part} />
          </div>
        </li>
      ))}
    </ol>
  );
}

function PartBody({ part }: { part: MultipartPart }) {
  if (part.body.length === 0) return null;
  const type = mediaType(part.contentType);
  if (type.startsWith("image/")) return <ImageView bytes={part.body} type={type} />;
  const text = utf8OrNull(part.body);
  if (text !== null) return <pre className="font-mono text-[13px] break-all whitespace-pre-wrap">{text}</pre>;
  return <HexView bytes={part.body} />;
}
