import type { Metadata } from "next";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { IntegrationsNav } from "@/app/_ui/integrations/integrations-nav";
import { listApiTokens } from "@/lib/api/tokens";
import { formatDateTime } from "@/lib/format/dates";
import { getSettings } from "@/lib/settings/company";
import { listUsers } from "@/lib/users/manage";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-button";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requirePagePermission("api-tokens:manage");
  const [tokens, people, s] = await Promise.all([listApiTokens(actor), listUsers(actor), getSettings()]);
  const state = (t: (typeof tokens)[number]) =>
    t.revokedAt
      ? ["Revoked", "bg-slate-200 text-slate-700"]
      : t.expired
        ? ["Expired", "bg-amber-100 text-amber-900"]
        : ["Active", "bg-green-100 text-green-800"];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">API tokens</h1>
        <IntegrationsNav current="/admin/api-tokens" />
        <p className="text-slate-700">
          Other systems call the <a href="/api/docs">FieldKey API</a> with a token. Each token acts as one person (their role decides what it can see) and only
          within the scopes you tick.
        </p>
      </div>
      <section className="card" aria-labelledby="new-token">
        <h2 id="new-token" className="mb-4 text-lg font-semibold">
          Create a token
        </h2>
        <CreateTokenForm people={people.filter((p) => !p.disabledAt).map((p) => ({ id: p.id, name: p.name, role: p.role, email: p.email }))} />
      </section>
      <section className="card" aria-labelledby="all-tokens">
        <h2 id="all-tokens" className="mb-4 text-lg font-semibold">
          Tokens
        </h2>
        {tokens.length === 0 ? (
          <EmptyState title="No tokens yet." compact>
            Make one above for each system that should use the API (an accounting sync, a CRM). Each acts as one person and sees only what they may.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200">
            {tokens.map((t) => {
              const [label, cls] = state(t);
              return (
                <li
                  key={t.id}
                  className="flex flex-wrap items-start justify-between gap-3 py-3"
                  data-testid={`token-${t.name}`}
                  data-record
                  data-no-open="A token has no page of its own: this row is all FieldKey keeps of it (the secret is shown once, when made)."
                >
                  <div className="min-w-0 space-y-1 text-sm">
                    <p className="font-medium">
                      {t.name} <span className={`badge ${cls}`}>{label}</span>
                    </p>
                    <p>
                      <code>{t.tokenPrefix}…</code> acts as {t.userName} ({t.userRole})
                    </p>
                    <p className="break-words text-slate-600">{t.scopes.join(", ")}</p>
                    <p className="text-slate-600">
                      Created {formatDateTime(t.createdAt, s)} · last used {t.lastUsedAt ? formatDateTime(t.lastUsedAt, s) : "—"}
                      {t.expiresAt ? ` · expires ${formatDateTime(t.expiresAt, s)}` : ""}
                      {t.revokedAt ? ` · revoked ${formatDateTime(t.revokedAt, s)}` : ""}
                    </p>
                  </div>
                  {!t.revokedAt ? <RevokeTokenButton id={t.id} name={t.name} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
