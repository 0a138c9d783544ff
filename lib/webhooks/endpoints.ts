import "server-only";
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/platform/errors";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import { newSecretToken } from "@/lib/platform/secret-tokens";
import { createWebhookSchemaFor, type CreateWebhookInput } from "./schemas";
import { privateTargetsAllowed, targetPolicyReason } from "./target";

/** FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1: endpoints may be on this machine or the local network (http allowed there); else https on the internet only. */
export const webhooksAllowPrivate = privateTargetsAllowed;

/** Register an endpoint. Its signing secret is returned once (the admin gives it to the receiver). */
export async function createWebhookEndpoint(actor: Actor | null, input: CreateWebhookInput, ip: string | null) {
  requirePermission(actor, "webhooks:manage");
  const data = createWebhookSchemaFor(webhooksAllowPrivate()).parse(input);
  // Loopback, private and reserved targets are refused when saved (and again, resolved, before every delivery: ./target.ts).
  const refused = targetPolicyReason(data.url);
  if (refused) throw new ValidationError(refused, { url: [refused] });
  const secret = newSecretToken("whsec_");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url: data.url, description: data.description || null, secret, events: data.events, createdBy: actor.id })
      .returning({ id: webhookEndpoints.id });
    await audit(tx, {
      actorId: actor.id,
      action: "webhook.create",
      entityType: "webhook_endpoint",
      entityId: row!.id,
      details: { url: data.url, events: data.events },
      ip,
    });
    return { id: row!.id, secret };
  });
}

const d = alias(webhookDeliveries, "d");

/** Endpoints with how their deliveries stand (never the secret). */
export async function listWebhookEndpoints(actor: Actor | null) {
  requirePermission(actor, "webhooks:manage");
  const db = await getDb();
  // A subquery over an alias: in a select from one table drizzle leaves column names unqualified, and
  // `d.endpoint_id = ${webhookEndpoints.id}` came out as `d.endpoint_id = "id"` (d's own id): always 0.
  const deliveriesIn = (status: WebhookDeliveryStatus) =>
    sql<number>`(${db
      .select({ n: count() })
      .from(d)
      .where(and(eq(d.endpointId, webhookEndpoints.id), eq(d.status, status)))})`.mapWith(Number);
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      active: webhookEndpoints.active,
      createdAt: webhookEndpoints.createdAt,
      disabledAt: webhookEndpoints.disabledAt,
      pending: deliveriesIn("pending"),
      delivered: deliveriesIn("delivered"),
      failed: deliveriesIn("failed"),
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.active), desc(webhookEndpoints.createdAt));
}

export async function disableWebhookEndpoint(actor: Actor | null, id: string, ip: string | null) {
  requirePermission(actor, "webhooks:manage");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ active: false, disabledAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.active, true)))
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (!row) throw new NotFoundError("That endpoint does not exist or is already disabled.");
    await audit(tx, { actorId: actor.id, action: "webhook.disable", entityType: "webhook_endpoint", entityId: row.id, details: { url: row.url }, ip });
    return row;
  });
}

export type DeliveryFilter = { endpointId?: string; status?: WebhookDeliveryStatus };

/** The WHERE of the deliveries list and its count: the endpoint counters above count the same rows. */
function deliveryConditions(filter: DeliveryFilter): SQL | undefined {
  return and(
    filter.endpointId ? eq(webhookDeliveries.endpointId, filter.endpointId) : undefined,
    filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
  );
}

/** Deliveries, newest first (all endpoints, or one; any status, or one), with the receiver's last answer; a page at a time. */
export async function listWebhookDeliveries(actor: Actor | null, filter: DeliveryFilter, page: PageQuery) {
  requirePermission(actor, "webhooks:manage");
  const db = await getDb();
  const pager = keyset(webhookDeliveries.createdAt, webhookDeliveries.id, page, "timestamptz", "desc");
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
      payload: webhookDeliveries.payload,
      _k: cursorKey(webhookDeliveries.createdAt),
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(deliveryConditions(filter), pager.where))
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return pager.page(rows);
}
export type DeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>["data"][number];

/** How many deliveries the same filter lists. */
export async function countWebhookDeliveries(actor: Actor | null, filter: DeliveryFilter): Promise<number> {
  requirePermission(actor, "webhooks:manage");
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(deliveryConditions(filter));
  return row?.n ?? 0;
}
