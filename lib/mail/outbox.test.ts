import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, mailOutbox } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { inspectPasswordToken, requestPasswordReset } from "@/lib/auth/password-reset";
import { makeUser } from "@/test/support/factories";
import { SECRET_MASK } from "./outbox";
import { getOutboxMail, listOutbox } from "./outbox-read";
import { runSender } from "./sender";

describe("the outbox never shows a working reset or invitation link (finding 5)", () => {
  it("stores and shows the link masked, puts it in only when sending, and audits every read", async () => {
    const admin = await makeUser("admin");
    const victim = await makeUser("customer", { email: "victim@example.test", passwordHash: await hashPassword("victims-password") });
    await requestPasswordReset({ email: victim.email }, "10.7.0.1", { minResponseMs: 0 });
    const db = await getDb();
    const [row] = await db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, victim.email), eq(mailOutbox.kind, "auth.password_reset")));

    // What an admin can read: no token that works.
    const read = await getOutboxMail(admin, row!.id, "10.7.0.2");
    expect(read.text).toContain(`/reset-password?token=${SECRET_MASK}`);
    const shown = /reset-password\?token=([\w-]+)/.exec(read.text)?.[1];
    expect(shown === undefined || !(await inspectPasswordToken(shown)).valid).toBe(true);
    const [stored] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, row!.id));
    expect(stored!.textBody).not.toMatch(/token=[\w-]{20,}/);

    // Every look at the outbox is in the audit log: who, which, from where.
    await listOutbox(admin, {}, { limit: 10 }, "10.7.0.2");
    const events = await db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId, ip: auditEvents.ip })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, admin.id));
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "outbox.read", entityId: row!.id, ip: "10.7.0.2" },
        { action: "outbox.list", entityId: null, ip: "10.7.0.2" },
      ]),
    );

    // The message that goes out carries the working link; once sent, the secret is not kept.
    const sent: string[] = [];
    await runSender({ transport: { sendMail: async (m: { to: string; text: string }) => void (m.to === victim.email && sent.push(m.text)) } as never });
    const token = /reset-password\?token=([\w-]+)/.exec(sent.join("\n"))![1]!;
    expect(await inspectPasswordToken(token)).toEqual({ valid: true, purpose: "reset" });
    const [after] = await db
      .select({ status: mailOutbox.status, sealed: mailOutbox.secretSealed, text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(eq(mailOutbox.id, row!.id));
    expect(after).toMatchObject({ status: "sent", sealed: null });
    expect(after!.text).not.toContain(token);
  });
});
