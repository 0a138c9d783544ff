"use client";
import { useEffect, useState } from "react";

const EVENT = "fieldkey:dispatch-status";
type Detail = { message: string; tone: "done" | "error" };

/** Tell the board what just happened: a refusal is shown in its alert region (a success has its toast and the "Just moved" list). */
export function announceDispatch(message: string, tone: Detail["tone"] = "done") {
  window.dispatchEvent(new CustomEvent<Detail>(EVENT, { detail: { message, tone } }));
}

/**
 * Why the last drag or undo was refused, beside the board (role=alert): a drop
 * has no form to put the server's message in. Cleared by the next success.
 */
export function DispatchStatus() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const on = (e: Event) => {
      const d = (e as CustomEvent<Detail>).detail;
      setError(d.tone === "error" ? d.message : null);
    };
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
  return (
    <div role="alert" data-testid="dispatch-status">
      {error ? <p className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
    </div>
  );
}
