/**
 * The phone's half of the write registry (the server's is
 * lib/field/writes/registry.ts): for each kind, how it reads in the "waiting
 * to sync" and "Needs attention" lists, and how it shows on the job at once
 * (the optimistic copy), before the server has it. The server stays the
 * judge: what it refuses moves to "Needs attention" and stops showing here.
 */
import { completionBlockers, deviceState } from "@/lib/field/resolution";
import type { QueuedWriteKind } from "@/lib/values";
import { FIELD_WRITE_KIND_LABELS } from "@/lib/values/labels";
import { DEVICE_KINDS } from "./kinds/devices";
import { EVIDENCE_KINDS } from "./kinds/evidence";
import { MONEY_KINDS } from "./kinds/money";
import type { ClientKind, Job } from "./kinds/shared";
import { VISIT_KINDS } from "./kinds/visit";
import type { OutboxItem } from "./store";

export type { Pending, Refusal } from "./kinds/shared";
export { evidenceOf } from "./kinds/evidence";

/** Every kind once: a kind missing from the groups is a type error here. */
export const CLIENT_KINDS: Record<QueuedWriteKind, ClientKind> = { ...VISIT_KINDS, ...DEVICE_KINDS, ...EVIDENCE_KINDS, ...MONEY_KINDS };
/** How a queued item reads in the lists. */
export function describeItem(item: OutboxItem, job: Job | undefined) {
  if (item.kind === "backup.upload") return `${FIELD_WRITE_KIND_LABELS["backup.upload"]}: ${item.upload?.filename ?? "file"}`;
  return CLIENT_KINDS[item.kind].summary(item.input, job);
}

/**
 * The job as the technician sees it: the server's copy with the writes not
 * yet confirmed laid over it in order (refused ones are not), device states
 * and what still blocks completion worked out again by the same rules the
 * server uses (lib/field/resolution.ts).
 */
export function withPending(job: Job, items: readonly OutboxItem[]): Job {
  const mine = items.filter((i) => i.visitId === job.visit.id && i.state !== "attention");
  if (mine.length === 0) return job;
  const view = structuredClone(job);
  for (const item of mine) CLIENT_KINDS[item.kind].apply?.(view, item);
  for (const d of view.devices)
    d.state = deviceState({ visitStatus: view.visit.status, attempts: d.attempts, closingReason: d.closingReason, openVendorCase: !!d.openCase });
  view.blockers = completionBlockers({
    status: view.visit.status,
    hasAuthorization: !!view.authorization,
    openVendorCases: view.devices.filter((d) => d.openCase).length,
    checklistAnswered: true,
    devices: view.devices.map((d) => ({ label: d.label, state: d.state })),
  });
  return view;
}
