import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/CopyButton.tsx";
import { PrivateBinNotice } from "@/components/PrivateBinNotice.tsx";
import { tokenCookie, tokenMatches } from "@/lib/access.ts";
import { publicOrigin } from "@/lib/api.ts";
import { findBin, listCaptures } from "@/lib/store.ts";
import { binUrls } from "@/lib/views.ts";

export default async function BinPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const bin = await findBin(id);
  if (!bin) notFound();
  if (!tokenMatches(bin, (await cookies()).get(tokenCookie(bin.id))?.value)) return <PrivateBinNotice />;
  const origin = publicOrigin(new Request("http://x", { headers: await headers() }));
  const { captureUrl } = binUrls(bin.id, origin);
  const curl = `curl -X POST -H 'Content-Type: application/json' -d '{"hello":"world"}' ${captureUrl}`;
  const { items } = await listCaptures(bin.id, { limit: 50 });

  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-6 px-6 py-10">
      <h1 className="text-2xl font-bold">{bin.name ?? "Bin"}</h1>
      <section className="flex flex-col gap-2">
        <label className="text-sm font-medium text-slate-500">Capture URL</label>
        <div className="flex items-center gap-2">
          <code data-testid="capture-url" className="flex-1 truncate rounded bg-white px-3 py-2 font-mono text-sm shadow-sm dark:bg-slate-900">
            {captureUrl}
          </code>
          <CopyButton text={captureUrl} />
        </div>
        <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-100">{curl}</pre>
      </section>
      <section>
        <h2 className="mb-2 font-semibold">Latest captures</h2>
        {items.length === 0 ? (
          <p className="text-slate-500">No requests yet. Send one with the curl line above.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded bg-white shadow-sm dark:divide-slate-800 dark:bg-slate-900">
            {items.map((c) => (
              <li key={c.id} className="flex gap-3 px-3 py-2 font-mono text-sm">
                <span className="w-20 font-semibold">{c.method}</span>
                <span className="flex-1 truncate">{c.path}{c.query ? `?${c.query}` : ""}</span>
                <span className="text-slate-500">{c.bodySize} B</span>
                <time className="text-slate-500">{c.receivedAt}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
