"use client";

/**
 * Last-resort error page: replaces the root layout when it fails itself (for
 * example the database is unreachable while the layout renders). Plain,
 * friendly, no details; app/error.tsx handles errors inside pages.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", color: "#0f172a", margin: 0 }}>
        <main id="main" style={{ maxWidth: "28rem", margin: "0 auto", padding: "4rem 1rem", textAlign: "center" }}>
          <h1 style={{ fontSize: "1.5rem", fontWeight: 700 }}>Something went wrong</h1>
          <p style={{ marginTop: "0.5rem", color: "#334155" }}>
            We could not load this page. If it keeps happening, the database may be unavailable; please try again in a moment.
          </p>
          <p style={{ marginTop: "1.5rem" }}>
            <button
              type="button"
              onClick={reset}
              style={{ background: "#1e40af", color: "#fff", border: 0, borderRadius: "0.375rem", padding: "0.625rem 1rem", fontSize: "1rem" }}
            >
              Try again
            </button>
          </p>
        </main>
      </body>
    </html>
  );
}
