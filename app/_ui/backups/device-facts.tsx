import type { RecoveryOptions } from "@/db/schema";

const BRAND: Record<string, string> = { dahua: "Dahua", lorex: "Lorex", hikvision: "Hikvision" };
const KIND: Record<string, string> = { dvr: "DVR", nvr: "NVR", camera: "IP camera" };
const OPTION: Record<string, string> = {
  recovery_email: "Recovery email",
  security_questions: "Security questions",
  app_account: "Phone-app account",
  guid_file: "GUID file",
  reset_button: "Reset button",
  unlock_pattern: "Unlock pattern",
};

export function deviceTitle(d: { brand: string; kind: string; model: string | null }) {
  return `${BRAND[d.brand] ?? d.brand} ${KIND[d.kind] ?? d.kind}${d.model ? ` ${d.model}` : ""}`;
}

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
    ["Warranty seal", device.warrantySeal],
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
          <dd>{options.map(([k, v]) => `${OPTION[k] ?? k}: ${v}`).join(", ")}</dd>
        </>
      ) : null}
    </dl>
  );
}
