"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">We could not load this page. If it keeps happening, the database may be unavailable; please try again in a moment.</p>
      <p className="mt-6">
        <button type="button" className="btn-primary" onClick={reset}>
          Try again
        </button>
      </p>
    </main>
  );
}
