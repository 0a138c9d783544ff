import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-1 text-2xl font-bold">This area is not for your account</h1>
      <p className="mt-2 text-slate-700">You are signed in, but this page belongs to another kind of account.</p>
      <p className="mt-6">
        <Link href="/dashboard" className="btn-primary">
          Go to my area
        </Link>
      </p>
    </main>
  );
}
