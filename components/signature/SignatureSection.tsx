"use client";

import { useState } from "react";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { SCHEME_LABELS, type Scheme } from "@/lib/schemas/signature.ts";
import { Section } from "@/components/inspector/Section.tsx";
import { explain } from "./reasons.ts";
import { useSchemeVerification, type Verification } from "./verification.ts";

const BUTTON = "rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** The capture's webhook signature, checked with the bin's secret for its scheme; shown when the headers name one. */
export function SignatureSection({ capture }: { capture: CaptureView }) {
  const { scheme } = capture;
  return scheme && <SchemeSignature capture={capture} scheme={scheme} />;
}

function SchemeSignature({ capture, scheme }: { capture: CaptureView; scheme: Scheme }) {
  const { secret, setSecret, verification, unsorted } = useSchemeVerification(capture.binId, capture.id, scheme);
  const [editing, setEditing] = useState(false);
  const label = SCHEME_LABELS[scheme];
  return (
    <Section
      title={`Signature · ${label}`}
      testId="signature"
      actions={
        secret && !editing && (
          <>
            <button type="button" className={BUTTON} onClick={() => setEditing(true)}>Change {label} secret</button>
            <button type="button" className={BUTTON} onClick={() => setSecret(null)} data-testid="forget-secret">Forget {label} secret</button>
          </>
        )
      }
    >
      {secret && !editing ? (
        <Verdict verification={verification} />
      ) : unsorted === "trying" ? (
        <p className="text-[13px] text-slate-500">Checking…</p>
      ) : (
        <SecretForm
          label={label}
          misfit={unsorted === "misfit"}
          onSave={(s) => {
            setSecret(s);
            setEditing(false);
          }}
        />
      )}
    </Section>
  );
}

function SecretForm({ label, misfit, onSave }: { label: string; misfit: boolean; onSave: (secret: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <form
      className="flex flex-col gap-2 text-[13px]"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSave(value.trim());
      }}
    >
      <label htmlFor="signing-secret" className="text-slate-600 dark:text-slate-400">
        Paste this bin&apos;s {label} signing secret to check its {label} signatures. It stays in this browser; Hookjar never stores it.
        {misfit && ` The secret saved here earlier does not sign this ${label} capture.`}
      </label>
      <div className="flex gap-2">
        <input
          id="signing-secret"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          data-testid="secret-input"
        />
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1 text-xs font-semibold text-white hover:bg-indigo-500" data-testid="secret-save">
          Verify
        </button>
      </div>
    </form>
  );
}

function Verdict({ verification }: { verification: Verification | null }) {
  if (!verification) return <p className="text-[13px] text-slate-500">Checking…</p>;
  if (verification.status === "error") return <p role="alert" className="text-[13px] text-rose-600">Could not check: {verification.message}</p>;
  if (verification.status === "unsigned") return <p className="text-[13px] text-slate-500">No signature to check.</p>;
  const { result } = verification;
  const rows: [string, string | null][] = [
    ["Expected", result.expected],
    ["Received", result.received],
    ["Signed at", result.timestamp === null ? null : `${new Date(result.timestamp * 1000).toISOString()} (${Math.round(result.skewS ?? 0)} s before arrival)`],
  ];
  return (
    <div className="flex flex-col gap-2 text-[13px]" data-testid="signature-verdict" data-valid={result.valid}>
      <p className={`font-semibold ${result.valid ? "text-emerald-700 dark:text-emerald-400" : "text-rose-700 dark:text-rose-400"}`}>
        <span aria-hidden>{result.valid ? "✓ " : "✗ "}</span>
        {explain(result)}
      </p>
      {result.hint && <p data-testid="signature-hint">{result.hint}</p>}
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1">
        {rows.filter(([, v]) => v !== null).map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
            <dd className={`min-w-0 font-mono text-xs wrap-anywhere ${term !== "Signed at" && !result.valid && result.reason === "signature_mismatch" ? "text-rose-700 dark:text-rose-400" : ""}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
