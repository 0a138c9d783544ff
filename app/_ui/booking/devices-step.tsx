"use client";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { SelectField, TextAreaField, TextField } from "@/app/_ui/field";
import { errorAt } from "@/app/_ui/use-action-form";
import { BRANDS, DEVICE_KINDS } from "@/lib/values";
import type { BookingProfile } from "@/lib/booking/profile";
import { ASKED_RECOVERY_OPTIONS, MAX_DEVICES, type BookingData, type BookingInput } from "@/lib/booking/schemas";
import { BRAND_LABELS, deviceLabel, KIND_CHOICE_LABELS, RECOVERY_OPTION_QUESTIONS } from "@/lib/values/labels";

export const NEW_DEVICE = {
  deviceId: "",
  brand: "" as never,
  kind: "" as never,
  model: "",
  problem: "",
  recovery: {
    recovery_email: "unknown",
    security_questions: "unknown",
    app_account: "unknown",
    guid_file: "unknown",
    reset_button: "unknown",
  } as BookingInput["devices"][number]["recovery"],
};

const TRI = [
  ["yes", "Yes"],
  ["no", "No"],
  ["unknown", "Not sure"],
] as const;

type Form = UseFormReturn<BookingInput, unknown, BookingData>;

export function DevicesStep({ form, saved }: { form: Form; saved: BookingProfile["devices"] }) {
  const { control, register, formState, setValue, watch } = form;
  const { fields, append, remove } = useFieldArray({ control, name: "devices" });
  const e = formState.errors;
  const rootError = errorAt(e, "devices") ?? errorAt(e, "devices.root");

  const pickSaved = (i: number, id: string) => {
    const d = saved.find((x) => x.id === id);
    setValue(`devices.${i}.deviceId`, id);
    if (!d) return;
    setValue(`devices.${i}.brand`, d.brand);
    setValue(`devices.${i}.kind`, d.kind);
    setValue(`devices.${i}.model`, d.model ?? "");
    for (const o of ASKED_RECOVERY_OPTIONS) setValue(`devices.${i}.recovery.${o}`, d.recoveryOptions[o] ?? "unknown");
  };

  return (
    <div className="space-y-4">
      <p className="text-slate-700">Tell us about each recorder or camera you are locked out of. Not sure of something? Leave it as “Not sure”.</p>
      {rootError ? (
        <p className="field-error" role="alert" id="devices-error">
          {rootError}
        </p>
      ) : null}
      {fields.map((field, i) => {
        const usingSaved = !!watch(`devices.${i}.deviceId`);
        return (
          <fieldset key={field.id} className="rounded-lg border border-slate-300 p-3 sm:p-4" data-testid={`device-${i}`}>
            <legend className="px-1 font-semibold">Device {i + 1}</legend>
            {saved.length > 0 ? (
              <SelectField
                label="One of your saved devices?"
                id={`devices-${i}-saved`}
                name={`devices.${i}.deviceId`}
                value={watch(`devices.${i}.deviceId`) ?? ""}
                onChange={(ev) => pickSaved(i, ev.target.value)}
                error={errorAt(e, `devices.${i}.deviceId`)}
                className="mb-3"
              >
                <option value="">No, a device not listed</option>
                {saved.map((d) => (
                  <option key={d.id} value={d.id}>
                    {deviceLabel(d)}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {usingSaved ? (
              <p className="text-sm text-slate-700" data-testid={`device-${i}-saved`}>
                {deviceLabel({ brand: watch(`devices.${i}.brand`) ?? "", kind: watch(`devices.${i}.kind`) ?? "", model: watch(`devices.${i}.model`) })}
              </p>
            ) : (
              <div className="grid gap-3 sm:grid-cols-3">
                <SelectField label="Brand" id={`devices-${i}-brand`} error={errorAt(e, `devices.${i}.brand`)} {...register(`devices.${i}.brand`)}>
                  <option value="">Choose…</option>
                  {BRANDS.map((b) => (
                    <option key={b} value={b}>
                      {BRAND_LABELS[b]}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Kind" id={`devices-${i}-kind`} error={errorAt(e, `devices.${i}.kind`)} {...register(`devices.${i}.kind`)}>
                  <option value="">Choose…</option>
                  {DEVICE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {KIND_CHOICE_LABELS[k]}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label="Model (if known)"
                  id={`devices-${i}-model`}
                  maxLength={100}
                  error={errorAt(e, `devices.${i}.model`)}
                  {...register(`devices.${i}.model`)}
                />
              </div>
            )}
            <TextAreaField
              label="What happened? (optional)"
              id={`devices-${i}-problem`}
              className="mt-3"
              maxLength={2000}
              hint="E.g. “forgot the admin password after a power cut”."
              error={errorAt(e, `devices.${i}.problem`)}
              {...register(`devices.${i}.problem`)}
            />
            {!usingSaved ? (
              <div className="mt-3 space-y-2">
                <p className="text-sm font-medium text-slate-800">What was ever set up on it?</p>
                {ASKED_RECOVERY_OPTIONS.map((o) => (
                  <fieldset
                    key={o}
                    className="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between"
                    aria-describedby={errorAt(e, `devices.${i}.recovery.${o}`) ? `devices-${i}-${o}-error` : undefined}
                  >
                    <legend className="float-left text-sm text-slate-800 sm:max-w-[60%]">{RECOVERY_OPTION_QUESTIONS[o]}</legend>
                    <div className="flex gap-1">
                      {TRI.map(([v, label]) => (
                        <label
                          key={v}
                          className="flex min-h-11 cursor-pointer items-center gap-1.5 rounded-lg border border-slate-300 px-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
                        >
                          <input type="radio" value={v} className="accent-brand-700" {...register(`devices.${i}.recovery.${o}`)} />
                          {label}
                        </label>
                      ))}
                    </div>
                    <p id={`devices-${i}-${o}-error`} className="field-error">
                      {errorAt(e, `devices.${i}.recovery.${o}`) ?? ""}
                    </p>
                  </fieldset>
                ))}
              </div>
            ) : null}
            {fields.length > 1 ? (
              <button type="button" className="btn-secondary mt-3" onClick={() => remove(i)}>
                Remove device {i + 1}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {fields.length < MAX_DEVICES ? (
        <button type="button" className="btn-secondary" onClick={() => append({ ...NEW_DEVICE, recovery: { ...NEW_DEVICE.recovery } })}>
          Add another device
        </button>
      ) : (
        <p className="text-sm text-slate-700">One visit covers at most {MAX_DEVICES} devices. Call us for a bigger job.</p>
      )}
    </div>
  );
}
