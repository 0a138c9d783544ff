import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { IntegrationsNav } from "@/app/_ui/integrations/integrations-nav";
import { getSettings } from "@/lib/settings/company";
import { listWebhookDeliveries, listWebhookEndpoints, webhooksAllowPrivate } from "@/lib/webhooks/endpoints";
import { CreateWebhookForm } from "./create-webhook-form";
import { DeliveriesTable } from "./deliveries-table";
import { DisableWebhookButton } from "./disable-button";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await requirePagePermission("webhooks:manage");
  const [endpoints, deliveries, s] = await Promise.all([listWebhookEndpoints(actor), listWebhookDeliveries(actor, { limit: 50 }), getSettings()]);
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
          <p className="text-slate-600">No endpoints yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {endpoints.map((ep) => (
              <li key={ep.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="webhook-endpoint">
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
                  <p className="text-slate-600">
                    {ep.delivered} delivered · {ep.pending} waiting · {ep.failed} failed
                  </p>
                </div>
                {ep.active ? <DisableWebhookButton id={ep.id} url={ep.url} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="deliveries">
        <h2 id="deliveries" className="mb-4 text-lg font-semibold">
          Latest deliveries
        </h2>
        <DeliveriesTable rows={deliveries} zone={s} />
      </section>
    </div>
  );
}
