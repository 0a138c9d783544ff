"use client";
import { useEffect, useRef, useState } from "react";
import { AlertTriangle, Clock, Hourglass } from "lucide-react";
import type { Brand } from "@/lib/values";
import type { PlaybookEntry } from "@/lib/field/playbook";
import { OUTCOME_LABELS } from "@/lib/values/labels";
import { AttemptSheet } from "./attempt-sheet";
import { heldOrder } from "./held-order";

/**
 * The device's methods in playbook order; tapping one starts its timer and opens the log sheet.
 * Closing the sheet gives the focus back to its Try button; saving, to the device's heading.
 * While the job is open the methods keep the order they were first shown in: a sync that brings a new
 * ranking (other jobs' results) offers it instead of moving the Try buttons under the technician's finger.
 */
export function PlaybookList(props: {
  visitId: string;
  device: { id: string; label: string; brand: Brand };
  entries: PlaybookEntry[];
  authorized: boolean;
  editable: boolean;
  vendorDueHours: number;
}) {
  const { editable } = props;
  const [shown, setShown] = useState(() => props.entries.map((e) => e.method.id));
  const { ordered: entries, changed } = heldOrder(props.entries, (e) => e.method.id, shown);
  const [open, setOpen] = useState<PlaybookEntry | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const focusAfterClose = useRef<"opener" | "device" | null>(null);
  const close = (saved: boolean) => {
    focusAfterClose.current = saved ? "device" : "opener";
    setOpen(null);
  };
  // After the sheet has left the page: while a modal dialog is open, the rest of the page is inert.
  useEffect(() => {
    if (open || !focusAfterClose.current) return;
    (focusAfterClose.current === "device" ? document.getElementById(`device-${props.device.id}`) : opener.current)?.focus();
    focusAfterClose.current = null;
  }, [open, props.device.id]);
  return (
    <>
      <div role="status" className="empty:hidden">
        {changed ? (
          <p className="mb-2 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-300 bg-slate-50 p-2 text-sm text-slate-800">
            <span>New results changed the ranking since you opened this job.</span>
            <button type="button" className="btn-secondary" onClick={() => setShown(props.entries.map((e) => e.method.id))}>
              Show the new order
            </button>
          </p>
        ) : null}
      </div>
      <ol className="space-y-2">
        {entries.map((entry) => {
          const m = entry.method;
          return (
            <li
              key={m.id}
              className={`rounded-lg border p-3 ${entry.lacking ? "border-slate-200 bg-slate-100 text-slate-600" : "border-slate-300 bg-white"}`}
              data-testid={`method-${m.id}`}
            >
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-semibold text-slate-900">
                    {m.name}
                    {entry.tried ? (
                      <span
                        className={`badge ml-2 align-middle ${entry.tried.outcome === "succeeded" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-950"}`}
                      >
                        {entry.tried.outcome === "succeeded" ? "Worked here before" : `Tried here: ${OUTCOME_LABELS[entry.tried.outcome].toLowerCase()}`}
                      </span>
                    ) : null}
                  </p>
                  {entry.recommendation && !entry.lacking ? (
                    <p className="mt-0.5 text-sm text-slate-700" data-testid="recommendation-reason">
                      {entry.recommendation}
                    </p>
                  ) : null}
                  <p className="mt-0.5 flex flex-wrap gap-x-3 text-sm text-slate-700">
                    <span className="inline-flex items-center gap-1">
                      <Clock aria-hidden className="size-4" /> {m.typicalTime}
                    </span>
                    {m.vendorPending ? (
                      <span className="inline-flex items-center gap-1">
                        <Hourglass aria-hidden className="size-4" /> waits on vendor
                      </span>
                    ) : null}
                  </p>
                </div>
                {editable ? (
                  <button
                    type="button"
                    className={entry.lacking ? "btn-secondary shrink-0" : "btn-primary shrink-0"}
                    onClick={(ev) => {
                      opener.current = ev.currentTarget;
                      setOpen(entry);
                    }}
                    aria-label={entry.tried ? `Try ${m.name} again on ${props.device.label}` : `Try ${m.name} on ${props.device.label}`}
                  >
                    {entry.tried ? "Try again" : "Try"}
                  </button>
                ) : null}
              </div>
              {entry.lacking ? <p className="mt-1 text-sm font-medium">{entry.lacking}</p> : null}
              {entry.wipesWarning ? (
                <p className="mt-2 flex gap-1 text-sm font-semibold text-red-800">
                  <AlertTriangle aria-hidden className="size-4 shrink-0" /> {entry.wipesWarning}
                </p>
              ) : null}
              {entry.cautions.map((c) => (
                <p key={c} className="mt-1 text-sm font-medium text-amber-900">
                  {c}
                </p>
              ))}
              <details className="mt-1">
                <summary className="min-h-11 cursor-pointer content-center text-sm font-medium text-brand-700">Requirements and steps</summary>
                <p className="text-sm">{m.requirements}</p>
                <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
                  {m.steps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ol>
                {m.warnings.length ? (
                  <ul className="mt-2 space-y-1 text-sm text-amber-900">
                    {m.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                ) : null}
              </details>
            </li>
          );
        })}
      </ol>
      {open ? <AttemptSheet {...props} entry={open} onClose={() => close(false)} onSaved={() => close(true)} /> : null}
    </>
  );
}
