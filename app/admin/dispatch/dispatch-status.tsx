"use client";
import { useEffect, useState } from "react";

const EVENT = "fieldkey:dispatch-status";

/** Tell the page-level status region what just happened (the card may have moved lanes). */
export function announceDispatch(message: string) {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: message }));
}

export function DispatchStatus() {
  const [message, setMessage] = useState("");
  useEffect(() => {
    const on = (e: Event) => setMessage((e as CustomEvent<string>).detail);
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
  return (
    <div aria-live="polite" data-testid="dispatch-status">
      {message ? <p className="rounded-lg border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{message}</p> : null}
    </div>
  );
}
