"use client";
import { useEffect, useId, useRef, useState } from "react";
import { ScanLine } from "lucide-react";
import type { BrowserMultiFormatReader, IScannerControls } from "@zxing/browser";
import { fromScan, type ScanField } from "@/lib/devices/serial-format";

/** zxing loads only when a scan starts (~130 kB gzip): the job page's first load does not carry it. */
async function makeReader(): Promise<BrowserMultiFormatReader> {
  const [{ BrowserMultiFormatReader }, zx] = await Promise.all([import("@zxing/browser"), import("@zxing/library")]);
  const formats = [zx.BarcodeFormat.CODE_128, zx.BarcodeFormat.CODE_39, zx.BarcodeFormat.QR_CODE, zx.BarcodeFormat.DATA_MATRIX, zx.BarcodeFormat.EAN_13];
  const hints = new Map<import("@zxing/library").DecodeHintType, unknown>([
    [zx.DecodeHintType.POSSIBLE_FORMATS, formats],
    [zx.DecodeHintType.TRY_HARDER, true],
  ]);
  return new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: 150 });
}

/**
 * "Scan" beside a device fact: reads a barcode or QR code with the phone's
 * camera (or from a photo of the label, when the camera cannot focus or there
 * is none), shows what was read for the technician to confirm, and only then
 * fills the field. Typing stays possible. The camera needs the page's
 * Permissions-Policy to allow it (next.config.ts: the technician's pages).
 */
export function ScanButton({ field, label, onUse }: { field: ScanField; label: string; onUse: (value: string) => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<IScannerControls | null>(null);
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const stop = () => {
    controls.current?.stop();
    controls.current = null;
  };

  useEffect(() => {
    if (!open || found !== null) return;
    let cancelled = false;
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setStatus("This browser cannot open the camera here: scan from a photo, or type it.");
        return;
      }
      setStatus("Starting the camera…");
      try {
        const reader = await makeReader();
        if (cancelled || !video.current) return;
        controls.current = await reader.decodeFromConstraints(
          { video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 } }, audio: false },
          video.current,
          (result, _err, c) => {
            if (!result) return; // no code in this frame
            c.stop();
            setFound(fromScan(field, result.getText()));
          },
        );
        if (cancelled) stop();
        else setStatus("Point the camera at the barcode or QR code.");
      } catch (err) {
        const name = (err as Error)?.name;
        setStatus(
          name === "NotAllowedError"
            ? "The camera is not allowed: allow it in the browser, scan from a photo, or type it."
            : "No camera could be opened: scan from a photo of the label, or type it.",
        );
      }
    })();
    return () => {
      cancelled = true;
      stop();
    };
  }, [open, found, field]);

  const show = () => {
    setFound(null);
    setStatus("");
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => {
    stop();
    setOpen(false);
    dialog.current?.close();
  };

  const fromPhoto = async (file: File | undefined) => {
    if (!file) return;
    stop();
    setStatus("Reading the photo…");
    const url = URL.createObjectURL(file);
    try {
      const reader = await makeReader();
      const r = await reader.decodeFromImageUrl(url);
      setFound(fromScan(field, r.getText()));
    } catch {
      setStatus("No barcode or QR code found in that photo. Try again closer, or type it.");
    } finally {
      URL.revokeObjectURL(url);
    }
  };

  return (
    <>
      <button type="button" className="btn-secondary min-h-11 shrink-0" onClick={show} aria-haspopup="dialog" aria-controls={`${id}-dialog`}>
        <ScanLine aria-hidden className="size-4" /> Scan<span className="sr-only"> the {label}</span>
      </button>
      <dialog
        ref={dialog}
        id={`${id}-dialog`}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[min(100vw-1rem,32rem)] rounded-xl p-0 backdrop:bg-slate-900/60"
        onClose={() => {
          stop();
          setOpen(false);
        }}
      >
        <div className="space-y-3 p-4">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Scan the {label}
          </h2>
          {found === null ? (
            <>
              <video ref={video} muted playsInline className="aspect-video w-full rounded-lg bg-slate-900" aria-label="Camera preview" />
              <p className="text-sm text-slate-700" aria-live="polite" data-testid="scan-status">
                {status}
              </p>
              <label htmlFor={`${id}-file`} className="btn-secondary min-h-11 w-full cursor-pointer">
                Scan from a photo
              </label>
              <input
                id={`${id}-file`}
                type="file"
                accept="image/*"
                className="sr-only"
                data-testid={`scan-file-${field}`}
                onChange={(e) => {
                  void fromPhoto(e.target.files?.[0]);
                  e.target.value = "";
                }}
              />
            </>
          ) : (
            <div className="space-y-2" role="status">
              <p className="text-sm text-slate-700">Read from the code. Check it matches the label before you use it:</p>
              <p className="rounded-lg bg-slate-100 px-3 py-2 font-mono text-lg break-all" data-testid="scan-result">
                {found || "(empty)"}
              </p>
              <div className="grid grid-cols-2 gap-2">
                <button type="button" className="btn-secondary min-h-11" onClick={() => setFound(null)}>
                  Scan again
                </button>
                <button
                  type="button"
                  className="btn-primary min-h-11"
                  disabled={!found}
                  onClick={() => {
                    onUse(found!);
                    close();
                  }}
                >
                  Use this {label}
                </button>
              </div>
            </div>
          )}
          <button type="button" className="min-h-11 w-full text-sm font-medium underline" onClick={close}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}

/** A device-facts field with its Scan button beside it (the button lines up with the input, below the label). */
export function WithScan({ children, scan }: { children: React.ReactNode; scan: React.ReactNode }) {
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 grow">{children}</div>
      <div className="pt-7">{scan}</div>
    </div>
  );
}
