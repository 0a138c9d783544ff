import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_ui/sign-out-button";
import { getSessionState } from "@/lib/auth/actor";
import { safeNextPath } from "@/lib/auth/next-path";
import { SecondFactorForm } from "./second-factor-form";

export const metadata: Metadata = { title: "Two-step sign-in" };

/** After the password: the code from the authenticator app (or a recovery code). */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath(typeof (await searchParams).next === "string" ? (await searchParams).next : undefined);
  const q = next ? `?next=${encodeURIComponent(next)}` : "";
  const state = await getSessionState();
  if (state.kind === "signed-out") redirect(`/signin${q}`);
  if (state.kind === "signed-in") {
    return (
      <div className="card">
        <h1 className="mb-2 text-2xl font-bold">You are signed in</h1>
        <p className="text-slate-700">
          <Link href={`/dashboard${q}`}>Continue</Link>
        </p>
      </div>
    );
  }
  if (!state.enrolled) redirect(`/two-factor/setup${q}`);
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Two-step sign-in</h1>
      <p className="mb-6 text-slate-600">
        Enter the 6-digit code your authenticator app shows for {state.user.email}. Lost your phone? Use one of your recovery codes, or ask another admin to
        reset your two-step sign-in.
      </p>
      <SecondFactorForm next={next} />
      <div className="mt-6 flex items-center gap-3 text-sm text-slate-700">
        <span>Not you?</span>
        <SignOutButton />
      </div>
    </div>
  );
}
