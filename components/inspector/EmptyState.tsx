import { CopyButton } from "@/components/CopyButton.tsx";
import { sampleCurl } from "./sampleCurl.ts";

/** What a new bin shows: how to get the first request in. */
export function EmptyState({ captureUrl, testId = "empty-state" }: { captureUrl: string; testId?: string }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16" data-testid={testId}>
      <div className="flex items-center gap-3">
        <span className="relative flex h-3 w-3">
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-75" />
          <span className="relative inline-flex h-3 w-3 rounded-full bg-emerald-500" />
        </span>
        <h2 className="text-xl font-semibold">Waiting for the first request</h2>
      </div>
      <ol className="flex flex-col gap-5 text-sm">
        <li className="flex flex-col gap-2">
          <span>
            <b>1.</b> Copy this bin&apos;s capture URL. Any method, sub-path and query is accepted.
          </span>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1.5 font-mono dark:bg-slate-900">{captureUrl}</code>
            <CopyButton text={captureUrl} label="Copy URL" />
          </div>
        </li>
        <li>
          <b>2.</b> Paste it as the webhook URL in GitHub, Stripe, Slack or your own app.
        </li>
        <li className="flex flex-col gap-2">
          <span>
            <b>3.</b> Or send a test request from a terminal:
          </span>
          <div className="flex items-start gap-2">
            <code className="min-w-0 flex-1 rounded bg-slate-900 px-2 py-1.5 font-mono text-xs break-all text-slate-100">{sampleCurl(captureUrl)}</code>
            <CopyButton text={sampleCurl(captureUrl)} label="Copy" />
          </div>
        </li>
      </ol>
      <p className="text-sm text-slate-500 dark:text-slate-400">Requests show up here the moment they arrive — no reload needed. Keep this tab open.</p>
    </div>
  );
}
