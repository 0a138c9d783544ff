"use client";
import { useState } from "react";
import { Paperclip } from "lucide-react";
import { PendingMark } from "./pending-mark";
import { FileUploadSlot, UploadList } from "./queued-uploads";
import { useFieldWriter } from "./write-context";

/** A linked file; `pending` while the link (or the upload) waits on the phone. */
export type VendorFile = { id: string; filename: string; pending?: boolean } | null;

/**
 * The request and result files of a vendor case: stored in the encrypted
 * vault (POST /api/backups), then linked to the case. On the phone both wait
 * in its queue (the link refers to the upload until the server has it).
 */
export function VendorCaseFiles(props: {
  caseId: string;
  deviceId: string;
  visitId: string;
  maxBytes: number;
  request: VendorFile;
  result: VendorFile;
  editable: boolean;
}) {
  return (
    <div className="space-y-3">
      <FileSlot {...props} which="request" file={props.request} label="Exported request file" />
      <FileSlot {...props} which="result" file={props.result} label="Vendor's result file" />
    </div>
  );
}

function FileSlot(props: {
  caseId: string;
  deviceId: string;
  visitId: string;
  maxBytes: number;
  editable: boolean;
  which: "request" | "result";
  file: VendorFile;
  label: string;
}) {
  const { write, uploadsFor } = useFieldWriter();
  const [error, setError] = useState<string | null>(null);
  const kind = props.which === "request" ? "vendor_request" : "vendor_result";
  const waiting = uploadsFor(props.deviceId).filter((u) => u.kind === kind);
  if (props.file) {
    return (
      <div className="space-y-1 text-sm">
        <p>
          <Paperclip aria-hidden className="mr-1 inline size-4 align-text-bottom" />
          <span className="font-medium">{props.label}:</span>{" "}
          {props.file.pending ? (
            <>
              <span data-testid={`vendor-${props.which}-file`}>{waiting[0]?.filename ?? "file on this phone"}</span> <PendingMark />
            </>
          ) : (
            <a href={`/api/backups/${props.file.id}/download`} className="break-all" data-testid={`vendor-${props.which}-file`}>
              {props.file.filename}
            </a>
          )}
        </p>
        <UploadList items={waiting} />
      </div>
    );
  }
  if (!props.editable) return <p className="text-sm text-slate-700">{props.label}: none attached.</p>;
  const link = async (backupId: string) => {
    const r = await write("vendor_case.attach_file", { caseId: props.caseId, backupId, which: props.which });
    setError(r.ok ? null : r.error);
    return r.ok ? null : r.error;
  };
  return (
    <details className="rounded-lg border border-slate-300 bg-white px-3 py-1">
      <summary className="min-h-11 cursor-pointer content-center text-sm font-semibold">Attach the {props.label.toLowerCase()}</summary>
      <div className="py-2" aria-label={props.label} role="group">
        <FileUploadSlot
          deviceId={props.deviceId}
          visitId={props.visitId}
          maxBytes={props.maxBytes}
          kinds={[kind]}
          label={`Upload the ${props.label.toLowerCase()}`}
          onStored={link}
        />
        <p className="field-error" aria-live="polite">
          {error ?? ""}
        </p>
      </div>
    </details>
  );
}
