import { CheckCircle2, CircleDashed } from "lucide-react";

export type EvidenceRow = { label: string; present: boolean };

/**
 * What a vendor asks for before a case can go (the method's evidence
 * checklist), ticked where it is in hand. The vendor case cannot be sent
 * while anything is missing; the list says what.
 */
export function EvidenceList({ methodName, items }: { methodName: string; items: EvidenceRow[] }) {
  const missing = items.filter((i) => !i.present).length;
  return (
    <section aria-label={`Evidence for ${methodName}`} className="space-y-1" data-testid="evidence-list">
      <h5 className="text-sm font-semibold">
        {methodName}: <span className={missing ? "text-amber-900" : "text-green-800"}>{missing ? `${missing} missing` : "ready to send"}</span>
      </h5>
      <ul className="space-y-1 text-sm">
        {items.map((i) => (
          <li key={i.label} className="flex items-start gap-2">
            {i.present ? (
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-green-800" />
            ) : (
              <CircleDashed aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-900" />
            )}
            <span>
              <span className="sr-only">{i.present ? "In hand: " : "Missing: "}</span>
              {i.label}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
