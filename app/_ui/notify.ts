"use client";
import { toast } from "sonner";

/**
 * The one way the app answers a save: a toast (app/_ui/toaster.tsx) that a
 * screen reader announces. The shared hooks (use-server-action, use-action-form,
 * ActionButton) call these, so every save gets one; call them directly only
 * for work that does not go through those hooks (e.g. a drag and drop).
 *
 * Successes fade after a few seconds (hovering or focusing the list pauses
 * them). Errors stay until dismissed: the person may be looking elsewhere, and
 * the message says what to do. The inline message beside the control
 * (role="alert") stays the primary place for an error; the toast is the
 * reminder that something did not save.
 */

/** What a save says when it worked: a message, one made from the result, or false for nothing (e.g. the page navigates away). */
export type ToastText<T> = string | false | ((data: T) => string | null | undefined);

export type ToastAction = { label: string; onClick: () => void };

export function toastSaved(message: string, opts: { id?: string | number; description?: string; action?: ToastAction } = {}) {
  return toast.success(message, { id: opts.id, description: opts.description, action: opts.action, duration: opts.action ? 10_000 : undefined });
}

export function toastFailed(message: string, opts: { id?: string | number } = {}) {
  return toast.error(message, { id: opts.id, duration: Infinity });
}

/** The text a `ToastText` gives for this result, or null for none. */
export function toastTextFor<T>(text: ToastText<T> | undefined, data: T, fallback: string): string | null {
  if (text === false) return null;
  if (text === undefined) return fallback;
  if (typeof text === "string") return text;
  return text(data) ?? null;
}
