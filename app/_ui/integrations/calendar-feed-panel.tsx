"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_ui/field";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "./calendar-actions";
import { ShownOnce } from "./shown-once";

/** Create (or replace), copy and turn off one's private calendar subscription URL. */
export function CalendarFeedPanel({ origin, activeSince }: { origin: string; activeSince: string | null }) {
  const [pending, start] = useTransition();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const active = url !== null || (activeSince !== null && success === null);
  const create = () =>
    start(async () => {
      setError(null);
      setSuccess(null);
      const r = await createCalendarFeedAction({});
      if (r.ok) setUrl(origin + r.data.path);
      else setError(r.error);
    });
  const revoke = () =>
    start(async () => {
      if (!window.confirm("Turn off the calendar link? Calendars subscribed to it stop updating.")) return;
      const r = await revokeCalendarFeedAction({});
      if (r.ok) {
        setUrl(null);
        setSuccess("The calendar link is turned off.");
      } else setError(r.error);
    });
  return (
    <div className="space-y-4">
      <FormMessage error={error} success={success} />
      {url ? (
        <ShownOnce
          label="Your calendar subscription URL"
          value={url}
          note="Add it in your calendar app (Google Calendar: Other calendars › From URL; iPhone: Settings › Calendar › Accounts › Add Subscribed Calendar). Anyone with this link can see the visits in it, so keep it private. It is shown only now."
        />
      ) : active ? (
        <p className="text-slate-700">
          You have a calendar link (made {activeSince}). For safety it cannot be shown again: make a new one to get a URL (the old one stops working).
        </p>
      ) : (
        <p className="text-slate-700">You have no calendar link.</p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={create}>
          {active ? "Make a new calendar link" : "Make my calendar link"}
        </button>
        {active ? (
          <button type="button" className="btn-secondary" disabled={pending} onClick={revoke}>
            Turn off the calendar link
          </button>
        ) : null}
      </div>
    </div>
  );
}
