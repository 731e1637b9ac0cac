"use client";

import { useEffect, useState } from "react";

/** An image body, from its own bytes (a blob URL; an SVG in <img> cannot run scripts). */
export function ImageView({ bytes, type }: { bytes: Uint8Array; type: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [size, setSize] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, type]);
  if (broken) return <p className="text-sm text-slate-500 dark:text-slate-400">This {type} body does not decode as an image; see the Hex tab.</p>;
  return (
    <figure className="flex flex-col items-start gap-2">
      {url && (
        <img
          src={url}
          alt="Captured image body"
          data-testid="image-view"
          onLoad={(e) => setSize(`${e.currentTarget.naturalWidth} × ${e.currentTarget.naturalHeight}`)}
          onError={() => setBroken(true)}
          className="max-h-96 max-w-full rounded border border-slate-200 bg-[repeating-conic-gradient(#e2e8f0_0%_25%,transparent_0%_50%)] bg-[length:16px_16px] dark:border-slate-700"
        />
      )}
      {size && <figcaption className="text-xs text-slate-500 dark:text-slate-400">{type} · {size} px</figcaption>}
    </figure>
  );
}
