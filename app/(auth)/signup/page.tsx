import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Create your account</h1>
      <p className="mb-6 text-slate-600">Manage your visits, see what was done and download your recorder’s configuration backups.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-700">
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </div>
  );
}
