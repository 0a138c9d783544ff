"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { FormMessage } from "@/app/_ui/field";
import { toastFailed, toastSaved } from "@/app/_ui/notify";
import type { BookingConfirmation } from "@/lib/booking/book";
import type { BookingProfile } from "@/lib/booking/profile";
import type { ActionResult } from "@/lib/platform/action-result";
import { bookingSchema, type BookingData, type BookingInput } from "@/lib/booking/schemas";
import type { SlotOptions } from "@/lib/booking/slot-options";
import { Confirmation } from "./confirmation";

/** The confirmation; `signedIn` when a new customer who chose a password was signed in with it (public booking). */
type Booked = BookingConfirmation & { signedIn?: boolean };
import { AddressStep, ContactStep } from "./details-steps";
import { DevicesStep, NEW_DEVICE } from "./devices-step";
import { ReviewStep, type BookingMode } from "./review-step";
import type { Pricing } from "./estimate";
import { SlotPicker } from "./slot-picker";
import { StepIndicator } from "./step-indicator";

type StepId = "contact" | "address" | "devices" | "time" | "review";
const TITLES: Record<StepId, string> = { contact: "Your details", address: "Address", devices: "Devices", time: "Day and time", review: "Review and confirm" };
const FIELDS: Record<StepId, FieldPath<BookingInput>[]> = {
  contact: ["contact"],
  address: ["site"],
  devices: ["devices"],
  time: ["slotStart"],
  review: ["account", "notes"],
};
const stepOf = (path: string): StepId =>
  path.startsWith("contact")
    ? "contact"
    : path.startsWith("site")
      ? "address"
      : path.startsWith("devices")
        ? "devices"
        : path.startsWith("slot")
          ? "time"
          : "review";

export type BookingFormProps = {
  mode: BookingMode;
  book: (input: BookingData) => Promise<ActionResult<Booked>>;
  slots: (q: { brands: BookingData["devices"][number]["brand"][]; deviceCount: number }) => Promise<ActionResult<SlotOptions>>;
  profile: BookingProfile | null;
  /** The public price list and rules: the review step shows the estimate before confirming. */
  pricing?: Pricing;
  /** Admin mode: the customer step (picker + new-customer fields). */
  customerStep?: (args: { form: ReturnType<typeof useForm<BookingInput, unknown, BookingData>>; setProfile: (p: BookingProfile | null) => void }) => ReactNode;
};

/** A v4 UUID; getRandomValues works on plain-http pages too, where randomUUID does not exist. */
function newKey() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function defaults(profile: BookingProfile | null, mode: BookingMode): BookingInput {
  return {
    idempotencyKey: newKey(),
    contact: profile ? { customerId: profile.customerId, ...profile.contact } : { customerId: "", name: "", email: "", phone: "" },
    site: profile?.sites[0]
      ? { siteId: profile.sites[0].id }
      : { siteId: "", addressLine1: "", addressLine2: "", city: "", region: "", postalCode: "", label: "", accessNotes: "" },
    devices: [{ ...NEW_DEVICE, recovery: { ...NEW_DEVICE.recovery } }],
    slotStart: "",
    notes: "",
    account: { mode: mode === "customer" ? "existing" : mode === "admin" ? "invite" : "password", password: "", confirmPassword: "" },
  };
}

