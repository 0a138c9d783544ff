import { CloudUpload } from "lucide-react";

/** Marked by the phone's registry (app/_field/offline/kinds) as saved here and not yet confirmed by the server. */
export const isPending = (x: unknown) => !!(x && typeof x === "object" && (x as { pending?: unknown }).pending);

/** On anything saved on the phone that the server has not confirmed yet. */
export function PendingMark({ label = "waiting to sync" }: { label?: string }) {
  return (
    <span className="badge inline-flex items-center gap-1 bg-amber-100 text-amber-950" data-testid="pending-mark">
      <CloudUpload aria-hidden className="size-4" />
      {label}
    </span>
  );
}
