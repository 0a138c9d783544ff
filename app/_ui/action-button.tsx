"use client";
import { useId, type ReactNode } from "react";
import type { ActionResult } from "@/lib/platform/action-result";
import { useServerAction, type RunOptions } from "./use-server-action";

type Props<T> = RunOptions<T> & {
  /** The server action, with its input bound: `() => deleteBackupAction({ backupId })` or `action.bind(null, input)`. */
  action: () => Promise<ActionResult<T>>;
  label: ReactNode;
  /** The label while it runs (the button is disabled and aria-busy meanwhile). */
  pendingLabel?: ReactNode;
  /** Read to screen readers after the label (e.g. which row), not shown. */
  context?: string;
  /** Replaces the accessible name (label and context) when the visible label alone is ambiguous. */
  ariaLabel?: string;
  /** What the toast says once it worked (default "Done."). */
  doneMessage?: string | ((data: T) => string);
  className?: string;
  disabled?: boolean;
  /** Take the full width of the container (the button's class decides its own width). */
  block?: boolean;
  id?: string;
};

/**
 * A button that runs one server action: pending state (disabled, aria-busy,
 * pending label), an optional confirm step, and the outcome: a toast either
 * way (useServerAction), and an error also right below the button in
 * role="alert" (scoped to this button, so a test or a screen reader finds the
 * one that belongs to it).
 */
export function ActionButton<T>({
  action,
  label,
  pendingLabel = "Working…",
  context,
  ariaLabel,
  doneMessage,
  className = "btn-secondary",
  disabled = false,
  block = false,
  id,
  confirm,
  onDone,
  onError,
}: Props<T>) {
  const { run, pending, error } = useServerAction();
  const errorId = useId();
  return (
    <span className={`${block ? "flex w-full" : "inline-flex"} flex-col items-start`}>
      <button
        type="button"
        id={id}
        className={className}
        disabled={disabled || pending}
        aria-busy={pending || undefined}
        aria-label={ariaLabel}
        aria-describedby={error ? errorId : undefined}
        onClick={() => run(action, { confirm, onError, onDone, toast: doneMessage })}
      >
        {pending ? pendingLabel : label}
        {context && !ariaLabel ? <span className="sr-only"> {context}</span> : null}
      </button>
      <span role="alert" id={errorId} className={`text-sm text-red-700 ${error ? "mt-1" : ""}`}>
        {error ?? ""}
      </span>
    </span>
  );
}
