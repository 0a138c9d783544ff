/**
 * A list the technician is tapping must not move under the finger: the
 * playbook keeps the order it was first shown in while the job is open, even
 * when a sync brings a new ranking (other technicians' results move the
 * rates). Methods that appear are added at the end, methods that are gone are
 * dropped; `changed` says the ranking now differs, so the page can offer it.
 */
export function heldOrder<T>(items: readonly T[], idOf: (item: T) => string, shown: readonly string[]) {
  const byId = new Map(items.map((i) => [idOf(i), i]));
  const kept = shown.filter((id) => byId.has(id));
  const keptSet = new Set(kept);
  const ordered = [...kept, ...items.map(idOf).filter((id) => !keptSet.has(id))].map((id) => byId.get(id)!);
  const changed = ordered.some((item, i) => idOf(item) !== idOf(items[i]!));
  return { ordered, changed };
}
