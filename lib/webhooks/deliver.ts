import "server-only";
import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { registerJob } from "@/lib/platform/background";
import { signatureHeader } from "./signature";
import { pinnedLookup, resolveTarget, type Resolve, type Target } from "./target";

export const MAX_ATTEMPTS = 8;
export const TIMEOUT_MS = 10_000;
/** A claim older than this is taken to be from an instance that died mid-delivery. */
export const STALE_CLAIM_SECONDS = 120;

/** Seconds before retry n+1 after n failed attempts: 30 s, 1 min, 2 min ... capped at 6 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

/**
 * Claim due deliveries for this worker, atomically: rows another instance is
 * claiming are skipped (FOR UPDATE SKIP LOCKED), so each is sent by one
 * instance at a time. Stale claims (an instance died) become due again.
 */
export async function claimDueDeliveries(db: Executor, workerId: string, batch = 20) {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      or(
        and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, sql`now()`)),
        and(eq(webhookDeliveries.status, "sending"), lt(webhookDeliveries.claimedAt, sql`now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`)),
      ),
    )
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(batch)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ status: "sending", claimedAt: sql`now()`, claimedBy: workerId, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(inArray(webhookDeliveries.id, due))
    .returning({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
    });
}

type Claimed = Awaited<ReturnType<typeof claimDueDeliveries>>[number];
/** What a delivery learned: the receiver's status code, never its body (a webhook must not be a way to read what a server answers). */
type Outcome = { ok: boolean; statusCode: number | null; error: string | null };

/** POST to the address that was checked (pinned lookup; TLS still checks the certificate against the URL's host name). */
function post(target: Extract<Target, { ok: true }>, secret: string, d: Claimed): Promise<Outcome> {
  const body = JSON.stringify(d.payload);
  const ts = Math.floor(Date.now() / 1000);
  const send = target.url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve) => {
    const req = send(
      target.url,
      {
        method: "POST",
        lookup: pinnedLookup(target.address, target.family) as never,
        agent: false,
        timeout: TIMEOUT_MS,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "FieldKey-Webhooks/1",
          "FieldKey-Event": d.event,
          "FieldKey-Delivery": d.id,
          "FieldKey-Timestamp": String(ts),
          "FieldKey-Signature": signatureHeader(secret, ts, body),
        },
      },
      (res) => {
        res.resume(); // the body is not read into anything
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        res.on("end", () => resolve({ ok, statusCode: status, error: ok ? null : `Receiver answered ${status}` }));
        res.on("error", () => resolve({ ok, statusCode: status, error: ok ? null : `Receiver answered ${status}` }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error(`No answer within ${TIMEOUT_MS / 1000} s`), { name: "TimeoutError" })));
    req.on("error", (e) => {
      const msg = e.name === "TimeoutError" ? e.message : `Could not connect: ${e.message}`;
      resolve({ ok: false, statusCode: null, error: msg.slice(0, 500) });
    });
    req.end(body);
  });
}

/** Record the outcome, only if this worker still holds the claim. */
async function settle(db: Executor, workerId: string, d: Claimed, o: Outcome, reason?: string) {
  const giveUp = !o.ok && (d.attempts >= MAX_ATTEMPTS || reason);
  await db
    .update(webhookDeliveries)
    .set({
      status: o.ok ? "delivered" : giveUp ? "failed" : "pending",
      lastStatusCode: o.statusCode,
      lastError: reason ?? o.error,
      deliveredAt: o.ok ? sql`now()` : null,
      nextAttemptAt: o.ok || giveUp ? sql`now()` : sql`now() + make_interval(secs => ${backoffSeconds(d.attempts)})`,
      claimedAt: null,
      claimedBy: null,
    })
    .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.claimedBy, workerId), eq(webhookDeliveries.status, "sending")));
}

/** One run of the delivery job: claim, POST (concurrently), record. Returns how many were sent successfully. */
export async function deliverDueWebhooks(opts: { db?: Executor; workerId?: string; batch?: number; resolve?: Resolve } = {}) {
  const db = opts.db ?? (await getDb());
  const workerId = opts.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const claimed = await claimDueDeliveries(db, workerId, opts.batch);
  if (claimed.length === 0) return { claimed: 0, delivered: 0 };
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, secret: webhookEndpoints.secret, active: webhookEndpoints.active })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((c) => c.endpointId))]));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  let delivered = 0;
  await Promise.all(
    claimed.map(async (d) => {
      const ep = byId.get(d.endpointId);
      if (!ep || !ep.active) return settle(db, workerId, d, { ok: false, statusCode: null, error: null }, "The endpoint was disabled.");
      // Resolved once, here; the connection goes to the address checked now.
      const target = await resolveTarget(ep.url, opts.resolve);
      const outcome = target.ok ? await post(target, ep.secret, d) : { ok: false, statusCode: null, error: target.reason };
      if (outcome.ok) delivered++;
      return settle(db, workerId, d, outcome);
    }),
  );
  return { claimed: claimed.length, delivered };
}

registerJob({ name: "webhook-delivery", everyMs: 5_000, run: async () => void (await deliverDueWebhooks()) });
