import type { Metadata } from "next";
import type { ReactNode } from "react";
import { THEME_BOOT } from "@/components/theme.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: "Hookjar",
  description: "Capture, inspect and resend webhooks.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets the `dark` class before hydration, hence the suppressed warning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
