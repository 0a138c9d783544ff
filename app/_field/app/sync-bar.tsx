"use client";
import { CloudOff, RefreshCw } from "lucide-react";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { syncNow } from "../offline/runner";
import type { OutboxItem } from "../offline/store";
import { useSyncState } from "./tech-writer";

/**
 * Under the header on every technician screen: offline or not, how many
 * writes wait on the phone, when the data was last synced, "Sync now", and
 * how many writes the server refused (Needs attention).
 */
export function SyncBar(props: { userId: string; online: boolean; items: readonly OutboxItem[]; syncedAt: string | null; zone: ZoneAndLocale | null }) {
  const { syncing, authRequired } = useSyncState();
  const waiting = props.items.filter((i) => i.state === "queued").length;
  const attention = props.items.filter((i) => i.state === "attention").length;
  const synced = props.syncedAt && props.zone ? formatDateTime(props.syncedAt, props.zone) : null;
  return (
    <section aria-label="Sync" className="space-y-2">
      {!props.online ? (
        <p role="status" className="flex items-start gap-2 rounded-lg bg-slate-800 px-3 py-2 font-medium text-white" data-testid="offline-banner">
          <CloudOff aria-hidden className="mt-0.5 size-5 shrink-0" />
          <span>Offline — changes are saved on this phone.{synced ? ` Last synced ${synced}.` : " Not synced on this phone yet."}</span>
        </p>
      ) : null}
      {authRequired ? (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-red-900">
          Your session has ended: <a href="/signin?next=/tech">sign in again</a> to send what is saved on this phone. Nothing is lost.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white px-3 py-1 text-sm shadow-sm">
        <p aria-live="polite" data-testid="sync-status">
          <span className="font-semibold" data-testid="pending-count">
            {waiting === 0 ? "All changes synced" : `${waiting} waiting to sync`}
          </span>
          {props.online && synced ? <span className="text-slate-700"> · synced {synced}</span> : null}
        </p>
        <div className="flex items-center gap-2">
          {attention ? (
            <a href="/tech/attention" className="badge bg-red-700 text-white" data-testid="attention-count">
              {attention} need{attention === 1 ? "s" : ""} attention
            </a>
          ) : null}
          <button
            type="button"
            className="btn-secondary min-h-11 px-3"
            disabled={!props.online || syncing}
            onClick={() => void syncNow(props.userId, { force: true, day: true })}
          >
            <RefreshCw aria-hidden className={`size-4 ${syncing ? "animate-spin" : ""}`} />
            {syncing ? "Syncing…" : "Sync now"}
          </button>
        </div>
      </div>
    </section>
  );
}
