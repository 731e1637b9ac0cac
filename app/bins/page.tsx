import { CreateBinForm } from "@/components/CreateBinForm.tsx";
import { PageFrame } from "@/components/PageFrame.tsx";
import { YourBins } from "@/components/bins/YourBins.tsx";

export const metadata = { title: "Your bins · Hookjar" };

/** The bins this browser knows (kept in its storage), checked with the server, and a new one. */
export default function YourBinsPage() {
  return (
    <PageFrame title="Your bins">
      <YourBins />
      <section className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 p-4 dark:border-slate-700" aria-labelledby="new-bin">
        <h2 id="new-bin" className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          New bin
        </h2>
        <CreateBinForm />
      </section>
    </PageFrame>
  );
}
