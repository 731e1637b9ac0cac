import type { Metadata } from "next";
import { ApiReference } from "@/components/ApiReference.tsx";

export const metadata: Metadata = { title: "REST API · Hookjar" };

/** `/docs`: the API reference, generated from the same operation list the API routes with. */
export default function DocsPage() {
  return (
    <main>
      <ApiReference />
    </main>
  );
}
