"use client";
import { useEffect, useState } from "react";
import type { SlotOptions } from "@/lib/booking/slot-options";
import type { ActionResult } from "@/lib/platform/action-result";
import { useRovingFocus } from "./use-roving-focus";

/**
 * Days with free time, then the free start times of the chosen day. Buttons
 * throughout (keyboard and screen-reader friendly); the choice is the slot's
 * ISO start. `reloadKey` changes force a fresh fetch (e.g. after "just taken").
 * The days and the times are one tab stop each: the arrow keys, Home and End
 * move along them, Enter or Space picks.
 */
export function SlotPicker({
  load,
  value,
  onChange,
  error,
  reloadKey = 0,
  idPrefix = "slot",
}: {
  load: () => Promise<ActionResult<SlotOptions>>;
  value: string;
  onChange: (start: string) => void;
  error?: string;
  reloadKey?: string | number;
  idPrefix?: string;
}) {
  const [options, setOptions] = useState<SlotOptions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);

  const [retry, setRetry] = useState(0);

  useEffect(() => {
    let live = true;
    load()
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setLoadError(r.error);
        setLoadError(null);
        setOptions(r.data);
        setDay((d) => (d && r.data.days.some((x) => x.day === d) ? d : (r.data.days[0]?.day ?? null)));
      })
      .catch(() => live && setLoadError("We could not load the free times. Check your connection and try again."));
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `reloadKey` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reloadKey, retry]);

  const dayList = options?.days ?? [];
  const current = dayList.find((d) => d.day === day);
  const dayNav = useRovingFocus(
    dayList.length,
    dayList.findIndex((d) => d.day === day),
  );
  const timeNav = useRovingFocus(current?.slots.length ?? 0, current?.slots.findIndex((s) => s.start === value) ?? -1);

  const errorId = `${idPrefix}-error`;
  if (loadError)
    return (
      <div>
        <p className="field-error">{loadError}</p>
        <button
          type="button"
          className="btn-secondary mt-2"
          onClick={() => {
            setLoadError(null);
            setOptions(null);
            setRetry((n) => n + 1);
          }}
        >
          Try again
        </button>
      </div>
    );
  if (!options) return <p aria-live="polite">Loading free times…</p>;
  return (
    <div>
      <p id={errorId} className="field-error mb-2" aria-live="polite" data-testid="slot-error">
        {error ?? ""}
      </p>
      {options.days.length === 0 ? (
        <p>No free times in the coming weeks for these devices. Please call us and we will fit you in.</p>
      ) : (
        <>
          <fieldset className="min-w-0">
            <legend className="label">
              Day<span className="sr-only"> (arrow keys move between days)</span>
            </legend>
            <div className="-mx-1 flex gap-2 overflow-x-auto px-1 pt-1 pb-2 sm:flex-wrap" data-testid="slot-days" onKeyDown={dayNav.onKeyDown}>
              {options.days.map((d, i) => (
                <button
                  key={d.day}
                  type="button"
                  data-roving
                  {...dayNav.itemProps(i)}
                  aria-pressed={d.day === day}
                  onClick={() => {
                    setDay(d.day);
                    timeNav.reset();
                  }}
                  className={`btn relative shrink-0 border ${d.day === day ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
                >
                  {d.label}
                  <span className="sr-only">, {d.slots.length} free times</span>
                </button>
              ))}
            </div>
          </fieldset>
          {current ? (
            <fieldset className="mt-3 min-w-0" aria-describedby={error ? errorId : undefined}>
              <legend className="label">
                Start time ({options.timeZone.replace(/_/g, " ")}; the visit takes about {options.visitMinutes} minutes)
                <span className="sr-only"> (arrow keys move between times)</span>
              </legend>
              <div className="grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="slot-times" onKeyDown={timeNav.onKeyDown}>
                {current.slots.map((s, i) => (
                  <button
                    key={s.start}
                    type="button"
                    data-roving
                    {...timeNav.itemProps(i)}
                    aria-pressed={s.start === value}
                    onClick={() => onChange(s.start)}
                    className={`btn relative border px-2 ${s.start === value ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"}`}
                  >
                    <span className="sr-only">{current.label} </span>
                    {s.label}
                  </button>
                ))}
              </div>
            </fieldset>
          ) : null}
        </>
      )}
    </div>
  );
}
