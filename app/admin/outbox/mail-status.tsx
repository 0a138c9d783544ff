import type { MailStatus } from "@/db/schema";

const STYLE: Record<MailStatus, [string, string]> = {
  pending: ["Pending", "bg-amber-100 text-amber-900"],
  sending: ["Sending", "bg-blue-100 text-blue-900"],
  sent: ["Sent", "bg-green-100 text-green-900"],
  failed: ["Failed", "bg-red-100 text-red-900"],
};

export function MailStatusBadge({ status }: { status: MailStatus }) {
  const [label, cls] = STYLE[status];
  return <span className={`badge ${cls}`}>{label}</span>;
}
