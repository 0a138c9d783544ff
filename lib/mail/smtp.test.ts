import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { resetEnvCache } from "@/lib/platform/env";
import { enqueueMail } from "./outbox";
import { deliverOutbox, runSender, smtpTransport } from "./sender";

/** A real SMTP receiver on a random local port; `failNext` makes it answer 451 to the next messages. */
const received: { from: string; to: string[]; raw: string }[] = [];
let failNext = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      if (failNext > 0) {
        failNext--;
        return callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
      }
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});
const saved = { ...process.env };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "FieldKey Test <no-reply@fieldkey.test>";
  process.env.FIELDKEY_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "fk-smtp-"));
  resetEnvCache();
});

afterAll(async () => {
  smtpTransport()?.close();
  process.env = saved;
  resetEnvCache();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("SMTP delivery (a real SMTP conversation with a local receiver)", () => {
  it("delivers a message with its calendar attachment from MAIL_FROM", async () => {
    const db = await getDb();
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    const id = await enqueueMail(db, {
      kind: "test",
      to: "carla@example.test",
      subject: "Your visit FK-SMTP01",
      text: "See you tomorrow.",
      attachments: [{ filename: "visit.ics", contentType: "text/calendar", contentBase64: Buffer.from(ics).toString("base64") }],
    });
    const stats = await deliverOutbox();
    expect(stats).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["carla@example.test"]);
    expect(received[0]!.from).toBe("no-reply@fieldkey.test");
    expect(received[0]!.raw).toContain("Subject: Your visit FK-SMTP01");
    expect(received[0]!.raw).toContain(`Message-ID: <${id}@outbox.fieldkey>`);
    expect(received[0]!.raw).toMatch(/filename="?visit\.ics"?/);
    expect(received[0]!.raw).toContain(Buffer.from(ics).toString("base64").slice(0, 40));
    const [r] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(r).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("records the receiver's refusal and delivers on the retry after the back-off", async () => {
    const db = await getDb();
    const id = await enqueueMail(db, { kind: "test", to: "ben@example.test", subject: "Retry me", text: "hello" });
    failNext = 1;
    const t0 = Date.now() + 1000;
    const transport = smtpTransport()!;
    expect(await runSender({ db, transport, now: () => new Date(t0) })).toMatchObject({ retry: 1, sent: 0 });
    let [r] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(r!.status).toBe("pending");
    expect(r!.lastError).toMatch(/451.*Mailbox temporarily unavailable/);
    expect(r!.nextAttemptAt.getTime()).toBe(t0 + 60_000);
    expect(await runSender({ db, transport, now: () => new Date(t0 + 60_000) })).toMatchObject({ sent: 1 });
    [r] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(r).toMatchObject({ status: "sent", attempts: 2 });
    expect(received.filter((m) => m.raw.includes("Subject: Retry me"))).toHaveLength(1);
  });
});
