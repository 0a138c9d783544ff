import type { RecoveryOptions } from "@/lib/values";
import { labelOf, RECOVERY_OPTION_LABELS, SEAL_LABELS, TRI_STATE_LABELS } from "@/lib/values/labels";

type Facts = {
  brand: string;
  kind: string;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  mac: string | null;
  channels: number | null;
  lorexDeviceId: string | null;
  recoveryOptions: RecoveryOptions;
  warrantySeal: string;
};

/** A device's recorded facts as a description list. */
export function DeviceFacts({ device }: { device: Facts }) {
  const rows: [string, string | null][] = [
    ["Serial", device.serial],
    ["Firmware", device.firmware],
    ["MAC", device.mac],
    ["Channels", device.channels ? String(device.channels) : null],
    ["Lorex Device ID", device.brand === "lorex" ? device.lorexDeviceId : null],
    ["Warranty seal", labelOf(SEAL_LABELS, device.warrantySeal)],
  ];
  const options = Object.entries(device.recoveryOptions ?? {}).filter(([, v]) => v && v !== "unknown");
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      {options.length ? (
        <>
          <dt className="text-slate-600">Recovery options</dt>
          <dd>{options.map(([k, v]) => `${labelOf(RECOVERY_OPTION_LABELS, k)}: ${labelOf(TRI_STATE_LABELS, v)}`).join(", ")}</dd>
        </>
      ) : null}
    </dl>
  );
}
