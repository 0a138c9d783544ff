"use client";
import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useState } from "react";
import { config as zodConfig } from "zod";
import { DateFormatScope } from "@/app/_ui/date-format";
import type { ZoneAndLocale } from "@/lib/format/dates";
import { syncNow } from "../offline/runner";
import { getCurrentUser, removeOtherUsersStores, setCurrentUser, userStore } from "../offline/store";
import { AttentionList } from "./attention-list";
import { DayList, type DayRange } from "./day-list";
import { JobScreen } from "./job-screen";
import { SyncBar } from "./sync-bar";

// zod probes `Function("")` once to decide on compiled parsers; under the nonce CSP that probe is a
// reported violation (and refused anyway). The phone's forms parse small objects: no compilation needed.
zodConfig({ jitless: true });

export type TechView = { kind: "day"; range: DayRange } | { kind: "job"; visitId: string } | { kind: "attention" } | { kind: "other" };
export type TechAppProps = {
  /** The signed-in technician (online pages); the offline shell reads who last used this phone. */
  user?: { id: string; name: string };
  /** Which screen (online pages); the offline shell reads it from the address. */
  view?: TechView;
  zone?: ZoneAndLocale;
  maxBytes?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The screen an address under /tech shows (the offline shell answers all of them). */
export function viewFromLocation(pathname: string, search: string): TechView {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/tech") {
    const range = new URLSearchParams(search).get("range");
    return { kind: "day", range: range === "tomorrow" || range === "week" ? range : "today" };
  }
  if (path === "/tech/attention") return { kind: "attention" };
  const m = /^\/tech\/visits\/([^/]+)$/.exec(path);
  if (m && UUID.test(m[1]!)) return { kind: "job", visitId: m[1]!.toLowerCase() };
  return { kind: "other" };
}

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

/**
 * The technician's app: one UI over the phone's store, the same online (inside
 * the server-rendered pages) and offline (inside the shell the service worker
 * serves). It sends the queue on open, on `online`, when the service worker
 * asks (Background Sync) and every half minute while something waits.
 */
export default function TechApp(props: TechAppProps) {
  const [user, setUser] = useState<{ id: string; name: string } | null | undefined>(props.user);
  useEffect(() => {
    if (props.user) {
      void setCurrentUser(props.user).then(() => removeOtherUsersStores(props.user!.id));
      return;
    }
    void getCurrentUser().then(setUser);
  }, [props.user]);
  if (user === undefined)
    return (
      <p className="card text-slate-700" role="status">
        Loading…
      </p>
    );
  if (user === null)
    return (
      <div className="card space-y-2">
        <h1 className="text-xl font-bold">FieldKey is offline</h1>
        <p>Nobody has signed in on this phone yet. Sign in once with a connection, and today&apos;s and tomorrow&apos;s jobs are kept for offline use.</p>
      </div>
    );
  return <SignedIn {...props} user={user} />;
}

function SignedIn(props: TechAppProps & { user: { id: string; name: string } }) {
  const { user } = props;
  const online = useOnline();
  const [view] = useState<TechView>(() => props.view ?? viewFromLocation(location.pathname, location.search));
  const db = userStore(user.id);
  const items = useLiveQuery(() => db.outbox.orderBy("seq").toArray(), [db]) ?? [];
  const jobs = useLiveQuery(() => db.jobs.toArray(), [db]);
  const day = useLiveQuery(() => db.meta.get("day"), [db])?.value;

  useEffect(() => {
    if ("serviceWorker" in navigator && process.env.NODE_ENV === "production") {
      navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" }).catch(() => {});
    }
    void navigator.storage?.persist?.().catch(() => false);
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === "fieldkey-sync") void syncNow(user.id, { force: true });
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    const onOnline = () => void syncNow(user.id, { force: true, day: true });
    window.addEventListener("online", onOnline);
    // App open: send what waits, then fetch the day.
    if (navigator.onLine) void syncNow(user.id, { force: true, day: true });
    const timer = setInterval(() => {
      if (navigator.onLine) void syncNow(user.id);
    }, 30_000);
    return () => {
      navigator.serviceWorker?.removeEventListener("message", onMessage);
      window.removeEventListener("online", onOnline);
      clearInterval(timer);
    };
  }, [user.id]);

  const zone = props.zone ?? (day ? { timeZone: day.company.timeZone, locale: day.company.locale } : null);
  const allJobs = (jobs ?? []).map((j) => j.job);
  const body = (() => {
    if (!jobs) return <p className="card text-slate-700">Loading…</p>;
    switch (view.kind) {
      case "day":
        return zone ? <DayList userId={user.id} range={view.range} day={day} jobs={allJobs} items={items} zone={zone} /> : <p className="card">Loading…</p>;
      case "job": {
        const stored = jobs.find((j) => j.id === view.visitId)?.job;
        return (
          <JobScreen
            userId={user.id}
            visitId={view.visitId}
            stored={stored}
            items={items}
            online={online}
            maxBytes={props.maxBytes ?? day?.maxBackupBytes ?? 20 * 1024 * 1024}
          />
        );
      }
      case "attention":
        return zone ? <AttentionList userId={user.id} items={items} jobs={allJobs} zone={zone} /> : null;
      default:
        return (
          <div className="card space-y-2">
            <h1 className="text-xl font-bold">This page needs a connection</h1>
            <p>
              Offline, FieldKey shows <a href="/tech">your day</a> and its jobs.
            </p>
          </div>
        );
    }
  })();
  const content = (
    <div className="space-y-4">
      <SyncBar userId={user.id} online={online} items={items} syncedAt={day?.syncedAt ?? null} zone={zone} />
      {body}
    </div>
  );
  // One element whether the zone is known yet or not: the day's first sync must not re-mount the screen.
  return <DateFormatScope zone={zone}>{content}</DateFormatScope>;
}
