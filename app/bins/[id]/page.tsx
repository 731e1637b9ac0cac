import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { Inspector } from "@/components/inspector/Inspector.tsx";
import { PrivateBinNotice } from "@/components/PrivateBinNotice.tsx";
import { tokenCookie, tokenMatches } from "@/lib/access.ts";
import { publicOrigin } from "@/lib/api.ts";
import { findBin, listCaptures } from "@/lib/store.ts";
import { binUrls, forwardOf } from "@/lib/views.ts";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Inspector · Hookjar" };

export default async function BinPage({ params }: Props) {
  const { id } = await params;
  const bin = await findBin(id);
  if (!bin) notFound();
  if (!tokenMatches(bin, (await cookies()).get(tokenCookie(bin.id))?.value)) return <PrivateBinNotice />;
  const origin = publicOrigin(new Request("http://x", { headers: await headers() }));
  const { captureUrl } = binUrls(bin.id, origin);
  const firstPage = await listCaptures(bin.id, { limit: 100 });
  return <Inspector bin={{ id: bin.id, name: bin.name, captureUrl, forward: forwardOf(bin) }} firstPage={firstPage} />;
}
