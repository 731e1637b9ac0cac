"use client";

import { useEffect, useState, type ReactNode } from "react";
import { CopyButton } from "@/components/CopyButton.tsx";
import { Modal } from "@/components/Modal.tsx";
import { ClearBinButton } from "@/components/inspector/ClearBinButton.tsx";
import { ForwardSettings } from "@/components/inspector/ForwardSettings.tsx";
import { Section } from "@/components/inspector/Section.tsx";
import { useBinContext } from "@/components/inspector/binContext.ts";
import { NotifyToggle } from "@/components/notify/NotifyToggle.tsx";
import type { BinDetail } from "@/lib/schemas/bin.ts";
import type { CaptureFilter } from "@/lib/schemas/capture.ts";
import { exportUrl, fetchBinDetail } from "./api.ts";
import { DeleteBinDialog } from "./DeleteBinDialog.tsx";
import { ManageKeySection } from "./ManageKeySection.tsx";
import { PrivacySwitch } from "./PrivacySwitch.tsx";
import { RenameForm } from "./RenameForm.tsx";
import { ResponseForm } from "./ResponseForm.tsx";
import { SettingsDocument } from "./SettingsDocument.tsx";
import { BUTTON } from "./styles.ts";

type Props = {
  binId: string;
  /** A private bin's inspector link with its token; null for a public bin. */
  shareUrl: string | null;
  /** The list's current filters: the export can take only what they match. */
  filter: CaptureFilter;
  gone: boolean;
  /** The bin changed in a way the page shows (name, forward target): its data is reloaded. */
  onChanged: () => void;
  onClose: () => void;
};

