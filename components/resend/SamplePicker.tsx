"use client";

import { useState } from "react";
import { api } from "@/components/api/client.ts";
import type { Sample } from "@/lib/schemas/sample.ts";

const FIELD = "rounded border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900";

/**
 * "Start from a sample": a provider's event (fresh ids and timestamps, fetched when picked) replaces
 * the draft; its scheme is what the re-sign option then signs with.
 */
export function SamplePicker({ onPick }: { onPick: (sample: Sample) => void }) {
  const [samples, setSamples] = useState<Sample[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = () => {
    if (samples) return;
    api("listSamples", { params: {} }).then((r) => setSamples(r.items), () => setFailed(true));
  };
  const providers = [...new Set((samples ?? []).map((s) => s.provider))];
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm font-medium">
      Start from a sample
      <select
        className={FIELD}
        value=""
        onFocus={load}
        onPointerDown={load}
        onChange={async (e) => {
          // Fetched again on pick: every sample sent carries its own delivery id and timestamp.
          const id = e.target.value;
          const fresh = await api("listSamples", { params: {} }).catch(() => null);
          const sample = fresh?.items.find((s) => s.id === id);
          if (sample) onPick(sample);
        }}
        data-testid="sample-picker"
      >
        <option value="">{failed ? "Samples could not be loaded" : samples ? "Choose an event…" : "Loading…"}</option>
        {providers.map((provider) => (
          <optgroup key={provider} label={provider}>
            {samples!.filter((s) => s.provider === provider).map((s) => (
              <option key={s.id} value={s.id}>
                {s.event} — {s.description}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
