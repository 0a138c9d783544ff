"use client";
import { useEffect, useState } from "react";
import { clockState, formatCountdown, type ClockState } from "@/lib/vendor-cases/clock";

const TONE: Record<ClockState, string> = {
  ok: "bg-slate-100 text-slate-900",
  near: "bg-red-100 text-red-900 ring-1 ring-red-700",
  past: "bg-red-700 text-white",
};

/**
 * Time left to a deadline (a vendor's answer due, an answer about to expire),
 * counting down on the page and turning red within NEAR_DEADLINE_MS of it.
 * It starts from the server's `now` (the same text on both sides), then
 * follows the device's clock. Screen readers get the words, not every tick:
 * the value changes at most once a minute until the last minute.
 */
export function Countdown({ deadline, now, label, pastLabel, testId }: { deadline: string; now: string; label: string; pastLabel: string; testId?: string }) {
  const end = Date.parse(deadline);
  const [at, setAt] = useState(() => Date.parse(now));
  useEffect(() => {
    const tick = () => setAt(Date.now());
    tick();
    const left = end - Date.now();
    const id = setInterval(tick, left > 0 && left < 120_000 ? 1_000 : 15_000);
    return () => clearInterval(id);
  }, [end]);
  const state = clockState(end, at);
  const text = state === "past" ? `${pastLabel} ${formatCountdown(at - end)} ago` : `${formatCountdown(end - at)} ${label}`;
  return (
    <span className={`badge whitespace-nowrap ${TONE[state]}`} data-testid={testId} data-state={state}>
      {text}
    </span>
  );
}
