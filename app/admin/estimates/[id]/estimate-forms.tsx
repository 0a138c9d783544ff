"use client";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/app/_ui/action-button";
import { LinesEditor, type EditorLine } from "@/app/_ui/billing/lines-editor";
import { estimateLinesSchema } from "@/lib/billing/schemas";
import type { Currency } from "@/lib/values";
import { saveEstimateLinesAction, sendEstimateAction, startEstimateAction } from "../actions";

export function EstimateEditor(p: { estimateId: string; lines: EditorLine[]; notes: string; currency: Currency; locale: string; taxRate: number }) {
  const router = useRouter();
  return (
    <LinesEditor
      schema={estimateLinesSchema}
      action={saveEstimateLinesAction}
      ids={{ estimateId: p.estimateId }}
      lines={p.lines}
      notes={p.notes}
      currency={p.currency}
      locale={p.locale}
      taxRate={p.taxRate}
      submitLabel="Save estimate"
      ariaLabel="Estimate lines"
      onSaved={() => router.refresh()}
    />
  );
}

export function SendEstimateButton({ estimateId }: { estimateId: string }) {
  const router = useRouter();
  return (
    <ActionButton
      action={() => sendEstimateAction({ estimateId })}
      label="Send to the customer"
      pendingLabel="Sending…"
      className="btn-primary"
      doneMessage="Sent: the customer can accept it in their account, or on site."
      onDone={() => router.refresh()}
    />
  );
}

/** Start (or open) the visit's estimate, then go to it. */
export function StartEstimateButton({ visitId, label }: { visitId: string; label: string }) {
  const router = useRouter();
  return (
    <ActionButton
      action={() => startEstimateAction({ visitId })}
      label={label}
      pendingLabel="Opening…"
      onDone={(d) => router.push(`/admin/estimates/${d.estimateId}`)}
    />
  );
}
