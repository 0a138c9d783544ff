/**
 * A mailbox for the journeys: an SMTP server (smtp-server) in the Playwright
 * runner, started by global-setup, that the journey server sends every email
 * to (SMTP_URL), as a real deployment would. Each message is written to
 * e2e/.tmp/mail/ as JSON; journeys read the links people would click in them
 * (a sign-up's "choose your password", a reset link), which the outbox shows
 * masked (lib/mail/outbox.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { TMP } from "./server";

export const MAIL_DIR = path.join(TMP, "mail");
export const mailboxPort = () => Number(process.env.E2E_PORT ?? 3210) + 8;

/** Quoted-printable soft line breaks and =XX escapes undone (nodemailer wraps long lines with them). */
function decodeQuotedPrintable(raw: string) {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export async function startMailbox(port = mailboxPort()) {
  fs.mkdirSync(MAIL_DIR, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        fs.writeFileSync(path.join(MAIL_DIR, `${Date.now()}-${++n}.json`), JSON.stringify({ to, text: decodeQuotedPrintable(raw) }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The first match of `pattern` in the newest email to `to` that has one (the mail sender runs every 15 s: waits up to `timeoutMs`). */
export async function linkFromMail(to: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).sort().reverse() : [];
    for (const f of files) {
      const m = JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), "utf8")) as { to: string[]; text: string };
      const hit = m.to.includes(to.toLowerCase()) ? pattern.exec(m.text) : null;
      if (hit) return hit[0];
    }
    if (Date.now() > until) throw new Error(`no email to ${to} matching ${pattern} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
