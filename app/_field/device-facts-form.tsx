"use client";
import { FormMessage, SelectField, TextAreaField, TextField } from "@/app/_ui/field";
import { useActionForm } from "@/app/_ui/use-action-form";
import {
  BRANDS,
  DEVICE_KINDS,
  RECOVERY_OPTIONS,
  WARRANTY_SEALS,
  type Brand,
  type DeviceKind,
  type RecoveryOption,
  type RecoveryOptions,
  type TriState,
  type WarrantySeal,
} from "@/lib/values";
import { BRAND_LABELS, KIND_LABELS, RECOVERY_OPTION_LABELS, SEAL_LABELS, TRI_STATE_LABELS } from "@/lib/values/labels";
import { deviceIdWarning, serialWarning } from "@/lib/devices/serial-format";
import { savedText, useFieldWriter } from "./write-context";
import { ScanButton, WithScan } from "./evidence/scan-button";

// Loaded on first use (zod stays out of the job page's first load).
const loadDeviceFactsSchema = () => import("@/lib/field/schemas").then((m) => m.deviceFactsSchema);

export type DeviceFacts = {
  id: string;
  brand: Brand;
  kind: DeviceKind;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  mac: string | null;
  channels: number | null;
  lorexDeviceId: string | null;
  warrantySeal: WarrantySeal;
  recoveryOptions: RecoveryOptions;
  notes: string | null;
};

/** Edit a device's facts on the spot. */
export function DeviceFactsForm({ visitId, d }: { visitId: string; d: DeviceFacts }) {
  const { write, queued } = useFieldWriter();
  const { form, onSubmit, formError } = useActionForm(loadDeviceFactsSchema, (values) => write("device.update", values), {
    defaultValues: {
      visitId,
      deviceId: d.id,
      brand: d.brand,
      kind: d.kind,
      model: d.model ?? "",
      serial: d.serial ?? "",
      firmware: d.firmware ?? "",
      mac: d.mac ?? "",
      channels: d.channels,
      lorexDeviceId: d.lorexDeviceId ?? "",
      warrantySeal: d.warrantySeal,
      recoveryOptions: Object.fromEntries(RECOVERY_OPTIONS.map((o) => [o, d.recoveryOptions[o] ?? "unknown"])) as DeviceFactsFormOptions,
      notes: d.notes ?? "",
    },
    toast: savedText(queued, "Device facts"),
  });
  const { register, formState, setValue, watch } = form;
  const e = formState.errors;
  const p = `dev-${d.id}`;
  // A scanned code fills its field (after the technician confirmed it in the Scan dialog); typing stays possible.
  const scanned = (field: "serial" | "mac" | "lorexDeviceId") => (value: string) => {
    setValue(field, value, { shouldDirty: true, shouldValidate: true });
  };
  // Formats per brand: a mismatch is a warning, never a block (labels vary).
  const warn = (text: string | null, id: string) =>
    text ? (
      <span className="font-medium text-amber-900" data-testid={id}>
        Check: {text}
      </span>
    ) : undefined;
  const serialNote = serialWarning(watch("brand") ?? d.brand, watch("serial"));
  const deviceIdNote = deviceIdWarning(watch("lorexDeviceId"), watch("serial"));
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label="Device facts">
      <SelectField label="Brand on the label" id={`${p}-brand`} error={e.brand?.message} {...register("brand")}>
        {BRANDS.map((b) => (
          <option key={b} value={b}>
            {BRAND_LABELS[b]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Kind" id={`${p}-kind`} error={e.kind?.message} {...register("kind")}>
        {DEVICE_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TextField label="Model" id={`${p}-model`} error={e.model?.message} {...register("model")} />
      <WithScan scan={<ScanButton field="serial" label="serial" onUse={scanned("serial")} />}>
        <TextField label="Serial" id={`${p}-serial`} error={e.serial?.message} hint={warn(serialNote, "serial-warning")} {...register("serial")} />
      </WithScan>
      <TextField label="Firmware" id={`${p}-firmware`} error={e.firmware?.message} {...register("firmware")} />
      <WithScan scan={<ScanButton field="mac" label="MAC address" onUse={scanned("mac")} />}>
        <TextField label="MAC address" id={`${p}-mac`} error={e.mac?.message} {...register("mac")} />
      </WithScan>
      <TextField
        label="Channels"
        id={`${p}-channels`}
        type="number"
        inputMode="numeric"
        error={e.channels?.message}
        {...register("channels", { valueAsNumber: true })}
      />
      {d.brand === "lorex" ? (
        <WithScan scan={<ScanButton field="lorexDeviceId" label="Lorex Device ID" onUse={scanned("lorexDeviceId")} />}>
          <TextField
            label="Lorex Device ID"
            id={`${p}-lorex`}
            error={e.lorexDeviceId?.message}
            hint={warn(deviceIdNote, "device-id-warning")}
            {...register("lorexDeviceId")}
          />
        </WithScan>
      ) : null}
      <SelectField label="Warranty seal" id={`${p}-seal`} error={e.warrantySeal?.message} {...register("warrantySeal")}>
        {WARRANTY_SEALS.map((s) => (
          <option key={s} value={s}>
            {SEAL_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <fieldset className="sm:col-span-2">
        <legend className="label">Recovery options ever set up</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {RECOVERY_OPTIONS.map((o) => (
            <SelectField key={o} label={RECOVERY_OPTION_LABELS[o]} id={`${p}-opt-${o}`} {...register(`recoveryOptions.${o}`)}>
              {(["unknown", "yes", "no"] as const).map((t) => (
                <option key={t} value={t}>
                  {TRI_STATE_LABELS[t]}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
      </fieldset>
      <TextAreaField label="Notes" id={`${p}-notes`} className="sm:col-span-2" rows={2} error={e.notes?.message} {...register("notes")} />
      <div className="sm:col-span-2">
        <FormMessage error={formError} id={`${p}-message`} />
        <button type="submit" className="btn-secondary mt-2 w-full" disabled={formState.isSubmitting}>
          Save device facts
        </button>
      </div>
    </form>
  );
}

type DeviceFactsFormOptions = Record<RecoveryOption, TriState>;
