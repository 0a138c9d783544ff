"use client";
import { useState } from "react";
import { Paperclip } from "lucide-react";
import { BackupUpload } from "@/app/_ui/backups/backup-upload";
import { attachVendorFileAction } from "./actions";

export type VendorFile = { id: string; filename: string } | null;

/**
 * The request and result files of a vendor case: stored in the encrypted
 * vault (POST /api/backups), then linked to the case.
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
  const [error, setError] = useState<string | null>(null);
  if (props.file) {
    return (
      <p className="text-sm">
        <Paperclip aria-hidden className="mr-1 inline size-4 align-text-bottom" />
        <span className="font-medium">{props.label}:</span>{" "}
        <a href={`/api/backups/${props.file.id}/download`} className="break-all" data-testid={`vendor-${props.which}-file`}>
          {props.file.filename}
        </a>
      </p>
    );
  }
  if (!props.editable) return <p className="text-sm text-slate-700">{props.label}: none attached.</p>;
  return (
    <details className="rounded-lg border border-slate-300 bg-white px-3 py-1">
      <summary className="min-h-11 cursor-pointer content-center text-sm font-semibold">Attach the {props.label.toLowerCase()}</summary>
      <div className="py-2" aria-label={props.label} role="group">
        <BackupUpload
          deviceId={props.deviceId}
          visitId={props.visitId}
          maxBytes={props.maxBytes}
          kinds={[props.which === "request" ? "vendor_request" : "vendor_result"]}
          onUploaded={async ({ id }) => {
            const r = await attachVendorFileAction({ caseId: props.caseId, backupId: id, which: props.which });
            setError(r.ok ? null : r.error);
          }}
        />
        <p className="field-error" aria-live="polite">
          {error ?? ""}
        </p>
      </div>
    </details>
  );
}
