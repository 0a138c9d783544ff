"use client";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/app/_ui/field";
import { errorAt, useActionForm } from "@/app/_ui/use-action-form";
import { DEVICE_KINDS, type DeviceKind, type RecoveryOptions } from "@/lib/values";
import { ASKED_RECOVERY_OPTIONS } from "@/lib/booking/schemas";
import { KIND_CHOICE_LABELS, RECOVERY_OPTION_QUESTIONS } from "@/lib/values/labels";
import { deviceEditSchema } from "@/lib/customers/schemas";
import { updateDeviceAction } from "../places-actions";

type Props = {
  device: {
    id: string;
    kind: DeviceKind;
    model: string | null;
    serial: string | null;
    siteId: string | null;
    notes: string | null;
    recoveryOptions: RecoveryOptions;
  };
  sites: { id: string; label: string }[];
};

export function DeviceForm({ device, sites }: Props) {
  const { form, onSubmit, formError } = useActionForm(deviceEditSchema, updateDeviceAction, {
    defaultValues: {
      deviceId: device.id,
      kind: device.kind,
      model: device.model ?? "",
      serial: device.serial ?? "",
      siteId: device.siteId ?? "",
      notes: device.notes ?? "",
      recovery: Object.fromEntries(ASKED_RECOVERY_OPTIONS.map((o) => [o, device.recoveryOptions[o] ?? "unknown"])) as never,
    },
    toast: "Device saved.",
  });
  const { register, formState } = form;
  const e = formState.errors;
  const id = (f: string) => `d-${device.id}-${f}`;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3" aria-label="Edit device">
      <FormMessage error={formError} id={id("message")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Kind" id={id("kind")} error={errorAt(e, "kind")} {...register("kind")}>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_CHOICE_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField label="Model" id={id("model")} maxLength={100} error={errorAt(e, "model")} {...register("model")} />
        <TextField label="Serial number" id={id("serial")} maxLength={64} error={errorAt(e, "serial")} {...register("serial")} />
        <SelectField label="Address" id={id("site")} error={errorAt(e, "siteId")} {...register("siteId")}>
          <option value="">Not set</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      {ASKED_RECOVERY_OPTIONS.map((o) => (
        <SelectField key={o} label={RECOVERY_OPTION_QUESTIONS[o]} id={id(o)} error={errorAt(e, `recovery.${o}`)} {...register(`recovery.${o}`)}>
          <option value="yes">Yes</option>
          <option value="no">No</option>
          <option value="unknown">Not sure</option>
        </SelectField>
      ))}
      <TextAreaField label="Notes" id={id("notes")} maxLength={1000} error={errorAt(e, "notes")} {...register("notes")} />
      <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save device"}
      </button>
    </form>
  );
}
