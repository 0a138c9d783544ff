import { API_SCOPES, type ApiScope } from "@/lib/values";

export { API_SCOPES, type ApiScope };

/** What each scope lets a token do (on top of what its user's role allows). */
export const SCOPE_LABELS: Record<ApiScope, string> = {
  "customers:read": "Read customers and their sites",
  "devices:read": "Read devices",
  "visits:read": "Read visits",
  "visits:write": "Reschedule, cancel and assign visits (with Read visits, to see the answer)",
  "bookings:write": "Book visits for customers (with Read visits, to see the answer)",
  "attempts:read": "Read recovery attempts",
  "attempts:write": "Log recovery attempts (technicians, on their own visits; with Read recovery attempts)",
  "backups:read": "Read backup metadata and download backups (audited)",
  "vendor-cases:read": "Read vendor cases",
  "reports:read": "Read report figures",
  "estimates:read": "Read estimates (quotes) and their lines",
  "invoices:read": "Read invoices, their lines and credit notes",
  "payments:read": "Read payments recorded against invoices",
};
