"use client";
import { useId, useState } from "react";
import { Camera, ImagePlus } from "lucide-react";
import { FormMessage, SelectField } from "@/app/_ui/field";
import { formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import { PhotoThumb } from "@/app/_ui/photos/photo-thumb";
import { PHOTO_KINDS, type PhotoKind } from "@/lib/values";
import { PHOTO_KIND_LABELS } from "@/lib/values/labels";
import { formatBytes } from "../format";
import { PendingMark } from "../pending-mark";
import { UploadList } from "../queued-uploads";
import { useFieldWriter } from "../write-context";
import { preparePhoto } from "./compress";

export type JobPhoto = {
  id: string;
  photoKind: PhotoKind;
  width: number;
  height: number;
  takenAt: string | null;
  uploadedAt: string;
  thisVisit: boolean;
  visitReference: string | null;
  /** Saved on the phone, not yet confirmed by a fresh copy of the job. */
  pending?: "queued" | "sent";
};

/**
 * A device's photos on the job: what the vendor asks for (the label, the
 * device-info screen, the on-screen date or code) and anything else worth
 * keeping. Taken with the phone's camera or picked from its gallery, shrunk
 * on the phone (EXIF dropped, the shot time kept), then saved on the phone
 * and uploaded through the queue with the job's other writes (offline too),
 * with a progress bar while it goes. Thumbnails of the device's photos from
 * every visit; each opens the full picture.
 */
/** The hidden file inputs' keyboard focus drawn on the labels that stand for them (the same ring as :focus-visible). */
const FOCUS_FROM_INPUT = {
  camera: "peer-focus-visible/camera:outline-2 peer-focus-visible/camera:outline-offset-2 peer-focus-visible/camera:outline-brand-600",
  pick: "peer-focus-visible/pick:outline-2 peer-focus-visible/pick:outline-offset-2 peer-focus-visible/pick:outline-brand-600",
};

export function DevicePhotos(props: { deviceId: string; deviceLabel: string; photos: JobPhoto[]; editable: boolean; zone: ZoneAndLocale; maxBytes: number }) {
  const { deviceId, deviceLabel, photos, editable, zone, maxBytes } = props;
  const { upload, uploadsFor, queued } = useFieldWriter();
  const id = useId();
  const [kind, setKind] = useState<PhotoKind>("label");
  const [preparing, setPreparing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const waiting = uploadsFor(deviceId).filter((u) => u.kind === "photo");

  const take = async (original: File | undefined) => {
    setError(null);
    setDone(null);
    if (!original) return;
    if (original.size === 0) return setError("The photo is empty. Take it again.");
    setPreparing(0);
    try {
      const ready = await preparePhoto(original, (p) => setPreparing(Math.round(p)));
      if (ready.file.size > maxBytes) return setError(`The photo is too large (${formatBytes(ready.file.size)}). The limit is ${formatBytes(maxBytes)}.`);
      const r = await upload({ file: ready.file, deviceId, kind: "photo", photo: { photoKind: kind, takenAt: ready.takenAt } });
      if (!r.ok) return setError(r.error);
      const what = PHOTO_KIND_LABELS[kind];
      setDone(queued ? `${what} photo saved on this phone; it uploads now, or once there is a signal.` : `${what} photo uploaded.`);
    } finally {
      setPreparing(null);
      setInputKey((k) => k + 1);
    }
  };

  const shown = photos.filter((p) => p.pending !== "queued");
  return (
    <section className="space-y-3" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="font-semibold">
        Photos of the {deviceLabel}
      </h4>
      {shown.length ? (
        <ul className="grid grid-cols-3 gap-2" data-testid="job-photos">
          {shown.map((p) => {
            const what = PHOTO_KIND_LABELS[p.photoKind];
            const when = formatDateTime(p.takenAt ?? p.uploadedAt, zone);
            return (
              <li key={p.id} data-testid="job-photo" data-kind={p.photoKind}>
                {p.pending ? (
                  <div className="flex h-24 flex-col items-center justify-center rounded-lg border border-dashed border-slate-400 bg-slate-50 p-1 text-center text-xs">
                    <Camera aria-hidden className="size-5" />
                    {what} <PendingMark />
                  </div>
                ) : (
                  <PhotoThumb
                    compact
                    photo={p}
                    alt={`${what}, ${p.takenAt ? "taken" : "added"} ${when}`}
                    what={what}
                    detail={p.thisVisit ? "This visit" : (p.visitReference ?? "Office")}
                  />
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">No photos of this device yet.</p>
      )}
      <UploadList items={waiting} />
      {editable ? (
        <div className="space-y-2">
          <SelectField label="What does the photo show?" id={`${id}-kind`} name="photoKind" value={kind} onChange={(e) => setKind(e.target.value as PhotoKind)}>
            {PHOTO_KINDS.map((k) => (
              <option key={k} value={k}>
                {PHOTO_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          <div className="grid grid-cols-2 gap-2" key={inputKey}>
            {/* The inputs are visually hidden; their labels are the buttons (a tap opens the camera or the gallery). */}
            <input
              id={`${id}-camera`}
              type="file"
              accept="image/*"
              capture="environment"
              className="peer/camera sr-only"
              disabled={preparing !== null}
              onChange={(e) => void take(e.target.files?.[0])}
            />
            <label htmlFor={`${id}-camera`} className={`btn-primary min-h-11 cursor-pointer ${FOCUS_FROM_INPUT.camera}`}>
              <Camera aria-hidden className="size-4" /> Take a photo
            </label>
            <input
              id={`${id}-pick`}
              type="file"
              accept="image/*"
              className="peer/pick sr-only"
              disabled={preparing !== null}
              onChange={(e) => void take(e.target.files?.[0])}
            />
            <label htmlFor={`${id}-pick`} className={`btn-secondary min-h-11 cursor-pointer ${FOCUS_FROM_INPUT.pick}`}>
              <ImagePlus aria-hidden className="size-4" /> Choose a photo
            </label>
          </div>
          {preparing !== null ? (
            <div role="status">
              <label htmlFor={`${id}-prep`} className="label">
                Preparing the photo… {preparing}%
              </label>
              <progress id={`${id}-prep`} max={100} value={preparing} className="h-3 w-full accent-brand-700" />
            </div>
          ) : null}
          <FormMessage id={`${id}-message`} error={error} success={done} />
        </div>
      ) : null}
    </section>
  );
}
