"use client";
import { FormMessage, TextAreaField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import { widgetOriginsSchema } from "@/lib/widget/schemas";
import { setWidgetOriginsAction } from "./actions";

export function WidgetOriginsForm({ current }: { current: string[] }) {
  const { form, onSubmit, formError } = useActionForm(widgetOriginsSchema, setWidgetOriginsAction, {
    defaultValues: { origins: current.join("\n") },
    toast: (saved) => (saved.length ? `Saved. The widget may be shown on ${saved.length} site(s).` : "Saved. No site may show the widget now."),
    onSuccess: (saved) => {
      form.reset({ origins: saved.join("\n") });
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sites allowed to embed the widget">
      <FormMessage error={formError} />
      <TextAreaField
        label="Sites allowed to show the widget"
        id="widget-origins"
        hint="One per line, e.g. https://www.example.com. Browsers refuse to show the widget on any other site."
        error={formState.errors.origins?.message}
        {...register("origins")}
      />
      <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save sites"}
      </button>
    </form>
  );
}
