"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/platform/action-result";
import { toastFailed, toastSaved, toastTextFor, type ToastText } from "./notify";
import { isNextNavigation, UNREACHABLE_MESSAGE } from "./use-server-action";

/** A schema, or a loader of one (`() => import("@/lib/…/schemas").then((m) => m.x)`): then zod is not in the page's first load. */
export type SchemaSource<S> = S | (() => Promise<S>);

/**
 * The resolver for a schema given directly, or loaded on first validation.
 * A loaded schema is also fetched once the browser is idle after hydration,
 * so the first blur or submit rarely waits for it.
 */
export function useSchemaResolver<S extends z.ZodType<FieldValues, FieldValues>>(source: SchemaSource<S>): Resolver<z.input<S>, unknown, z.output<S>> {
  useEffect(() => {
    if (typeof source !== "function") return;
    const load = () => void (source as () => Promise<S>)().catch(() => {});
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(load, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const t = setTimeout(load, 1000);
    return () => clearTimeout(t);
  }, [source]);
  if (typeof source !== "function") return zodResolver(source as never) as never;
  return (async (values: unknown, context: unknown, options: unknown) =>
    (zodResolver((await (source as () => Promise<S>)()) as never) as (...a: unknown[]) => unknown)(values, context, options)) as never;
}

/**
 * react-hook-form with the shared zod schema on the client, and the same
 * schema again in the server action. Server field errors land on the fields;
 * anything else in `formError`. Each submit answers with a toast
 * (app/_ui/notify.ts): `toast` says what was saved (default "Saved."; false
 * when the page moves on by itself); a refusal toasts its message too, and
 * stays until dismissed or replaced by the next outcome of this form.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>(
  schema: SchemaSource<S>,
  action: (input: z.output<S>) => Promise<ActionResult<T>>,
  opts: {
    defaultValues?: DefaultValues<z.input<S>>;
    onSuccess?: (data: T) => void;
    /**
     * Send what was typed rather than the parsed values: for schemas that transform
     * (money text to cents), which the server action parses again. The action then
     * takes the schema's input: pass it as `action as never`.
     */
    sendInput?: boolean;
    /** What the success toast says (default "Saved."); false for none. */
    toast?: ToastText<T>;
  } = {},
) {
  const toastId = useId();
  const resolver = useSchemaResolver(schema);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver,
    defaultValues: opts.defaultValues,
    mode: "onTouched",
  });
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    let result: ActionResult<T>;
    try {
      result = await (action as (input: unknown) => Promise<ActionResult<T>>)(opts.sendInput ? form.getValues() : values);
    } catch (err) {
      // A redirect from the action is not an error; Next handles it.
      if (isNextNavigation(err)) throw err;
      setFormError(UNREACHABLE_MESSAGE);
      toastFailed(UNREACHABLE_MESSAGE, { id: toastId });
      return;
    }
    if (!result) return;
    if (result.ok) {
      const text = toastTextFor(opts.toast, result.data, "Saved.");
      if (text) toastSaved(text, { id: toastId });
      opts.onSuccess?.(result.data);
      return;
    }
    setFormError(result.error);
    toastFailed(result.error, { id: toastId });
    for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (name !== "_form") form.setError(name as Path<z.input<S>>, { type: "server", message: messages[0] });
    }
  });
  return { form, onSubmit, formError, setFormError };
}

/** The first error message of a field, by dot path. */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  const msg = (node as { message?: unknown } | undefined)?.message;
  return typeof msg === "string" ? msg : undefined;
}
