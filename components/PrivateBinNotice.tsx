export function PrivateBinNotice() {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 px-6 py-24 text-center">
      <h1 className="text-2xl font-bold">This bin is private</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Open it with the link that includes its view token (<code>?token=…</code>), handed out when the bin was created.
      </p>
    </main>
  );
}
