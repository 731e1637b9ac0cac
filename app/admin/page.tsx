import { AdminBins } from "@/components/admin/AdminBins.tsx";
import { PageFrame } from "@/components/PageFrame.tsx";

export const metadata = { title: "Admin · Hookjar" };

/** The operator's page: every bin of the server, with ADMIN_TOKEN (kept in this tab only). */
export default function AdminPage() {
  return (
    <PageFrame title="All bins" wide>
      <AdminBins />
    </PageFrame>
  );
}
