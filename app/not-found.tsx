import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="mt-1 text-2xl font-bold">We could not find that page</h1>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          Home
        </Link>
      </p>
    </main>
  );
}
