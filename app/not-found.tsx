import Link from "next/link";

export const metadata = { title: "Not found · Hookjar" };

/** Unknown pages and bins that do not exist (never did, were deleted, or expired). */
export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-center gap-4 px-6 py-16 text-center sm:py-24" data-testid="not-found">
      <Link href="/" className="text-lg font-bold tracking-tight">
        Hookjar
      </Link>
      <h1 className="text-2xl font-bold">Nothing here</h1>
      <p className="text-slate-600 dark:text-slate-400">
        There is no page or bin at this address: the bin may have been deleted (its captures go with it), or the link is
        mistyped.
      </p>
      <Link href="/" className="rounded-lg bg-indigo-600 px-5 py-2.5 font-semibold text-white hover:bg-indigo-500">
        Go home and create a bin
      </Link>
    </main>
  );
}