export function BookingForm({ mode, book, slots, profile: initialProfile, customerStep, pricing }: BookingFormProps) {
  const [profile, setProfileState] = useState(initialProfile);
  // Each step is checked when Next is pressed (form.trigger). Validating on blur as well made
  // the error under a field vanish as the click on Next began, moving the button away from
  // the pointer so the click was lost; instead a field's error clears as soon as it is edited.
  const form = useForm<BookingInput, unknown, BookingData>({
    resolver: zodResolver(bookingSchema),
    defaultValues: defaults(initialProfile, mode),
    mode: "onSubmit",
  });
  useEffect(() => {
    // A subscription in an effect, not a render-time watch(): nothing here is memoised from it.
    // eslint-disable-next-line react-hooks/incompatible-library
    const sub = form.watch((_values, { name, type }) => {
      if (type === "change" && name && form.getFieldState(name).error) form.clearErrors(name);
    });
    return () => sub.unsubscribe();
  }, [form]);
  const steps: StepId[] = mode === "customer" ? ["address", "devices", "time", "review"] : ["contact", "address", "devices", "time", "review"];
  const [index, setIndex] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [reloadSlots, setReloadSlots] = useState(0);
  const [done, setDone] = useState<Booked | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const step = steps[index]!;
  const watchedDevices = useWatch({ control: form.control, name: "devices" });
  const slotStart = useWatch({ control: form.control, name: "slotStart" });

  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [index]);

  const setProfile = (p: BookingProfile | null) => {
    setProfileState(p);
    form.setValue("site", p?.sites[0] ? { siteId: p.sites[0].id } : { ...defaults(null, mode).site });
    form.setValue("devices", [{ ...NEW_DEVICE, recovery: { ...NEW_DEVICE.recovery } }]);
  };

  const go = (i: number) => {
    setFormError(null);
    setIndex(Math.max(0, Math.min(steps.length - 1, i)));
  };
  const next = async () => {
    if (await form.trigger(FIELDS[step], { shouldFocus: true })) go(index + 1);
  };

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      let r: ActionResult<Booked>;
      try {
        r = await book(values);
      } catch {
        setFormError("We could not reach the server. Check your connection and try again: you will not be booked twice.");
        toastFailed("We could not reach the server. Check your connection and try again: you will not be booked twice.", { id: "booking" });
        return;
      }
      if (r.ok) {
        toastSaved(`Visit ${r.data.reference} booked.`, { id: "booking" });
        setDone(r.data);
        return;
      }
      setFormError(r.error);
      toastFailed(r.error, { id: "booking" });
      const fields = Object.entries(r.fieldErrors ?? {}).filter(([k]) => k !== "_form");
      for (const [name, messages] of fields) form.setError(name as FieldPath<BookingInput>, { type: "server", message: messages[0] });
      if (fields.some(([k]) => k === "slotStart")) {
        form.setValue("slotStart", "");
        setReloadSlots((n) => n + 1);
      }
      const first = fields[0]?.[0];
      if (first && steps.includes(stepOf(first))) go(steps.indexOf(stepOf(first)));
    },
    (errors) => {
      const first = steps.find((s) => FIELDS[s].some((f) => f in errors));
      if (first) go(steps.indexOf(first));
    },
  );

  const devices = watchedDevices ?? [];
  if (done) return <Confirmation c={done} mode={mode} email={form.getValues("contact.email")} accountMode={form.getValues("account.mode")} />;

  const brands = [
    ...new Set(devices.map((d) => (d.deviceId ? profile?.devices.find((x) => x.id === d.deviceId)?.brand : d.brand)).filter(Boolean)),
  ] as BookingData["devices"][number]["brand"][];

  return (
    <form
      onSubmit={(ev) => {
        // Enter on an earlier step means "Next", not "book now".
        if (step === "review") return void submit(ev);
        ev.preventDefault();
        void next();
      }}
      noValidate
      aria-labelledby="step-title"
      className="card"
    >
      <StepIndicator steps={steps.map((s) => ({ id: s, title: s === "contact" && mode === "admin" ? "Customer" : TITLES[s] }))} current={index} />
      <h2 id="step-title" ref={heading} tabIndex={-1} className="mb-4 text-xl font-semibold">
        {step === "contact" && mode === "admin" ? "Customer" : TITLES[step]}
      </h2>
      <FormMessage error={formError} />
      <div className="mt-2">
        {step === "contact" ? customerStep ? customerStep({ form, setProfile }) : <ContactStep form={form} /> : null}
        {step === "address" ? <AddressStep form={form} saved={profile?.sites ?? []} /> : null}
        {step === "devices" ? <DevicesStep form={form} saved={profile?.devices ?? []} /> : null}
        {step === "time" ? (
          <SlotPicker
            load={() => slots({ brands, deviceCount: devices.length })}
            reloadKey={`${reloadSlots}:${[...brands].sort().join(",")}:${devices.length}`}
            value={slotStart ?? ""}
            onChange={(s) => {
              form.setValue("slotStart", s, { shouldValidate: true });
              setFormError(null);
            }}
            error={form.formState.errors.slotStart?.message}
          />
        ) : null}
        {step === "review" ? <ReviewStep form={form} mode={mode} profile={profile} pricing={pricing} /> : null}
      </div>
      <div className="mt-6 flex flex-wrap-reverse justify-between gap-3 border-t border-slate-200 pt-4">
        {index > 0 ? (
          <button type="button" className="btn-secondary" onClick={() => go(index - 1)}>
            Back
          </button>
        ) : (
          <span />
        )}
        {/* Distinct keys: React must not turn the Next button into the Confirm button mid-click. */}
        {step === "review" ? (
          <button key="confirm" type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Booking…" : "Confirm booking"}
          </button>
        ) : (
          <button key="next" type="submit" className="btn-primary">
            Next
          </button>
        )}
      </div>
    </form>
  );
}
