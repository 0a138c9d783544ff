import { Camera } from "lucide-react";
import { formatDate, formatDateTime, type ZoneAndLocale } from "@/lib/format/dates";
import type { PhotoListItem } from "@/lib/photos/read";
import { PHOTO_KIND_LABELS } from "@/lib/values/labels";
import { PhotoThumb } from "./photo-thumb";

/**
 * A device's photos as thumbnails, grouped by the visit they were taken on
 * (newest first): the device's history across visits. Each opens the full
 * picture (served only to those who may see the device, and audited).
 */
export function PhotoGallery({ photos, zone, empty = "No photos yet." }: { photos: PhotoListItem[]; zone: ZoneAndLocale; empty?: string }) {
  if (photos.length === 0)
    return (
      <p className="flex items-center gap-2 text-slate-700">
        <Camera aria-hidden className="size-4" /> {empty}
      </p>
    );
  const groups = new Map<string, PhotoListItem[]>();
  for (const p of photos) groups.set(p.visitId ?? "", [...(groups.get(p.visitId ?? "") ?? []), p]);
  return (
    <div className="space-y-4" data-testid="photo-gallery">
      {[...groups.values()].map((list) => {
        const first = list[0]!;
        const heading = first.visitReference
          ? `Visit ${first.visitReference}${first.visitStartsAt ? `, ${formatDate(first.visitStartsAt, zone)}` : ""}`
          : "Added by the office";
        return (
          <section key={first.visitId ?? "office"} aria-label={heading}>
            <h3 className="mb-2 text-sm font-semibold text-slate-700">{heading}</h3>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
              {list.map((p) => {
                const what = PHOTO_KIND_LABELS[p.photoKind];
                const when = formatDateTime(p.takenAt ?? p.uploadedAt, zone);
                return (
                  <li key={p.id} data-testid="photo">
                    <PhotoThumb
                      photo={p}
                      alt={`${what}, ${p.takenAt ? "taken" : "added"} ${when}`}
                      what={what}
                      detail={`${when}${p.deletedAt ? " · deleted" : ""}`}
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
