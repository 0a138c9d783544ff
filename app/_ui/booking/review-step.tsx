"use client";
import type { UseFormReturn } from "react-hook-form";
import { TextAreaField, TextField } from "@/app/_ui/field";
import { errorAt } from "@/app/_ui/use-action-form";
import type { BookingProfile } from "@/lib/booking/profile";
import type { BookingData, BookingInput } from "@/lib/booking/schemas";
import { useZoneAndLocale } from "@/app/_ui/date-format";
import { formatFullDateTime } from "@/lib/format/dates";
import { deviceLabel } from "@/lib/values/labels";
import type { Brand, DeviceKind } from "@/lib/values";
import { BookingEstimate, type Pricing } from "./estimate";

type Form = UseFormReturn<BookingInput, unknown, BookingData>;
export type BookingMode = "public" | "customer" | "admin";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-slate-100 py-2 sm:grid-cols-[10rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ReviewStep({ form, mode, profile, pricing }: { form: Form; mode: BookingMode; profile: BookingProfile | null; pricing?: Pricing }) {
  const zone = useZoneAndLocale();
  const { register, formState, watch } = form;
  const e = formState.errors;
  const v = watch();
  const site = v.site?.siteId ? profile?.sites.find((s) => s.id === v.site?.siteId) : v.site;
  const accountMode = v.account?.mode;
  const newCustomer = !v.contact?.customerId;
  return (
    <div className="space-y-4">
      <dl data-testid="review">
        <Row term="For">
          {v.contact?.name} · {v.contact?.email || "no email"} · {v.contact?.phone}
        </Row>
        <Row term="Address">
          {site ? [site.addressLine1, site.addressLine2, `${site.city}, ${site.region} ${site.postalCode}`].filter(Boolean).join(", ") : ""}
        </Row>
        <Row term="Devices">
          <ul>
            {(v.devices ?? []).map((d, i) => (
              <li key={i}>{deviceLabel({ brand: d.brand ?? "", kind: d.kind ?? "", model: d.model })}</li>
            ))}
          </ul>
        </Row>
        <Row term="When">{v.slotStart ? formatFullDateTime(v.slotStart, zone) : ""}</Row>
      </dl>
      {pricing ? (
        <BookingEstimate
          pricing={pricing}
          slotStart={v.slotStart ?? ""}
          devices={(v.devices ?? [])
            .map((d) => (d.deviceId ? profile?.devices.find((x) => x.id === d.deviceId) : d))
            .filter((d): d is NonNullable<typeof d> & { brand: Brand; kind: DeviceKind } => !!d?.brand && !!d?.kind)}
        />
      ) : null}
      <TextAreaField label="Anything else we should know? (optional)" id="booking-notes" maxLength={2000} error={errorAt(e, "notes")} {...register("notes")} />
      {newCustomer && mode !== "customer" ? (
        <fieldset className="space-y-2">
          <legend className="label">{mode === "admin" ? "Online account for this customer" : "Your account, to manage this visit later"}</legend>
          {(mode === "admin"
            ? [
                ["invite", "Email them a link to set a password"],
                ["none", "No online account (phone customer)"],
              ]
            : [
                ["password", "Set a password now"],
                ["invite", "Email me a link to set it later"],
              ]
          ).map(([value, label]) => (
            <label
              key={value}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-slate-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input type="radio" value={value} className="accent-brand-700" {...register("account.mode")} />
              {label}
            </label>
          ))}
          <p className="field-error">{errorAt(e, "account.mode") ?? ""}</p>
          {accountMode === "password" ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField
                label="Password"
                id="account-password"
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters."
                error={errorAt(e, "account.password")}
                {...register("account.password")}
              />
              <TextField
                label="Confirm password"
                id="account-confirm"
                type="password"
                autoComplete="new-password"
                error={errorAt(e, "account.confirmPassword")}
                {...register("account.confirmPassword")}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
