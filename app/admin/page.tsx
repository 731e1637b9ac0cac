import { AdminBins } from "@/components/admin/AdminBins.tsx";
import { HomeLink } from "@/components/HomeLink.tsx";
import { ThemeToggle } from "@/components/ThemeToggle.tsx";

export const metadata = { title: "Admin · Hookjar" };

/** The operator's page: every bin of the server, with ADMIN_TOKEN (kept in this tab only). */
export default function AdminPage() {
  return (
    <div className="min-h-screen">
      <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-950">
        <HomeLink />
        <span className="ml-auto">
          <ThemeToggle />
        </span>
      </header>
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-8">
        <h1 className="text-2xl font-bold">All bins</h1>
        <AdminBins />
      </main>
    </div>
  );
}
