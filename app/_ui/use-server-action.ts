"use client";
import { useCallback, useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/platform/action-result";
import { toastFailed, toastSaved, toastTextFor, type ToastAction, type ToastText } from "./notify";

/** Shown when the action never answered (offline, server gone): the request may not have arrived. */
export const UNREACHABLE_MESSAGE = "We could not reach the server. Check your connection and try again.";

/** redirect(), notFound() and friends reach the browser as errors with a NEXT_ digest: they are Next's to handle, not failures. */
export function isNextNavigation(err: unknown): boolean {
  return (
    !!err && typeof err === "object" && "digest" in err && /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK|NOT_FOUND)/.test(String((err as { digest: unknown }).digest))
  );
}

export type RunOptions<T> = {
  /** Asked with the browser's confirm dialog first; nothing runs unless the person agrees. */
  confirm?: string;
  /** After it worked (e.g. move the focus, show what changed). */
  onDone?: (data: T) => void;
  /** After the server refused (the message is shown already); e.g. mark a field. */
  onError?: (result: Extract<ActionResult<T>, { ok: false }>) => void;
  /** The toast once it worked (default "Done."; false for none, e.g. when the page moves on). Failures always toast. */
  toast?: ToastText<T>;
  /** A button on the success toast (e.g. Undo). */
  toastAction?: ToastAction;
};

/**
 * Run server actions in a transition: `pending` while one runs, `error` with the
 * server's message (or UNREACHABLE_MESSAGE) when it fails. The one copy of this
 * pattern: ActionButton is built on it; forms with more than a button use it
 * directly (e.g. a role select and its row's buttons sharing one message).
 * Every outcome also answers with a toast (app/_ui/notify.ts); one toast per
 * hook, so a success replaces the error it follows.
 */
export function useServerAction() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toastId = useId();
  const run = useCallback(
    <T>(action: () => Promise<ActionResult<T>>, opts: RunOptions<T> = {}) => {
      if (opts.confirm && !window.confirm(opts.confirm)) return;
      start(async () => {
        setError(null);
        let result: ActionResult<T>;
        try {
          result = await action();
        } catch (err) {
          if (isNextNavigation(err)) throw err;
          setError(UNREACHABLE_MESSAGE);
          toastFailed(UNREACHABLE_MESSAGE, { id: toastId });
          return;
        }
        if (result.ok) {
          const text = toastTextFor(opts.toast, result.data, "Done.");
          if (text) toastSaved(text, { id: toastId, action: opts.toastAction });
          opts.onDone?.(result.data);
        } else {
          setError(result.error);
          toastFailed(result.error, { id: toastId });
          opts.onError?.(result);
        }
      });
    },
    [toastId],
  );
  return { run, pending, error, setError };
}
