"use client";
import { useCallback, useEffect, useState } from "react";

type TimerState = { startedAt: number; accumulatedMs: number; runningSince: number | null };

/**
 * A start/stop timer for one attempt, kept in localStorage so a reload or a
 * locked phone does not lose it. Starts when first shown.
 */
export function useAttemptTimer(key: string) {
  const [state, setState] = useState<TimerState | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let s: TimerState | null = null;
    try {
      s = JSON.parse(localStorage.getItem(key) ?? "null") as TimerState | null;
    } catch {
      s = null;
    }
    if (!s || typeof s.startedAt !== "number") s = { startedAt: Date.now(), accumulatedMs: 0, runningSince: Date.now() };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading the persisted timer once on mount
    setState(s);
  }, [key]);

  useEffect(() => {
    if (state) localStorage.setItem(key, JSON.stringify(state));
  }, [key, state]);

  useEffect(() => {
    if (!state?.runningSince) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [state?.runningSince]);

  const elapsedSeconds = state ? Math.floor((state.accumulatedMs + (state.runningSince ? Math.max(0, now - state.runningSince) : 0)) / 1000) : 0;
  const running = !!state?.runningSince;
  const toggle = useCallback(() => {
    setState((s) => {
      if (!s) return s;
      const t = Date.now();
      return s.runningSince ? { ...s, accumulatedMs: s.accumulatedMs + (t - s.runningSince), runningSince: null } : { ...s, runningSince: t };
    });
    setNow(Date.now());
  }, []);
  const clear = useCallback(() => localStorage.removeItem(key), [key]);
  return { elapsedSeconds, running, toggle, clear, startedAt: state ? new Date(state.startedAt).toISOString() : undefined };
}
