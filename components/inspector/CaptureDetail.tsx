"use client";

import { CopyButton } from "@/components/CopyButton.tsx";
import { formatBytes } from "@/lib/wire/bytes.ts";
import { parseUrlEncoded } from "@/components/inspector/payload.ts";
import type { CaptureView } from "@/lib/schemas/capture.ts";
import { captureRequestUrl } from "@/components/inspector/snippets.ts";
import { localTimestamp, timeAgo } from "@/components/time.ts";
import type { Draft } from "@/components/resend/draft.ts";
import { AnsweredSection } from "./AnsweredSection.tsx";
import { SignatureSection } from "@/components/signature/SignatureSection.tsx";
import { AttemptList } from "./AttemptList.tsx";
import { DecodedBodyView } from "./DecodedBodyView.tsx";
import { ForwardRetryBar } from "./ForwardRetryBar.tsx";
import { DetailActions } from "./DetailActions.tsx";
import { MethodBadge } from "./MethodBadge.tsx";
import { PairsTable } from "./PairsTable.tsx";
import { Section } from "./Section.tsx";
import type { Loaded } from "./useCapture.ts";
import { useNow } from "./useNow.ts";

/** The right pane: everything about one capture. */
type Props = {
  loaded: Loaded;
  captureUrl: string;
  onEdit: (captureId: string, draft: Draft) => void;
  onCompare: (captureId: string) => void;
  /** The capture changed here (a forward retried now, or given up): load it again. */
  onChanged: (captureId: string) => void;
};

export function CaptureDetail({ loaded, captureUrl, onEdit, onCompare, onChanged }: Props) {
  if (loaded.status === "loading") return <p className="p-6 text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  if (loaded.status === "missing") return <p className="p-6 text-sm text-slate-500 dark:text-slate-400">This capture was deleted.</p>;
  if (loaded.status === "error") return <p role="alert" className="p-6 text-sm text-rose-600">Could not load this capture: {loaded.message}</p>;
  const { capture } = loaded;
  return (
    <article data-testid="capture-detail" data-id={capture.id}>
      <header className="sticky top-0 z-10 flex flex-col gap-3 border-b border-slate-200 bg-white px-5 py-3 dark:border-slate-800 dark:bg-slate-950">
        <div className="flex min-w-0 items-center gap-3">
          <MethodBadge method={capture.method} />
          <h2 className="min-w-0 font-mono text-sm font-semibold break-all" data-testid="detail-target">
            {capture.path}
            {capture.query && <span className="text-slate-500 dark:text-slate-400">?{capture.query}</span>}
          </h2>
        </div>
        <DetailActions capture={capture} captureUrl={captureUrl} onEdit={(draft) => onEdit(capture.id, draft)} onCompare={() => onCompare(capture.id)} />
      </header>
      <Overview capture={capture} captureUrl={captureUrl} />
      <AnsweredSection response={capture.response} />
      <SignatureSection capture={capture} />
      {capture.query && (
        <Section title={`Query (${parseUrlEncoded(capture.query).length})`}>
          <PairsTable pairs={parseUrlEncoded(capture.query)} testId="query-table" />
        </Section>
      )}
      <Section
        title={`Headers (${capture.headers.length})`}
        actions={<CopyButton getText={() => capture.headers.map(([n, v]) => `${n}: ${v}`).join("\n")} label="Copy headers" testId="copy-headers" />}
      >
        <PairsTable pairs={capture.headers} testId="headers-table" />
      </Section>
      {capture.attempts.length > 0 && (
        <Section title={`Resends, forwards & replays (${capture.attempts.length})`} testId="attempts">
          {capture.forwardRetry && (
            <ForwardRetryBar key={capture.forwardRetry.at} binId={capture.binId} captureId={capture.id} retry={capture.forwardRetry} onChanged={() => onChanged(capture.id)} />
          )}
          <AttemptList attempts={capture.attempts} bodySha256={capture.bodySha256} onEdit={(draft) => onEdit(capture.id, draft)} />
        </Section>
      )}
      <Section title="Body" testId="body-section">
        <DecodedBodyView
          key={capture.id}
          capture={capture}
          actions={capture.body.encoding === "utf8" && capture.bodySize > 0 && <CopyButton text={capture.body.data} label="Copy body" />}
        />
      </Section>
    </article>
  );
}

function Overview({ capture, captureUrl }: { capture: CaptureView; captureUrl: string }) {
  const now = useNow();
  const url = captureRequestUrl(captureUrl, capture);
  const rows: [string, React.ReactNode][] = [
    ["URL", url],
    ["Received", <span key="t">{localTimestamp(capture.receivedAt)} <span className="text-slate-500 dark:text-slate-400">({timeAgo(capture.receivedAt, now)})</span></span>],
    ["From", capture.remoteAddress ?? "unknown"],
    ["Protocol", `HTTP/${capture.httpVersion}`],
    ["Size", `${formatBytes(capture.bodySize)}${capture.bodySize >= 1024 ? ` (${capture.bodySize.toLocaleString("en")} bytes)` : ""}`],
    ["Content type", capture.contentType ?? "none"],
    ["Id", capture.id],
    [
      "Body sha256",
      <span key="sha" className="flex flex-wrap items-center gap-2">
        <span data-testid="body-sha256">{capture.bodySha256}</span>
        <CopyButton text={capture.bodySha256} label="Copy" testId="copy-sha256" />
      </span>,
    ],
  ];
  return (
    <Section title="Overview" testId="overview">
      <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-[13px] xl:grid-cols-[7rem_1fr_7rem_1fr]">
        {rows.map(([term, value], i) => (
          <div key={term} className={`contents ${i === 0 || i === rows.length - 1 ? "xl:[&>dd]:col-span-3" : ""}`}>
            <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
            <dd className="min-w-0 font-mono wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
