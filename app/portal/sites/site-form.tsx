"use client";
import { FormMessage, TextAreaField, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { siteEditSchema } from "@/lib/customers/schemas";
import { updateSiteAction } from "../places-actions";

type Site = {
  id: string;
  label: string | null;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
  accessNotes: string | null;
};

export function SiteForm({ site }: { site: Site }) {
  const { form, onSubmit, formError } = useActionForm(siteEditSchema, updateSiteAction, {
    defaultValues: {
      siteId: site.id,
      label: site.label ?? "",
      addressLine1: site.addressLine1,
      addressLine2: site.addressLine2 ?? "",
      city: site.city,
      region: site.region,
      postalCode: site.postalCode,
      accessNotes: site.accessNotes ?? "",
    },
    toast: (): string => `Address saved: ${form.getValues("addressLine1")}.`,
  });
  const { register, formState } = form;
  const e = formState.errors;
  const id = (f: string) => `s-${site.id}-${f}`;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 grid gap-3 sm:grid-cols-2" aria-label="Edit address">
      <div className="sm:col-span-2">
        <FormMessage error={formError} id={id("message")} />
      </div>
      <TextField label="Name for this place" id={id("label")} maxLength={100} error={errorAt(e, "label")} {...register("label")} />
      <TextField label="Street address" id={id("line1")} maxLength={200} error={errorAt(e, "addressLine1")} {...register("addressLine1")} />
      <TextField label="Apartment, suite, floor" id={id("line2")} maxLength={200} error={errorAt(e, "addressLine2")} {...register("addressLine2")} />
      <TextField label="City" id={id("city")} maxLength={100} error={errorAt(e, "city")} {...register("city")} />
      <TextField label="State" id={id("region")} maxLength={100} error={errorAt(e, "region")} {...register("region")} />
      <TextField label="ZIP code" id={id("postal")} maxLength={20} error={errorAt(e, "postalCode")} {...register("postalCode")} />
      <TextAreaField
        label="Access notes"
        id={id("access")}
        maxLength={1000}
        className="sm:col-span-2"
        error={errorAt(e, "accessNotes")}
        {...register("accessNotes")}
      />
      <div>
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save address"}
        </button>
      </div>
    </form>
  );
}
