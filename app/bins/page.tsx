import { HomeLink } from "@/components/HomeLink.tsx";
import { CreateBinForm } from "@/components/CreateBinForm.tsx";
import { YourBins } from "@/components/bins/YourBins.tsx";
import { ThemeToggle } from "@/components/ThemeToggle.tsx";

export const metadata = { title: "Your bins · Hookjar" };

/** The bins this browser knows (kept in its storage), checked with the server, and a new one. */
export default function YourBinsPage() {
  return (
    <div className="min-h-screen">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-950">
        <HomeLink />
        <span className="ml-auto">
          <ThemeToggle />
        </span>
      </header>
      <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">Your bins</h1>
        <YourBins />
        <section className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 p-4 dark:border-slate-700" aria-labelledby="new-bin">
          <h2 id="new-bin" className="text-sm font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            New bin
          </h2>
          <CreateBinForm />
        </section>
      </main>
    </div>
  );
}
