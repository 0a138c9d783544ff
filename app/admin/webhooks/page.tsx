import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import { IntegrationsNav } from "@/app/_ui/integrations/integrations-nav";
import { getSettings } from "@/lib/settings/company";
import type { Actor } from "@/lib/auth/permissions";
import { WEBHOOK_DELIVERY_STATUSES } from "@/lib/values";
import { WEBHOOK_DELIVERY_STATUS_LABELS } from "@/lib/values/labels";
import { countWebhookDeliveries, listWebhookDeliveries, listWebhookEndpoints, webhooksAllowPrivate, type DeliveryFilter } from "@/lib/webhooks/endpoints";
import { CreateWebhookForm } from "./create-webhook-form";
import { DeliveriesTable } from "./deliveries-table";
import { DisableWebhookButton } from "./disable-button";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Webhooks" };

const PAGE_SIZE = 25;

/** This page of deliveries; a cursor that no longer reads starts again from the first page. */
async function loadDeliveries(actor: Actor, filter: DeliveryFilter, cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listWebhookDeliveries(actor, filter, { limit: PAGE_SIZE, cursor: c }))).page;
}

const deliveriesHref = (endpointId: string, status: string) => `/admin/webhooks?endpoint=${endpointId}&status=${status}#deliveries`;

type SearchParams = { endpoint?: string | string[]; status?: string | string[]; cursor?: string | string[] };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("webhooks:manage");
  const sp = await searchParams;
  const endpoints = await listWebhookEndpoints(actor);
  const endpointId = endpoints.find((e) => e.id === sp.endpoint)?.id;
  const status = WEBHOOK_DELIVERY_STATUSES.find((x) => x === sp.status);
  const filter: DeliveryFilter = { endpointId, status };
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const [deliveries, total, s] = await Promise.all([loadDeliveries(actor, filter, cursor), countWebhookDeliveries(actor, filter), getSettings()]);
  const filtered = !!(endpointId || status);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Webhooks</h1>
        <IntegrationsNav current="/admin/webhooks" />
        <p className="text-slate-700">
          FieldKey POSTs a signed JSON message to each endpoint when a subscribed event happens, and retries with growing pauses until the receiver answers 2xx.
          The README shows how to verify the signature.
        </p>
      </div>
      <section className="card" aria-labelledby="new-endpoint">
        <h2 id="new-endpoint" className="mb-4 text-lg font-semibold">
          Add an endpoint
        </h2>
        <CreateWebhookForm allowPrivate={webhooksAllowPrivate()} />
      </section>
      <section className="card" aria-labelledby="endpoints">
        <h2 id="endpoints" className="mb-4 text-lg font-semibold">
          Endpoints
        </h2>
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet.">Add one above: FieldKey then tells that system about bookings, moves, cancellations and backups.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {endpoints.map((ep) => (
              <li key={ep.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="webhook-endpoint" data-record>
                <div className="min-w-0 space-y-1">
                  <p className="break-all font-medium">
                    {ep.url}{" "}
                    {ep.active ? (
                      <span className="badge bg-green-100 text-green-800">Active</span>
                    ) : (
                      <span className="badge bg-slate-200 text-slate-700">Disabled</span>
                    )}
                  </p>
                  {ep.description ? <p>{ep.description}</p> : null}
                  <p className="break-words text-slate-600">{ep.events.join(", ")}</p>
                  <p className="text-slate-600" data-testid="endpoint-counters">
                    <Link href={deliveriesHref(ep.id, "delivered")}>{ep.delivered} delivered</Link> ·{" "}
                    <Link href={deliveriesHref(ep.id, "pending")}>{ep.pending} waiting</Link> ·{" "}
                    <Link href={deliveriesHref(ep.id, "failed")}>{ep.failed} failed</Link>
                  </p>
                </div>
                {ep.active ? <DisableWebhookButton id={ep.id} url={ep.url} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card space-y-4" aria-labelledby="deliveries-title" id="deliveries">
        <h2 id="deliveries-title" className="text-lg font-semibold">
          Deliveries
        </h2>
        <form method="get" action="/admin/webhooks#deliveries" className="flex flex-wrap items-end gap-3" aria-label="Filter deliveries">
          <div>
            <label htmlFor="wd-endpoint" className="label">
              Endpoint
            </label>
            <select id="wd-endpoint" name="endpoint" defaultValue={endpointId ?? ""} className="input max-w-xs">
              <option value="">Every endpoint</option>
              {endpoints.map((ep) => (
                <option key={ep.id} value={ep.id}>
                  {ep.url}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="wd-status" className="label">
              Status
            </label>
            <select id="wd-status" name="status" defaultValue={status ?? ""} className="input">
              <option value="">Any status</option>
              {WEBHOOK_DELIVERY_STATUSES.map((st) => (
                <option key={st} value={st}>
                  {WEBHOOK_DELIVERY_STATUS_LABELS[st]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Show deliveries
          </button>
          {filtered ? <Link href="/admin/webhooks#deliveries">Show all</Link> : null}
        </form>
        <p className="text-sm text-slate-700" data-testid="delivery-total">
          {total} deliver{total === 1 ? "y" : "ies"}
          {filtered ? " match" : ""}, newest first.
        </p>
        {deliveries.data.length ? (
          <DeliveriesTable rows={deliveries.data} zone={s} />
        ) : (
          <EmptyState title={filtered ? "No deliveries match." : "No deliveries yet."} compact>
            {filtered ? "Pick another endpoint or status." : "A delivery appears here each time a subscribed event happens."}
          </EmptyState>
        )}
        <Pager
          path="/admin/webhooks"
          params={{ endpoint: endpointId, status }}
          prevCursor={deliveries.prevCursor}
          nextCursor={deliveries.nextCursor}
          label="Delivery pages"
        />
      </section>
    </div>
  );
}
