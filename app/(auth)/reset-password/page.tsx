import type { Metadata } from "next";
import Link from "next/link";
import { inspectPasswordToken, INVALID_LINK_MESSAGE } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const raw = typeof token === "string" ? token : undefined;
  const state = await inspectPasswordToken(raw);
  if (!state.valid) {
    return (
      <div className="card">
        <h1 className="mb-2 text-2xl font-bold">This link does not work</h1>
        <p className="mb-6 text-slate-700">{INVALID_LINK_MESSAGE}</p>
        <Link href="/forgot-password" className="btn-primary">
          Ask for a new link
        </Link>
      </div>
    );
  }
  const invite = state.purpose === "invite";
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">{invite ? "Set your password" : "Choose a new password"}</h1>
      <p className="mb-6 text-slate-600">
        {invite
          ? "Choose a password for your new account."
          : "Choose a new password. You will be signed out everywhere else, and your calendar links and API tokens stop working (make new ones after signing in)."}{" "}
        Use at least 10 characters.
      </p>
      <ResetPasswordForm token={raw!} invite={invite} />
    </div>
  );
}
