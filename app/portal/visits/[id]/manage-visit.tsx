"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ActionButton } from "@/app/_ui/action-button";
import { FormMessage } from "@/app/_ui/field";
import { SlotPicker } from "@/app/_ui/booking/slot-picker";
import { useZoneAndLocale } from "@/app/_ui/date-format";
import { formatFullDateTime } from "@/lib/format/dates";
import { cancelAction, rescheduleAction, rescheduleSlotsAction } from "../actions";
import type { Pricing } from "@/app/_ui/booking/estimate";
import { formatMoney } from "@/lib/billing/money";
import { priceVisit } from "@/lib/billing/price";
import type { Brand, DeviceKind } from "@/lib/values";
import { SURCHARGE_LABELS } from "@/lib/values/labels";

/** When the new time changes the surcharges (after hours, weekend, same day), the new estimate, from the same price function. */
function EstimateChange({ pricing, devices, from, to }: { pricing: Pricing; devices: { brand: Brand; kind: DeviceKind }[]; from: string; to: string }) {
  const quote = (start: string) =>
    priceVisit({ ...pricing, devices: devices.map((d) => ({ ...d, charge: "estimate" as const })), startsAt: new Date(start), bookedAt: new Date() });
  const before = quote(from);
  const after = quote(to);
  if (after.subtotalCents === before.subtotalCents) return null;
  const m = (c: number) => formatMoney(c, after.currency, pricing.rules.locale);
  return (
    <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="reschedule-estimate" aria-live="polite">
      The estimate changes at this time: {m(after.subtotalCents)} before tax (was {m(before.subtotalCents)})
      {after.surcharges.length ? `, with the ${after.surcharges.map((s) => SURCHARGE_LABELS[s].toLowerCase()).join(" and ")}` : ""}.
    </p>
  );
}

/**
 * Reschedule to a free slot, or cancel (the server re-checks the cut-off). The focus follows
 * the keyboard user: into the panel that opens, to the outcome message when it closes.
 */
export function ManageVisit({
  visitId,
  pricing,
  devices = [],
  currentStart,
}: {
  visitId: string;
  /** With these, a new time whose surcharges differ shows the new estimate before moving. */
  pricing?: Pricing;
  devices?: { brand: Brand; kind: DeviceKind }[];
  currentStart?: string;
}) {
  const zone = useZoneAndLocale();
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "reschedule" | "cancel">("idle");
  const [slot, setSlot] = useState("");
  const [slotError, setSlotError] = useState<string | undefined>();
  const [success, setSuccess] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const panelStart = useRef<HTMLElement>(null);
  const message = useRef<HTMLDivElement>(null);
  const idleButton = useRef<HTMLButtonElement>(null);
  const lastMode = useRef(mode);
  /** Where the focus goes when the panel closes: the outcome, the buttons, or nowhere (after a cancel). */
  const onClose = useRef<"message" | "buttons" | "none">("buttons");

  useEffect(() => {
    if (lastMode.current === mode) return;
    lastMode.current = mode;
    if (mode !== "idle") panelStart.current?.focus();
    else if (onClose.current === "message") message.current?.focus();
    else if (onClose.current === "buttons") idleButton.current?.focus();
    onClose.current = "buttons";
  }, [mode]);

  const rescheduled = (r: { window: string }) => {
    setSuccess(`Moved to ${r.window}. We emailed you the new time.`);
    onClose.current = "message";
    setMode("idle");
    router.refresh();
  };
  const cancelled = () => {
    setSuccess("Your visit is cancelled. We emailed you a confirmation.");
    setMode("idle");
    // This panel goes away with the refresh: the page title (read with the new status) keeps the focus.
    onClose.current = "none";
    document.getElementById("visit-title")?.focus();
    router.refresh();
  };

  return (
    <section className="card space-y-3" aria-labelledby="change-visit">
      <h2 id="change-visit" className="text-lg font-semibold">
        Change this visit
      </h2>
      <div ref={message} tabIndex={-1} className="rounded-lg">
        <FormMessage success={success} />
      </div>
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-3">
          <button type="button" ref={idleButton} className="btn-secondary" onClick={() => setMode("reschedule")}>
            Reschedule
          </button>
          <button type="button" className="btn-danger" onClick={() => setMode("cancel")}>
            Cancel visit
          </button>
        </div>
      ) : null}
      {mode === "reschedule" ? (
        <div className="space-y-3">
          <h3 ref={(el) => void (panelStart.current = el)} tabIndex={-1} className="font-semibold">
            Pick a new time
          </h3>
          <SlotPicker
            load={() => rescheduleSlotsAction({ visitId })}
            value={slot}
            onChange={(s) => (setSlot(s), setSlotError(undefined))}
            error={slotError}
            reloadKey={reload}
            idPrefix="reschedule"
          />
          {slot ? <p>New time: {formatFullDateTime(slot, zone)}</p> : null}
          {slot && pricing && currentStart && devices.length ? <EstimateChange pricing={pricing} devices={devices} from={currentStart} to={slot} /> : null}
          <div className="flex flex-wrap gap-3">
            <ActionButton
              // No time picked: the same answer the server gives, without asking it.
              action={() =>
                slot
                  ? rescheduleAction({ visitId, slotStart: slot })
                  : Promise.resolve({ ok: false as const, status: 422, error: "Pick a new time.", fieldErrors: { slotStart: ["Pick a new time."] } })
              }
              label="Move my visit"
              pendingLabel="Moving…"
              className="btn-primary"
              doneMessage="Visit moved."
              onDone={rescheduled}
              onError={(r) => {
                setSlotError(r.fieldErrors?.slotStart?.[0]);
                // The time was just taken: fresh times, nothing picked.
                if (r.fieldErrors?.slotStart && slot) {
                  setSlot("");
                  setReload((n) => n + 1);
                }
              }}
            />
            <button type="button" className="btn-secondary" onClick={() => setMode("idle")}>
              Keep the current time
            </button>
          </div>
        </div>
      ) : null}
      {mode === "cancel" ? (
        <div className="space-y-3">
          <p ref={(el) => void (panelStart.current = el)} tabIndex={-1}>
            Cancel this visit? The time goes back to other customers.
          </p>
          <div className="flex flex-wrap gap-3">
            <ActionButton
              action={() => cancelAction({ visitId })}
              label="Yes, cancel the visit"
              pendingLabel="Cancelling…"
              className="btn-danger"
              doneMessage="Visit cancelled."
              onDone={cancelled}
            />
            <button type="button" className="btn-secondary" onClick={() => setMode("idle")}>
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
