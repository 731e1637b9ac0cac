import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/Inspector.tsx";
import { PrivateBinNotice } from "@/components/PrivateBinNotice.tsx";
import lib from "@/app/server-lib.ts";

const { binLimits, binUrls, countCaptures, findBin, forwardOf, lastForward, listCaptures, listRefusals, publicOrigin, tokenCookie, tokenMatches } = lib;

type Props = { params: Promise<{ id: string }>; children?: ReactNode };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const bin = await findBin(id);
  if (!bin) return { title: "Bin not found · Hookjar" };
  const token = (await cookies()).get(tokenCookie(bin.id))?.value;
  // A private bin's name is for those who hold its token.
  const label = tokenMatches(bin, token) ? (bin.name ?? bin.id) : "Private bin";
  return { title: `${label} · Hookjar` };
}

/**
 * The inspector is the layout of `/bins/{id}` and `/bins/{id}/{captureId}`, not a page: moving
 * between captures (or a refresh of the server's part) keeps it mounted, with its live list and
 * dialogs; the pages under it render nothing, and the inspector reads the capture from the URL.
 */
export default async function BinLayout({ params }: Props) {
  const { id } = await params;
  const bin = await findBin(id);
  if (!bin) notFound();
  const token = (await cookies()).get(tokenCookie(bin.id))?.value;
  if (!tokenMatches(bin, token)) return <PrivateBinNotice binId={bin.id} wrongToken={Boolean(token)} />;
  const origin = publicOrigin(new Request("http://x", { headers: await headers() }));
  const { captureUrl, inspectUrl } = binUrls(bin.id, origin);
  // Whoever may watch a private bin may hand it on: the share link carries the token.
  const viewToken = bin.viewTokenHash && token ? token : null;
  const shareUrl = viewToken ? `${inspectUrl}?token=${encodeURIComponent(viewToken)}` : null;
  const [firstPage, requestCount, refusals, forwarded] = await Promise.all([
    listCaptures(bin.id, { limit: 100 }),
    countCaptures(bin.id),
    listRefusals(bin.id),
    lastForward(bin.id),
  ]);
  return (
    <Inspector
      bin={{ id: bin.id, name: bin.name, captureUrl, shareUrl, viewToken, forward: forwardOf(bin), lastForward: forwarded, requestCount, limits: binLimits(), managed: bin.manageKeyHash !== null }}
      firstPage={firstPage}
      refusals={refusals}
    />
  );
}