/** Everything about the bin itself, each part through its REST route, loaded fresh when opened. */
export function BinSettingsDialog({ binId, shareUrl, filter, gone, onChanged, onClose }: Props) {
  const [detail, setDetail] = useState<BinDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // Without the manage key nothing here would be accepted: the parts that change the bin are off.
  const locked = gone || !useBinContext().control.canManage;
  // An imported settings file changes every part: the bin is loaded again and each part starts afresh.
  const [version, setVersion] = useState(0);
  // What the last import changed, said once the panel has reloaded.
  const [imported, setImported] = useState<string[] | null>(null);
  useEffect(() => {
    setDetail(null);
    fetchBinDetail(binId).then(setDetail, (e: Error) => setError(e.message));
  }, [binId, version]);

  return (
    <Modal label="Bin settings" onClose={onClose} testId="settings-dialog" className="mx-auto my-4 w-[min(42rem,calc(100%-1rem))] overflow-hidden rounded-lg">
      <div className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <header className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-5 py-3 dark:border-slate-800 dark:bg-slate-950">
          <h2 className="text-base font-semibold">Bin settings</h2>
          <button type="button" onClick={onClose} className={BUTTON} aria-label="Close settings">
            Close
          </button>
        </header>
        {error && <p role="alert" className="px-5 py-4 text-sm text-rose-600">Could not load the bin: {error}</p>}
        {!detail && !error && <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
        {detail && (
          <>
            <Section title="Name">
              <RenameForm binId={binId} initial={detail.name} disabled={locked} onRenamed={onChanged} />
            </Section>
            <Section title="Manage key" testId="settings-manage-key">
              <ManageKeySection binId={binId} gone={gone} />
            </Section>
            <Section title="Who can watch">
              <Sharing detail={detail} shareUrl={shareUrl} canChange={!locked} />
            </Section>
            <Section title="Custom response" testId="settings-response">
              <ResponseForm binId={binId} initial={detail.response} disabled={locked} />
            </Section>
            <Section title="Auto-forward">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <span data-testid="settings-forward">{detail.forward?.enabled
                    ? `New captures are sent on to ${detail.forward.url}${detail.forward.mode === "pass-through" ? ", and their senders get its answers (pass-through)" : ""}.`
                    : "New captures are not forwarded."}</span>
                <ForwardSettings
                  binId={binId}
                  captureUrl={detail.captureUrl}
                  initial={detail.forward}
                  disabled={locked}
                  onSaved={(forward) => {
                    setDetail({ ...detail, forward });
                    onChanged();
                  }}
                />
              </div>
            </Section>
            <Section title="Alerts in this browser">
              <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-700 dark:text-slate-300">
                <span>A notification and a beep when captures arrive while this tab is hidden.</span>
                <NotifyToggle />
              </div>
            </Section>
            <Section title="Limits" testId="settings-limits">
              <Limits detail={detail} />
            </Section>
            <Section title="Export" testId="settings-export">
              <ExportLinks binId={binId} filter={filter} />
            </Section>
            <Section title="Settings file" testId="settings-document">
              <SettingsDocument
                binId={binId}
                disabled={locked}
                applied={imported}
                onImported={(changes) => {
                  setImported(changes);
                  setVersion((v) => v + 1);
                  onChanged();
                }}
              />
            </Section>
            <Section title="Clear or delete" testId="settings-danger">
              <div className="flex flex-wrap items-center gap-2">
                <ClearBinButton binId={binId} disabled={locked} />
                <button type="button" onClick={() => setDeleting(true)} disabled={locked} className={`${BUTTON} text-rose-700 dark:text-rose-400`} data-testid="delete-bin">
                  Delete bin…
                </button>
              </div>
            </Section>
          </>
        )}
      </div>
      {deleting && detail && (
        <DeleteBinDialog binId={binId} name={detail.name} count={detail.requestCount} onClose={() => setDeleting(false)} onDeleted={onClose} />
      )}
    </Modal>
  );
}

function Sharing({ detail, shareUrl, canChange }: { detail: BinDetail; shareUrl: string | null; canChange: boolean }) {
  return (
    <div className="flex flex-col gap-2 text-xs">
      {detail.private ? (
        <Row text="Private: only people with the share link (it carries the view token) can watch; capturing needs no token.">
          {shareUrl && <CopyButton text={shareUrl} label="Copy share link" testId="settings-copy-share" />}
        </Row>
      ) : (
        <Row text="Public: anyone with the inspector link can watch this bin.">
          <CopyButton text={detail.inspectUrl} label="Copy inspector link" testId="settings-copy-inspect" />
        </Row>
      )}
      {detail.private && shareUrl && (
        <code className="rounded bg-slate-100 px-2 py-1 font-mono break-all dark:bg-slate-900" data-testid="settings-share-url">{shareUrl}</code>
      )}
      {canChange && <PrivacySwitch binId={detail.id} isPrivate={detail.private} />}
    </div>
  );
}

function Row({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-700 dark:text-slate-300">
      <span>{text}</span>
      {children}
    </div>
  );
}

const n = (count: number) => count.toLocaleString("en");

function Limits({ detail }: { detail: BinDetail }) {
  const { maxCapturesPerBin, retentionDays, rateLimitPerMin } = detail.limits;
  // The inspector's live count: the one taken when the panel opened goes stale as captures arrive.
  const held = useBinContext().captureCount ?? detail.requestCount;
  const rows: [string, string][] = [
    ["Captures held", `${n(held)} of ${n(maxCapturesPerBin)} (past that, each new capture deletes the oldest)`],
    ["Kept for", retentionDays > 0 ? `${retentionDays} ${retentionDays === 1 ? "day" : "days"}` : "until deleted"],
    ["Rate limit", rateLimitPerMin > 0 ? `${n(rateLimitPerMin)} captures a minute; past it senders get 429` : "none"],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
          <dd data-testid={`limit-${term.split(" ")[0].toLowerCase()}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ExportLinks({ binId, filter }: { binId: string; filter: CaptureFilter }) {
  const filtering = Object.values(filter).some(Boolean);
  const link = (format: "har" | "json", narrowed: boolean) => (
    <a
      href={exportUrl(binId, format, narrowed ? filter : {})}
      download
      className={BUTTON}
      data-testid={`export-${format}${narrowed ? "-filtered" : ""}`}
    >
      {format.toUpperCase()}
    </a>
  );
  return (
    <div className="flex flex-col gap-2 text-xs text-slate-700 dark:text-slate-300">
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto">The whole bin</span>
        {link("har", false)}
        {link("json", false)}
      </div>
      {filtering && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="mr-auto">Only the captures the list&apos;s filters match</span>
          {link("har", true)}
          {link("json", true)}
        </div>
      )}
    </div>
  );
}
