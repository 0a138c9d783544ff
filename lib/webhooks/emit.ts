import "server-only";
import { randomUUID } from "node:crypto";
import { and, arrayContains, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { visits, webhookDeliveries, webhookEndpoints, type WebhookEvent } from "@/db/schema";

/**
 * Record an event for every active endpoint subscribed to it: one delivery
 * row each, written with `tx`, the transaction that made the change, so a
 * delivery exists if and only if the change committed. The delivery job
 * sends them later. Returns the event id (in the payload as `id`).
 */
export async function emitEvent(tx: Executor, event: WebhookEvent, data: Record<string, unknown>): Promise<string> {
  const eventId = randomUUID();
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.active, true), arrayContains(webhookEndpoints.events, [event])));
  if (endpoints.length === 0) return eventId;
  const payload = { id: eventId, type: event, createdAt: new Date().toISOString(), data };
  await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ eventId, endpointId: e.id, event, payload })));
  return eventId;
}

/** The payload every visit event carries: enough to act on, no personal details beyond ids. */
export async function emitVisitEvent(tx: Executor, event: Extract<WebhookEvent, `visit.${string}`>, visitId: string, extra: Record<string, unknown> = {}) {
  const [v] = await tx
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      customerId: visits.customerId,
      technicianId: visits.technicianId,
    })
    .from(visits)
    .where(eq(visits.id, visitId));
  if (!v) return null;
  return emitEvent(tx, event, { visit: { ...v, startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString() }, ...extra });
}
