import type { Metadata } from "next";
import Link from "next/link";
import { setupNeeded } from "@/lib/auth/setup";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "First-run setup" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!(await setupNeeded())) {
    return (
      <div className="card">
        <h1 className="mb-2 text-2xl font-bold">Setup is complete</h1>
        <p className="text-slate-700">
          This FieldKey already has an admin. <Link href="/signin">Sign in</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Create the first admin</h1>
      <p className="mb-6 text-slate-600">Use the one-time link printed in the server log when FieldKey started. The token works once.</p>
      <SetupForm token={typeof token === "string" ? token : ""} />
    </div>
  );
}
