/**
 * Harness for the fault-tolerance suites (e2e/faults-*.spec.ts): each test runs
 * its OWN servers on its own fresh database (a PGlite directory, or a fresh
 * PostgreSQL database on the DATABASE_URL server), on ports E2E_PORT+1…+11 (FAULT_PORTS), so
 * the shared journey server is never disturbed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PASSWORD } from "./helpers";
import { freshPostgresDatabase, ROOT, TMP } from "./server";
import type { FaultsCheck } from "./faults-check";
import type { FaultsFixture } from "./faults-seed";

export type { FaultsCheck, FaultsFixture };

/** Ports of this run's extra servers: E2E_PORT + 1…7, 10, 11 (the mailbox uses +8, start-contract +88, foundation +89). */
export const FAULT_PORTS = {
  kill: 1,
  instanceA: 2,
  instanceB: 3,
  proxy: 4,
  clientAddress: 5,
  smtp: 6,
  webhook: 7,
  timeZoneA: 10,
  timeZoneB: 11,
} as const;
export const faultPort = (name: keyof typeof FAULT_PORTS) => Number(process.env.E2E_PORT ?? 3210) + FAULT_PORTS[name];

/**
 * A fresh database for one test: its own PGlite directory, or its own PostgreSQL database. Secrets are not
 * given: generated and stored by the server (on PostgreSQL in the database, which a deployment has to allow
 * explicitly with FIELDKEY_ALLOW_DB_SECRETS=1: these tests are about several instances sharing them).
 */
export async function freshTarget(name: string) {
  const dir = path.join(TMP, `faults-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const env: Record<string, string> = {
    FIELDKEY_DATA_DIR: path.join(dir, "data"),
    AUTH_SECRET: "",
    FIELDKEY_BACKUP_KEYS: "",
    FIELDKEY_BACKUP_KEY_ID: "",
    SMTP_URL: "",
    // Their webhook receivers listen on this machine (refused by default: lib/webhooks/target.ts).
    FIELDKEY_WEBHOOKS_ALLOW_PRIVATE: "1",
  };
  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = await freshPostgresDatabase(
      process.env.DATABASE_URL,
      `fieldkey_faults_${name.replace(/[^a-z0-9_]/gi, "_")}_${process.env.E2E_PORT ?? 3210}`,
    );
    env.FIELDKEY_ALLOW_DB_SECRETS = "1";
  } else {
    env.DATABASE_URL = "";
  }
  fs.mkdirSync(dir, { recursive: true });
  return { dir, env };
}

/** Run a script of e2e/support with tsx and the server's environment, background jobs off; returns the JSON it wrote to FAULTS_OUT. */
export function runTsx(script: string, env: Record<string, string>, out: string) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env, FIELDKEY_DISABLE_BACKGROUND: "1", FAULTS_OUT: out },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

export function seedFaults(target: { dir: string; env: Record<string, string> }, webhookUrl?: string): FaultsFixture {
  return runTsx("e2e/support/faults-seed.ts", { ...target.env, FAULTS_WEBHOOK_URL: webhookUrl ?? "" }, path.join(target.dir, "fixture.json"));
}

/** Run the invariant check on the database (no server may hold an embedded database meanwhile). */
export function checkFaults(target: { dir: string; env: Record<string, string> }): FaultsCheck {
  return runTsx("e2e/support/faults-check.ts", target.env, path.join(target.dir, "check.json"));
}

/** Sign in through next-auth's credentials endpoint; returns the Cookie header value of the session. */
export async function signInCookie(base: string, email: string, password = PASSWORD) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie, Origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers.get("location")}`);
  return session.split(";")[0]!;
}

/** The body of POST /api/v1/visits: the admin books a visit for a saved customer at one start. */
export function bookingBody(customerId: string, slotStart: string, n = 0) {
  const unknown = { recovery_email: "unknown", security_questions: "unknown", app_account: "unknown", guid_file: "unknown", reset_button: "unknown" };
  return {
    contact: { customerId, name: "", email: "", phone: "" },
    account: { mode: "existing" },
    site: { addressLine1: `${100 + n} Crash Ct`, city: "Cleveland", region: "OH", postalCode: "44101", accessNotes: "" },
    devices: [{ brand: "dahua", kind: "nvr", model: "NVR4108HS", problem: `Locked out #${n}`, recovery: unknown }],
    slotStart,
  };
}

/**
 * A TCP proxy on 127.0.0.1 between the app and PostgreSQL. `cut()` stops
 * accepting and destroys every open connection (the database "goes away");
 * `restore()` accepts again.
 */
export async function tcpProxy(listenPort: number, target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = () => new Promise<void>((resolve, reject) => server.once("error", reject).listen(listenPort, "127.0.0.1", () => resolve()));
  await listen();
  return {
    async cut() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
    get connections() {
      return sockets.size;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
