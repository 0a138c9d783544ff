import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { DEFAULT_LOCALE } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "FieldKey", template: "%s · FieldKey" },
  description: "On-site password recovery for Dahua, Lorex and Hikvision recorders and cameras.",
  applicationName: "FieldKey",
  appleWebApp: { capable: true, title: "FieldKey", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#1e40af" },
    { media: "(prefers-color-scheme: dark)", color: "#0f172a" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, so each gets its own CSP nonce
  // (and no page touches the database at build time).
  await headers();
  return (
    <html lang={await documentLanguage()}>
      <body className="min-h-dvh">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}

/** The page's language is the company's locale setting (the one dates follow); with the database unreachable, the default (the page shows its own error). */
async function documentLanguage() {
  try {
    return (await getSettings()).locale;
  } catch {
    return DEFAULT_LOCALE;
  }
}
