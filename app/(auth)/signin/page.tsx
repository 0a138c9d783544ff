import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Sign in</h1>
      <p className="mb-6 text-slate-600">Customers, technicians and office staff all sign in here.</p>
      <SignInForm next={typeof next === "string" ? next : undefined} />
      <p className="mt-6 text-sm text-slate-700">
        New customer? <Link href="/signup">Create an account</Link> or <Link href="/book">book a visit</Link>.
      </p>
    </div>
  );
}
