import Link from "next/link";

/** "Hookjar", leading home: the start of every page's header. */
export function HomeLink() {
  return (
    <Link href="/" className="text-base font-bold tracking-tight">
      Hookjar
    </Link>
  );
}
