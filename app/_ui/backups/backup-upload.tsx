"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useSchemaResolver } from "@/app/_ui/use-action-form";
import type { z } from "zod";
import { toastFailed, toastSaved } from "@/app/_ui/notify";
import { FormMessage, SelectField, TextField } from "@/app/_ui/field";
import { BACKUP_KIND_LABELS } from "@/lib/values/labels";
import type { UploadKind as Kind } from "@/lib/backups/schemas";

type Values = z.infer<typeof import("@/lib/backups/schemas").uploadFormSchema>;
// Loaded on first validation (zod stays out of the page's first load), or once the browser is idle.
const loadSchema = () => import("@/lib/backups/schemas").then((m) => m.uploadFormSchema);

function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Upload a config backup (or GUID / vendor file) for one device, with a real
 * progress bar (XMLHttpRequest reports upload progress; fetch does not).
 */
export function BackupUpload(props: {
  deviceId: string;
  visitId?: string;
  maxBytes: number;
  kinds?: Kind[];
  defaultFirmware?: string | null;
  onUploaded?: (r: { id: string; version: number }) => void;
}) {
  const kinds = props.kinds ?? ["config", "guid"];
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: useSchemaResolver(loadSchema),
    defaultValues: { kind: kinds[0]!, firmware: props.defaultFirmware ?? "", note: "" },
  });
  const e = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    if (!file) return setFileError("Choose the exported file first.");
    if (file.size === 0) return setFileError("The file is empty. Export the configuration again and choose the exported file.");
    if (file.size > props.maxBytes) return setFileError(`The file is too large (${formatBytes(file.size)}). The limit is ${formatBytes(props.maxBytes)}.`);
    setFileError(null);
    const q = new URLSearchParams({ deviceId: props.deviceId, kind: values.kind });
    if (props.visitId) q.set("visitId", props.visitId);
    if (values.firmware) q.set("firmware", values.firmware);
    if (values.note) q.set("note", values.note);
    setProgress(0);
    // 201: the stored backup; otherwise an RFC 9457 problem (`detail`, and `errors[]` per field).
    const result = await new Promise<{
      status: number;
      body: { id?: string; version?: number; detail?: string; errors?: { field: string; detail: string }[] };
    }>((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/api/backups?${q}`);
      xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
      xhr.upload.onprogress = (ev) => ev.lengthComputable && setProgress(Math.round((ev.loaded / ev.total) * 100));
      xhr.onload = () => {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON */
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => resolve({ status: 0, body: { detail: "The upload was interrupted. Check the connection and try again." } });
      xhr.send(file);
    });
    setProgress(null);
    if (result.status === 201 && result.body.id) {
      toastSaved(`Saved as version ${result.body.version} (${file.name}, ${formatBytes(file.size)}).`, { id });
      setFile(null);
      setInputKey((k) => k + 1);
      form.reset({ ...values, note: "" });
      props.onUploaded?.({ id: result.body.id, version: result.body.version! });
      router.refresh();
      return;
    }
    const fe: Record<string, string> = {};
    for (const e of Array.isArray(result.body.errors) ? result.body.errors : []) fe[e.field] ??= e.detail;
    const fileMessage = fe.file ?? fe.filename;
    if (fileMessage) setFileError(fileMessage);
    for (const k of ["note", "kind"] as const) if (fe[k]) form.setError(k, { type: "server", message: fe[k] });
    if (fe.firmwareAtExport) form.setError("firmware", { type: "server", message: fe.firmwareAtExport });
    setError(result.body.detail ?? "The upload failed. Please try again.");
    toastFailed(result.body.detail ?? "The upload failed. Please try again.", { id });
  });

  const fileId = `${id}-file`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Upload a backup">
      <FormMessage id={`${id}-msg`} error={error} />
      <div>
        <label htmlFor={fileId} className="label">
          Exported file
        </label>
        <input
          key={inputKey}
          id={fileId}
          type="file"
          className="input py-2"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`${fileId}-hint ${fileId}-error`}
          onChange={(ev) => {
            setFileError(null);
            setFile(ev.target.files?.[0] ?? null);
          }}
        />
        <p id={`${fileId}-hint`} className="mt-1 text-sm text-slate-600">
          Kept encrypted, exactly as exported (up to {formatBytes(props.maxBytes)}).
        </p>
        <p id={`${fileId}-error`} className="field-error" aria-live="polite">
          {fileError ?? ""}
        </p>
      </div>
      {kinds.length > 1 ? (
        <SelectField label="What is it?" id={`${id}-kind`} error={e.kind?.message} {...form.register("kind")}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {BACKUP_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField label="Firmware at export (optional)" id={`${id}-fw`} error={e.firmware?.message} {...form.register("firmware")} />
      <TextField
        label="Note (optional)"
        id={`${id}-note`}
        hint="E.g. the export password hint. Never the password itself."
        error={e.note?.message}
        {...form.register("note")}
      />
      {progress !== null ? (
        <div>
          <label htmlFor={`${id}-progress`} className="label">
            Uploading… {progress}%
          </label>
          <progress id={`${id}-progress`} max={100} value={progress} className="h-3 w-full accent-brand-700" />
        </div>
      ) : null}
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={progress !== null}>
        {progress !== null ? "Uploading…" : "Upload backup"}
      </button>
    </form>
  );
}
