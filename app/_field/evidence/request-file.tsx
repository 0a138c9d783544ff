"use client";
import { FileUploadSlot, UploadList } from "../queued-uploads";
import { useFieldWriter } from "../write-context";

/**
 * Store the request file a vendor method exports (a Hikvision SADP export,
 * say) before its case is sent: the method's evidence list asks for it, and
 * the case takes the newest one stored on this visit when it opens. On the
 * phone it waits in the queue like any other file (and counts at once).
 */
export function RequestFileUpload(props: { deviceId: string; deviceLabel: string; visitId: string; maxBytes: number }) {
  const { uploadsFor } = useFieldWriter();
  const waiting = uploadsFor(props.deviceId).filter((u) => u.kind === "vendor_request");
  const label = `Exported request file of the ${props.deviceLabel}`;
  return (
    <details className="rounded-lg border border-slate-300 bg-white px-3 py-1" data-testid="request-file">
      <summary className="min-h-11 cursor-pointer content-center text-sm font-semibold">Store the exported request file</summary>
      <div className="space-y-2 py-2" role="group" aria-label={label}>
        <UploadList items={waiting} />
        <FileUploadSlot deviceId={props.deviceId} visitId={props.visitId} maxBytes={props.maxBytes} kinds={["vendor_request"]} label={label} />
      </div>
    </details>
  );
}
