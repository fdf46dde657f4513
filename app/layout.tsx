import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import "@/components/components.css";
import { QueryProvider } from "@/components/query-provider";
import { ThemeToggle } from "@/components/theme-toggle";

export const metadata: Metadata = {
  title: "statelens",
  description: "Step Functions execution observability and replay",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <div className="shell">
          <header className="topbar">
            <Link href="/" className="brand">
              statelens
            </Link>
            <nav>
              <Link href="/">Overview</Link>
              <Link href="/executions">Executions</Link>
              <Link href="/failures">Failures</Link>
              <Link href="/state-machines">State machines</Link>
              <Link href="/audit">Audit</Link>
            </nav>
            <ThemeToggle />
          </header>
          <main className="main">
            <QueryProvider>{children}</QueryProvider>
          </main>
        </div>
      </body>
    </html>
  );
}
