import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_ui/sign-out-button";
import { getSessionState } from "@/lib/auth/actor";
import { safeNextPath } from "@/lib/auth/next-path";
import { can, ROLE_HOME } from "@/lib/auth/permissions";
import { pendingEnrolment } from "@/lib/auth/two-factor";
import { EnrolmentForm } from "./enrolment-form";

export const metadata: Metadata = { title: "Set up two-step sign-in" };

/**
 * Enrolment: admins are sent here after their password until they have done
 * it; technicians may come here to turn it on. The QR code is generated on the
 * server (a data: URL, which the CSP's img-src allows); the secret is shown
 * too, for typing it in.
 */
export default async function TwoFactorSetupPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath(typeof (await searchParams).next === "string" ? (await searchParams).next : undefined);
  const q = next ? `?next=${encodeURIComponent(next)}` : "";
  const state = await getSessionState();
  if (state.kind === "signed-out") redirect(`/signin?next=${encodeURIComponent("/two-factor/setup")}`);
  if (state.kind === "second-factor" && state.enrolled) redirect(`/two-factor${q}`);
  if (state.kind === "signed-in" && (state.enrolled || !can(state.actor, "two-factor:enrol"))) {
    return (
      <div className="card">
        <h1 className="mb-2 text-2xl font-bold">Two-step sign-in</h1>
        <p className="text-slate-700">
          {state.enrolled
            ? "Two-step sign-in is on for your account. If you lose your phone, use a recovery code, or ask an admin to reset it."
            : "Two-step sign-in is for staff accounts."}
        </p>
        <p className="mt-4">
          <Link href={ROLE_HOME[state.actor.role]}>Back</Link>
        </p>
      </div>
    );
  }
  const e = await pendingEnrolment(state);
  const required = state.kind === "second-factor";
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Set up two-step sign-in</h1>
      <p className="mb-4 text-slate-600">
        {required ? "Admin accounts sign in with a password and a code from an authenticator app. " : "Add a code from an authenticator app to your sign-in. "}
        Scan this QR code with the app (Google Authenticator, Microsoft Authenticator, 1Password…), then enter the 6-digit code it shows.
      </p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
      <img src={e.qrDataUrl} width={240} height={240} alt={`QR code to add ${e.email} to your authenticator app`} className="mx-auto" />
      <p className="mt-4 text-sm text-slate-700">
        Cannot scan? Type this key into the app:{" "}
        <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono text-slate-900">
          {e.secret.match(/.{1,4}/g)!.join(" ")}
        </code>
      </p>
      <EnrolmentForm next={next} />
      {required ? (
        <div className="mt-6 flex items-center gap-3 text-sm text-slate-700">
          <span>Not now?</span>
          <SignOutButton />
        </div>
      ) : null}
    </div>
  );
}
