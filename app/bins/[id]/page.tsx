import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/Inspector.tsx";
import { PrivateBinNotice } from "@/components/PrivateBinNotice.tsx";
import { tokenCookie, tokenMatches } from "@/lib/http/access.ts";
import { publicOrigin } from "@/lib/http/route.ts";
import { findBin } from "@/lib/store/bins.ts";
import { listCaptures } from "@/lib/store/captures.ts";
import { binUrls, forwardOf } from "@/lib/store/views.ts";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Inspector · Hookjar" };

export default async function BinPage({ params }: Props) {
  const { id } = await params;
  const bin = await findBin(id);
  if (!bin) notFound();
  const token = (await cookies()).get(tokenCookie(bin.id))?.value;
  if (!tokenMatches(bin, token)) return <PrivateBinNotice />;
  const origin = publicOrigin(new Request("http://x", { headers: await headers() }));
  const { captureUrl, inspectUrl } = binUrls(bin.id, origin);
  // Whoever may watch a private bin may hand it on: the share link carries the token.
  const shareUrl = bin.viewTokenHash && token ? `${inspectUrl}?token=${encodeURIComponent(token)}` : null;
  const firstPage = await listCaptures(bin.id, { limit: 100 });
  return <Inspector bin={{ id: bin.id, name: bin.name, captureUrl, shareUrl, forward: forwardOf(bin) }} firstPage={firstPage} />;
}
