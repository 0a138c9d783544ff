"use client";
import type { UseFormReturn } from "react-hook-form";
import { TextAreaField, TextField } from "@/app/_ui/field";
import { errorAt } from "@/app/_ui/use-action-form";
import type { BookingProfile } from "@/lib/booking/profile";
import type { BookingData, BookingInput } from "@/lib/booking/schemas";

type Form = UseFormReturn<BookingInput, unknown, BookingData>;

export function ContactStep({ form }: { form: Form }) {
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField
        label="Full name"
        id="contact-name"
        autoComplete="name"
        maxLength={120}
        className="sm:col-span-2"
        error={errorAt(e, "contact.name")}
        {...register("contact.name")}
      />
      <TextField
        label="Email"
        id="contact-email"
        type="email"
        autoComplete="email"
        maxLength={254}
        error={errorAt(e, "contact.email")}
        {...register("contact.email")}
      />
      <TextField
        label="Phone"
        id="contact-phone"
        type="tel"
        autoComplete="tel"
        maxLength={40}
        hint="The technician calls when on the way."
        error={errorAt(e, "contact.phone")}
        {...register("contact.phone")}
      />
    </div>
  );
}

export function AddressStep({ form, saved }: { form: Form; saved: BookingProfile["sites"] }) {
  const { register, formState, watch, setValue } = form;
  const e = formState.errors;
  const siteId = watch("site.siteId") ?? "";
  return (
    <div className="space-y-4">
      {saved.length > 0 ? (
        <fieldset>
          <legend className="label">Where is the equipment?</legend>
          <div className="space-y-2">
            {saved.map((s) => (
              <label
                key={s.id}
                className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="site-choice"
                  value={s.id}
                  checked={siteId === s.id}
                  onChange={() => setValue("site.siteId", s.id)}
                  className="mt-1 accent-brand-700"
                />
                <span>
                  {s.label ? <span className="font-semibold">{s.label}: </span> : null}
                  {s.addressLine1}
                  {s.addressLine2 ? `, ${s.addressLine2}` : ""}, {s.city}, {s.region} {s.postalCode}
                </span>
              </label>
            ))}
            <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="radio" name="site-choice" value="" checked={!siteId} onChange={() => setValue("site.siteId", "")} className="accent-brand-700" />
              <span>A new address</span>
            </label>
          </div>
          <p className="field-error">{errorAt(e, "site.siteId") ?? ""}</p>
        </fieldset>
      ) : null}
      {!siteId ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Street address"
            id="site-line1"
            autoComplete="address-line1"
            maxLength={200}
            className="sm:col-span-2"
            error={errorAt(e, "site.addressLine1")}
            {...register("site.addressLine1")}
          />
          <TextField
            label="Apartment, suite, floor (optional)"
            id="site-line2"
            autoComplete="address-line2"
            maxLength={200}
            className="sm:col-span-2"
            error={errorAt(e, "site.addressLine2")}
            {...register("site.addressLine2")}
          />
          <TextField label="City" id="site-city" autoComplete="address-level2" maxLength={100} error={errorAt(e, "site.city")} {...register("site.city")} />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label="State"
              id="site-region"
              autoComplete="address-level1"
              maxLength={100}
              error={errorAt(e, "site.region")}
              {...register("site.region")}
            />
            <TextField
              label="ZIP code"
              id="site-postal"
              autoComplete="postal-code"
              inputMode="numeric"
              maxLength={20}
              error={errorAt(e, "site.postalCode")}
              {...register("site.postalCode")}
            />
          </div>
          <TextField
            label="Name for this place (optional)"
            id="site-label"
            maxLength={100}
            hint="E.g. “Shop” or “Home”."
            error={errorAt(e, "site.label")}
            {...register("site.label")}
          />
          <TextAreaField
            label="Access notes (optional)"
            id="site-access"
            maxLength={1000}
            hint="Where the recorder is, parking, gate codes."
            className="sm:col-span-2"
            error={errorAt(e, "site.accessNotes")}
            {...register("site.accessNotes")}
          />
        </div>
      ) : null}
    </div>
  );
}
