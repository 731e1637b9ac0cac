// The preview may not run scripts (sandbox without allow-scripts) nor load anything from the
// network (CSP), so a hostile page can neither act nor report that it was opened.
const PREVIEW_CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

/** A captured HTML body rendered in a sandboxed frame. */
export function HtmlPreview({ html }: { html: string }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-slate-500 dark:text-slate-400">Sandboxed preview: scripts and network requests are blocked.</p>
      <iframe
        sandbox=""
        srcDoc={PREVIEW_CSP + html}
        title="HTML preview"
        data-testid="html-preview"
        className="h-96 w-full rounded border border-slate-200 bg-white dark:border-slate-700"
      />
    </div>
  );
}
