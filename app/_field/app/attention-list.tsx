"use client";
import { AlertTriangle } from "lucide-react";
import type { FieldJob } from "@/lib/field/sync";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { FIELD_WRITE_KIND_LABELS } from "@/lib/values/labels";
import { discard, resend } from "../offline/runner";
import type { OutboxItem } from "../offline/store";

/**
 * Writes the server refused when they arrived: kept on the phone with the
 * server's message until the technician sends them again (after fixing what
 * the message says) or discards them on purpose. Never dropped silently.
 */
export function AttentionList(props: { userId: string; items: readonly OutboxItem[]; jobs: FieldJob[]; zone: ZoneAndLocale }) {
  const refused = props.items.filter((i) => i.state === "attention");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Needs attention</h1>
      {refused.length === 0 ? (
        <p className="card text-slate-700">Nothing needs attention: the server took everything this phone sent.</p>
      ) : (
        <ul className="space-y-3" aria-label="Refused by the server">
          {refused.map((item) => {
            const job = props.jobs.find((j) => j.visit.id === item.visitId);
            return (
              <li key={item.seq} className="card space-y-2 border-red-300" data-testid="attention-item">
                <p className="flex items-start gap-2 font-semibold">
                  <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-700" />
                  <span>{item.summary || FIELD_WRITE_KIND_LABELS[item.kind]}</span>
                </p>
                <p className="text-sm text-slate-700">
                  {job ? `${job.visit.reference} · ${job.customer.name} · ` : ""}made {formatDateTime(item.madeAt, props.zone)}
                </p>
                <p className="rounded-lg bg-red-50 px-3 py-2 text-red-900" data-testid="attention-message">
                  The server said: {item.lastError}
                </p>
                <div className="grid grid-cols-2 gap-2">
                  <button type="button" className="btn-secondary" onClick={() => void resend(props.userId, item)}>
                    Send again
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => {
                      if (window.confirm("Discard this change? It will not reach the server.")) void discard(props.userId, item);
                    }}
                  >
                    Discard
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <a href="/tech">← My day</a>
    </div>
  );
}
