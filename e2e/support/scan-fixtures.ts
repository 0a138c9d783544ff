/**
 * Fixed ids of the page-scan fixtures (e2e/seeders/80-scan.ts, 81-scan-platform.ts), so the route
 * matrix can name a real record for every detail page and the scans find data
 * in every list. Nothing here is used by another journey.
 */
export const SCAN = {
  /** Lena Lindqvist-Okonkwo, a customer with two sites, two devices, a login and a visit history. */
  customer: "5ca40000-0000-4000-8000-000000000001",
  /** Her Dahua NVR (on the completed visit), with two config backup versions and an audit trail. */
  device: "5ca40000-0000-4000-8000-000000000002",
  /** Her Lorex DVR (on both visits), with an open vendor case. */
  device2: "5ca40000-0000-4000-8000-000000000003",
  /** Terry's completed visit to her, three weeks ago: attempts, authorization, checklist, a closed vendor case. */
  visit: "5ca40000-0000-4000-8000-000000000004",
  visitRef: "FK-SCAN01",
  /** Terry's visit to her three days ago, still waiting on Lorex (an overdue open case). */
  waitingVisit: "5ca40000-0000-4000-8000-000000000005",
  /** The newest config backup of her Dahua NVR (downloaded twice). */
  backup: "5ca40000-0000-4000-8000-000000000006",
  /** A mail that failed to send, with a long error and an .ics attachment. */
  mail: "5ca40000-0000-4000-8000-000000000007",
  /** The draft invoice of her completed visit. */
  invoice: "5ca40000-0000-4000-8000-000000000009",
  /** Sky Scanner: a technician with working hours, time off and no brands (never offered for a booking). */
  technician: "5ca40000-0000-4000-8000-000000000008",
} as const;
