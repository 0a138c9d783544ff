"use client";
import { useId, useState } from "react";
import { BackupUpload } from "@/app/_ui/backups/backup-upload";
import type { UploadKind } from "@/lib/backups/schemas";
import { FormMessage, SelectField } from "@/app/_ui/field";
import { toastSaved } from "@/app/_ui/notify";
import { BACKUP_KIND_LABELS } from "@/lib/values/labels";
import { formatBytes } from "./format";
import { PendingMark } from "./pending-mark";
import { useFieldWriter, type QueuedUpload, type UploadSpec } from "./write-context";

/** A file chosen on the phone, checked like the server checks it (empty, too large) before it is queued. */
export function fileProblem(file: File | null, maxBytes: number): string | null {
  if (!file) return "Choose the exported file first.";
  if (file.size === 0) return "The file is empty. Export the configuration again and choose the exported file.";
  if (file.size > maxBytes) return `The file is too large (${formatBytes(file.size)}). The limit is ${formatBytes(maxBytes)}.`;
  return null;
}

/** The files of one device waiting on the phone; the progress bar while one uploads. */
export function UploadList({ items }: { items: QueuedUpload[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Files waiting to upload">
      {items.map((u) => (
        <li key={u.id} className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="queued-upload">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium break-all">{u.filename}</span> <span>({formatBytes(u.size)})</span> <PendingMark />
          </p>
          {u.progress !== null ? (
            <>
              <label htmlFor={`up-${u.id}`} className="label mt-1">
                Uploading {u.filename}… {u.progress}%
              </label>
              <progress id={`up-${u.id}`} max={100} value={u.progress} className="h-3 w-full accent-brand-700" />
            </>
          ) : null}
          {u.error ? <p className="text-amber-950">Last try: {u.error}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Choose an exported file on site: it is kept on the phone at once and
 * uploaded when there is a connection (with its progress bar), stored once
 * however often the upload is retried.
 */
export function QueuedUploadForm(props: {
  deviceId: string;
  maxBytes: number;
  kinds: UploadSpec["kind"][];
  firmware?: string | null;
  label: string;
  onQueued?: (uploadId: string) => Promise<string | null> | string | null | void;
}) {
  const { upload } = useFieldWriter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<UploadSpec["kind"]>(props.kinds[0]!);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileId = `${id}-file`;
  return (
    <form
      noValidate
      className="space-y-3"
      aria-label={props.label}
      onSubmit={async (ev) => {
        ev.preventDefault();
        const problem = fileProblem(file, props.maxBytes);
        setError(problem);
        if (problem || !file) return;
        setBusy(true);
        try {
          const r = await upload({ file, deviceId: props.deviceId, kind, firmware: props.firmware ?? undefined });
          if (!r.ok) return setError(r.error);
          const after = await props.onQueued?.(r.data.id);
          if (after) return setError(after);
          toastSaved(`${file.name} is saved on this phone; it uploads now, or once there is a signal.`);
          setFile(null);
          setInputKey((k) => k + 1);
        } finally {
          setBusy(false);
        }
      }}
    >
      <div>
        <label htmlFor={fileId} className="label">
          Exported file
        </label>
        <input
          key={inputKey}
          id={fileId}
          type="file"
          className="input py-2"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fileId}-error`}
          onChange={(ev) => {
            setError(null);
            setFile(ev.target.files?.[0] ?? null);
          }}
        />
      </div>
      {props.kinds.length > 1 ? (
        <SelectField label="What is it?" id={`${id}-kind`} name="kind" value={kind} onChange={(ev) => setKind(ev.target.value as UploadSpec["kind"])}>
          {props.kinds.map((k) => (
            <option key={k} value={k}>
              {BACKUP_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <FormMessage id={`${fileId}-error`} error={error} />
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        Save file to upload
      </button>
    </form>
  );
}

/**
 * A file for the vault from the job: on the technician's phone it is kept and
 * queued (QueuedUploadForm), on the office's copy of the job it uploads at once
 * (BackupUpload). `onStored` gets the upload's id either way (the queued
 * upload's id stands for the file until the server has it) and may answer an
 * error to show.
 */
export function FileUploadSlot(props: {
  deviceId: string;
  visitId: string;
  maxBytes: number;
  kinds: UploadKind[];
  label: string;
  onStored?: (id: string) => Promise<string | null> | string | null | void;
}) {
  const { queued } = useFieldWriter();
  return queued ? (
    <QueuedUploadForm deviceId={props.deviceId} maxBytes={props.maxBytes} kinds={props.kinds} label={props.label} onQueued={props.onStored} />
  ) : (
    <BackupUpload
      deviceId={props.deviceId}
      visitId={props.visitId}
      maxBytes={props.maxBytes}
      kinds={props.kinds}
      onUploaded={props.onStored ? ({ id }) => void props.onStored!(id) : undefined}
    />
  );
}

/** The job's "config backup" block of a device: queue an export on site, see it go. */
export function QueuedUploads({
  deviceId,
  deviceLabel,
  firmware,
  maxBytes,
}: {
  deviceId: string;
  deviceLabel: string;
  firmware: string | null;
  maxBytes: number;
}) {
  const { uploadsFor } = useFieldWriter();
  return (
    <details className="rounded-lg border border-slate-200 px-3 py-1">
      <summary className="min-h-11 cursor-pointer content-center font-medium">Save a config backup of the {deviceLabel}</summary>
      <div className="space-y-3 py-3">
        <UploadList items={uploadsFor(deviceId).filter((u) => u.kind === "config" || u.kind === "guid")} />
        <QueuedUploadForm
          deviceId={deviceId}
          maxBytes={maxBytes}
          kinds={["config", "guid"]}
          firmware={firmware}
          label={`Config backup of the ${deviceLabel}`}
        />
      </div>
    </details>
  );
}
