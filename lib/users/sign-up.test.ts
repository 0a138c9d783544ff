import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customers, mailOutbox, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { inspectPasswordToken } from "@/lib/auth/password-reset";
import { textToSend } from "@/lib/mail/outbox";
import { RateLimitedError } from "@/lib/platform/errors";
import { makeUser } from "@/test/support/factories";
import { verifyCredentials } from "./manage";
import { requestSignUp, SIGN_UP, SIGN_UP_MESSAGE } from "./sign-up";

const fast = { minResponseMs: 0 };
let n = 0;
const ip = () => `10.8.0.${++n}`;
const mailsTo = async (to: string) => (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(mailOutbox.createdAt);

describe("sign-up (lib/users/sign-up.ts)", () => {
  it("answers the same whether or not the email has an account, and touches no existing account (finding 9)", async () => {
    const owner = await makeUser("customer", { email: "taken@example.test", passwordHash: await hashPassword("the-owners-secret") });
    const db = await getDb();
    const users0 = (await db.select({ id: users.id }).from(users)).length;
    const a = await requestSignUp({ name: "New Person", email: "brand-new@example.test" }, ip(), fast);
    const b = await requestSignUp({ name: "Someone Else", email: "TAKEN@example.test" }, ip(), fast);
    expect(a).toEqual({ message: SIGN_UP_MESSAGE });
    expect(b).toEqual(a);
    expect((await db.select({ id: users.id }).from(users)).length).toBe(users0 + 1);
    const [kept] = await db.select({ name: users.name, hash: users.passwordHash }).from(users).where(eq(users.id, owner.id));
    expect(kept!.name).toBe(owner.name);
    expect(await verifyPassword(kept!.hash, "the-owners-secret")).toBe(true);
    // The owner is told by email; nobody else learns anything.
    const [told] = await mailsTo("taken@example.test");
    expect(told).toMatchObject({ kind: "account.exists", subject: expect.stringContaining("already have") });
    expect(told!.textBody).toMatch(/\/signin[\s\S]*\/forgot-password/);
  });

  it("a new email gets a login without a password and a link to choose one: nobody can sign in before that", async () => {
    await requestSignUp({ name: "Lena Link", email: "lena@example.test", phone: "216-555-0111" }, ip(), fast);
    const db = await getDb();
    const [u] = await db.select().from(users).where(eq(users.email, "lena@example.test"));
    expect(u).toMatchObject({ role: "customer", passwordHash: null });
    const [c] = await db.select().from(customers).where(eq(customers.id, u!.customerId!));
    expect(c).toMatchObject({ name: "Lena Link", phone: "216-555-0111" });
    expect(await verifyCredentials("lena@example.test", "", "10.8.1.1")).toBeNull();
    const [mail] = await mailsTo("lena@example.test");
    expect(mail!.kind).toBe("account.sign_up");
    expect(mail!.textBody).not.toMatch(/token=[\w-]{20,}/); // stored masked
    const token = /reset-password\?token=([\w-]+)/.exec(textToSend(mail!.id, mail!.textBody, mail!.secretSealed)!)![1]!;
    expect(await inspectPasswordToken(token)).toEqual({ valid: true, purpose: "invite" });
  });

  it("is limited per client address, counted in the database (finding 3); past it, a 429 and nothing written", async () => {
    const from = "10.8.2.1";
    for (let i = 0; i < SIGN_UP.perIp.limit; i++) await requestSignUp({ name: "Flood", email: `flood-${i}@example.test` }, from, fast);
    const db = await getDb();
    const before = (await db.select({ id: users.id }).from(users)).length;
    await expect(requestSignUp({ name: "Flood", email: "flood-x@example.test" }, from, fast)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(requestSignUp({ name: "Flood", email: "flood-y@example.test" }, from, fast)).rejects.toThrow(/Too many sign-ups from your network/);
    expect((await db.select({ id: users.id }).from(users)).length).toBe(before);
    await expect(requestSignUp({ name: "Other", email: "other-net@example.test" }, "10.8.2.2", fast)).resolves.toEqual({ message: SIGN_UP_MESSAGE });
  });

  it("sends an existing account at most a few reminders an hour, with the same answer after that", async () => {
    await makeUser("customer", { email: "often@example.test" });
    for (let i = 0; i < SIGN_UP.mailsPerEmail.limit + 2; i++)
      expect(await requestSignUp({ name: "X", email: "often@example.test" }, ip(), fast)).toEqual({ message: SIGN_UP_MESSAGE });
    const db = await getDb();
    const sent = await db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, "often@example.test"), eq(mailOutbox.kind, "account.exists")));
    expect(sent).toHaveLength(SIGN_UP.mailsPerEmail.limit);
  });

  it("takes about as long for an existing email as for a new one, and refuses bad input before the database", async () => {
    const t0 = Date.now();
    await requestSignUp({ name: "Slow", email: "slow@example.test" }, ip(), { minResponseMs: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(295);
    await expect(requestSignUp({ name: "C", email: "not-an-email" }, ip(), fast)).rejects.toThrow(/valid email/);
    await expect(requestSignUp({ name: "C", email: `${"a".repeat(260)}@example.test` }, ip(), fast)).rejects.toThrow(/too long/);
    const db = await getDb();
    expect(
      await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = 'not-an-email'`),
    ).toHaveLength(0);
  });
});
