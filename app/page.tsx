import Link from "next/link";
import { CreateBinForm } from "@/components/CreateBinForm.tsx";
import { RecentBins } from "@/components/RecentBins.tsx";

export default function Home() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col items-center gap-8 px-6 py-24 text-center">
      <h1 className="text-5xl font-bold tracking-tight">Hookjar</h1>
      <p className="text-lg text-slate-600 dark:text-slate-400">
        Get a capture URL, paste it into GitHub, Stripe or Slack, and watch every webhook arrive live — byte for
        byte. Inspect it, edit it, send it again.
      </p>
      <CreateBinForm />
      <RecentBins />
      <nav className="flex gap-4 text-sm font-medium text-indigo-700 dark:text-indigo-300" aria-label="More">
        <Link href="/bins" className="hover:underline" data-testid="your-bins-link">
          Your bins
        </Link>
        <Link href="/docs" className="hover:underline" data-testid="openapi-link">
          REST API
        </Link>
      </nav>
    </main>
  );
}
