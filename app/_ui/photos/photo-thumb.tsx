import type { ReactNode } from "react";
import { photoUrl, thumbUrl, THUMB_SIZE } from "@/lib/photos/limits";

/** A thumbnail's box (the server made it at most THUMB_SIZE on its longer side). */
function thumbBox(p: { width: number; height: number }) {
  const scale = Math.min(1, THUMB_SIZE / Math.max(p.width, p.height));
  return { width: Math.max(1, Math.round(p.width * scale)), height: Math.max(1, Math.round(p.height * scale)) };
}

/**
 * One device photo as a thumbnail that opens the full picture (served only to
 * those who may see the device, and audited): what it shows, then a line of
 * detail. `compact` on the job page, larger in the device's history.
 */
export function PhotoThumb(props: { photo: { id: string; width: number; height: number }; alt: string; what: string; detail: ReactNode; compact?: boolean }) {
  const { photo, compact } = props;
  return (
    <a href={photoUrl(photo.id)} target="_blank" rel="noopener" className="block rounded-lg border border-slate-200 bg-white p-1 no-underline">
      {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-request image: nothing for next/image to optimise or cache */}
      <img
        src={thumbUrl(photo.id)}
        alt={props.alt}
        {...thumbBox(photo)}
        loading="lazy"
        className={`${compact ? "h-20" : "h-32"} w-full rounded object-cover`}
      />
      <span className={`mt-1 block font-medium text-slate-900 ${compact ? "text-xs leading-tight" : "text-sm"}`}>{props.what}</span>
      <span className={`block text-xs text-slate-600 ${compact ? "leading-tight" : ""}`}>{props.detail}</span>
    </a>
  );
}
