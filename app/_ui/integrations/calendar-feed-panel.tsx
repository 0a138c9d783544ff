"use client";
import { useState } from "react";
import { ActionButton } from "@/app/_ui/action-button";
import { FormMessage } from "@/app/_ui/field";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "./calendar-actions";
import { ShownOnce } from "./shown-once";

/** Create (or replace), copy and turn off one's private calendar subscription URL. */
export function CalendarFeedPanel({ origin, activeSince }: { origin: string; activeSince: string | null }) {
  const [url, setUrl] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const active = url !== null || (activeSince !== null && success === null);
  return (
    <div className="space-y-4">
      <FormMessage success={success} />
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
        <ActionButton
          action={() => createCalendarFeedAction({})}
          label={active ? "Make a new calendar link" : "Make my calendar link"}
          pendingLabel="Making the link…"
          className="btn-primary"
          doneMessage="Calendar link made. Copy it into your calendar app."
          onDone={(r) => {
            setSuccess(null);
            setUrl(origin + r.path);
          }}
        />
        {active ? (
          <ActionButton
            action={() => revokeCalendarFeedAction({})}
            label="Turn off the calendar link"
            pendingLabel="Turning it off…"
            confirm="Turn off the calendar link? Calendars subscribed to it stop updating."
            doneMessage="The calendar link is turned off."
            onDone={() => {
              setUrl(null);
              setSuccess("The calendar link is turned off.");
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
