import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="card">
      <h1 className="mb-1 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-6 text-slate-600">Enter the email you sign in with. We will email you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm text-slate-700">
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </div>
  );
}
