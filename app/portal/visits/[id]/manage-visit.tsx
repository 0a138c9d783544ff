"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_ui/field";
import { SlotPicker } from "@/app/_ui/booking/slot-picker";
import { formatSlot } from "@/app/_ui/booking/review-step";
import { cancelAction, rescheduleAction, rescheduleSlotsAction } from "../actions";

/** Reschedule to a free slot, or cancel (the server re-checks the cut-off). */
export function ManageVisit({ visitId, timeZone }: { visitId: string; timeZone: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "reschedule" | "cancel">("idle");
  const [slot, setSlot] = useState("");
  const [slotError, setSlotError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [pending, start] = useTransition();

  const reschedule = () =>
    start(async () => {
      setError(null);
      if (!slot) return setSlotError("Pick a new time.");
      const r = await rescheduleAction({ visitId, slotStart: slot });
      if (r.ok) {
        setSuccess(`Moved to ${r.data.window}. We emailed you the new time.`);
        setMode("idle");
        router.refresh();
        return;
      }
      setError(r.error);
      setSlotError(r.fieldErrors?.slotStart?.[0]);
      if (r.fieldErrors?.slotStart) {
        setSlot("");
        setReload((n) => n + 1);
      }
    });
  const cancel = () =>
    start(async () => {
      setError(null);
      const r = await cancelAction({ visitId });
      if (r.ok) {
        setSuccess("Your visit is cancelled. We emailed you a confirmation.");
        setMode("idle");
        router.refresh();
        return;
      }
      setError(r.error);
    });

  return (
    <section className="card space-y-3" aria-labelledby="change-visit">
      <h2 id="change-visit" className="text-lg font-semibold">
        Change this visit
      </h2>
      <FormMessage error={error} success={success} />
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-3">
          <button type="button" className="btn-secondary" onClick={() => setMode("reschedule")}>
            Reschedule
          </button>
          <button type="button" className="btn-danger" onClick={() => setMode("cancel")}>
            Cancel visit
          </button>
        </div>
      ) : null}
      {mode === "reschedule" ? (
        <div className="space-y-3">
          <SlotPicker load={() => rescheduleSlotsAction({ visitId })} value={slot} onChange={(s) => (setSlot(s), setSlotError(undefined))} error={slotError} reloadKey={reload} idPrefix="reschedule" />
          {slot ? <p>New time: {formatSlot(slot, timeZone)}</p> : null}
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-primary" disabled={pending} onClick={reschedule}>
              {pending ? "Moving…" : "Move my visit"}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setMode("idle")}>
              Keep the current time
            </button>
          </div>
        </div>
      ) : null}
      {mode === "cancel" ? (
        <div className="space-y-3">
          <p>Cancel this visit? The time goes back to other customers.</p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-danger" disabled={pending} onClick={cancel}>
              {pending ? "Cancelling…" : "Yes, cancel the visit"}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setMode("idle")}>
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
