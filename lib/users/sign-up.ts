import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { customers, users } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { signUpSchema } from "@/lib/auth/schemas";
import { createPasswordToken, RESET } from "@/lib/auth/password-reset";
import { enqueueMail } from "@/lib/mail/outbox";
import { accountExistsMail, signUpMail } from "@/lib/mail/templates/account";
import { RateLimitedError } from "@/lib/platform/errors";
import { hitRateLimit, type RateLimit } from "@/lib/platform/rate-limit";
import { getSettings } from "@/lib/settings/company";

/**
 * Public sign-up, answered the same way whether or not the email already has
 * an account (it must not tell anyone which emails do): "check your email".
 *  - A new email: a customer record and its login, without a password, and
 *    an email with a link to choose one (the invitation link: 7 days, once).
 *    Until then nobody can sign in to it, so signing up cannot be used to
 *    learn whether an email was new either.
 *  - An email that has an account: an email to it saying so, with where to
 *    sign in or reset the password (at most `mailsPerEmail` an hour).
 * Limited per client address, counted in the database; every answer takes at
 * least `minResponseMs`, account or not.
 */
export const SIGN_UP = {
  perIp: { limit: 5, windowSeconds: 3600 } satisfies RateLimit,
  mailsPerEmail: { limit: 3, windowSeconds: 3600 } satisfies RateLimit,
  minResponseMs: RESET.minResponseMs,
} as const;

export const SIGN_UP_MESSAGE =
  "Check your email: we have sent a link to finish creating your account and choose your password. The link works once, for 7 days. Check your spam folder if it does not arrive.";

function appUrl() {
  return (process.env.APP_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

async function limitAddress(db: Executor, ip: string | null) {
  if (!ip) return;
  try {
    await hitRateLimit(db, `sign-up:${ip}`, SIGN_UP.perIp);
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
    throw new RateLimitedError(`Too many sign-ups from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, err.retryAfterSeconds);
  }
}

export async function requestSignUp(input: z.input<typeof signUpSchema>, ip: string | null, opts: { minResponseMs?: number } = {}) {
  const started = Date.now();
  try {
    const data = signUpSchema.parse(input);
    const db = await getDb();
    await limitAddress(db, ip);
    await db.transaction(async (tx) => {
      // Sign-up and booking take turns per email, so two of them cannot both make a login for it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"account:" + data.email}))`);
      const [existing] = await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(sql`lower(${users.email}) = ${data.email}`);
      const s = await getSettings(tx);
      if (existing) {
        try {
          await hitRateLimit(tx, `sign-up-mail:${data.email}`, SIGN_UP.mailsPerEmail);
        } catch (err) {
          if (err instanceof RateLimitedError) return; // enough reminders this hour: the same answer, no more mail
          throw err;
        }
        const mail = accountExistsMail({
          name: existing.name,
          companyName: s.companyName,
          signInUrl: `${appUrl()}/signin`,
          resetUrl: `${appUrl()}/forgot-password`,
        });
        await enqueueMail(tx, { kind: "account.exists", to: existing.email, subject: mail.subject, text: mail.text });
        await audit(tx, { actorId: null, action: "user.sign_up_existing", entityType: "user", entityId: existing.id, ip });
        return;
      }
      const [customer] = await tx
        .insert(customers)
        .values({ name: data.name, email: data.email, phone: data.phone || null })
        .returning({ id: customers.id });
      const [user] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, phone: data.phone || null, role: "customer", passwordHash: null, customerId: customer!.id })
        .returning({ id: users.id });
      const { url, token } = await createPasswordToken(tx, user!.id, "invite");
      const mail = signUpMail({ name: data.name, link: url, companyName: s.companyName, days: 7 });
      await enqueueMail(tx, { kind: "account.sign_up", to: data.email, subject: mail.subject, text: mail.text, secret: token });
      await audit(tx, { actorId: user!.id, action: "user.sign_up", entityType: "user", entityId: user!.id, ip });
    });
    return { message: SIGN_UP_MESSAGE };
  } finally {
    const wait = (opts.minResponseMs ?? SIGN_UP.minResponseMs) - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
