import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { IntegrationsNav } from "@/app/_ui/integrations/integrations-nav";
import { publicOrigin } from "@/app/_ui/integrations/origin";
import { getSettings } from "@/lib/settings/company";
import { WidgetOriginsForm } from "./origins-form";

export const metadata: Metadata = { title: "Booking widget" };

export default async function WidgetSettingsPage() {
  await requirePagePermission("settings:manage");
  const [s, origin] = await Promise.all([getSettings(), publicOrigin()]);
  const snippet = `<script src="${origin}/widget.js" async></script>`;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Booking widget</h1>
        <IntegrationsNav current="/admin/widget" />
        <p className="text-slate-700">
          Put a “Book a visit” box on your own website. For now the box shows your company and opens online booking here in a new tab; booking right inside the
          box comes with the public booking API.
        </p>
      </div>
      <section className="card space-y-3" aria-labelledby="embed">
        <h2 id="embed" className="text-lg font-semibold">
          Embed code
        </h2>
        <p className="text-slate-700">Paste this where the box should appear on your site:</p>
        <pre className="whitespace-pre-wrap break-all rounded-lg bg-slate-900 p-3 text-sm text-slate-100" data-testid="widget-snippet">
          <code>{snippet}</code>
        </pre>
        <p className="text-sm text-slate-600">
          Preview: <a href="/widget">{origin}/widget</a>
        </p>
      </section>
      <section className="card" aria-labelledby="origins">
        <h2 id="origins" className="mb-4 text-lg font-semibold">
          Allowed sites
        </h2>
        <WidgetOriginsForm current={s.widgetAllowedOrigins} />
      </section>
    </div>
  );
}
