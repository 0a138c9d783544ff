/** Fixed ids of the evidence journey's fixtures (e2e/seeders/85-evidence.ts). */
export const EVIDENCE = {
  /** Terry, on site with Carla 11 days from now 15:30 New York, the authorization signed: a Lorex DVR and a Dahua NVR. */
  visit: "e7de0000-0000-4000-8000-000000000001",
  ref: "FK-EVID1",
  lorex: "e7de0000-0000-4000-8000-000000000011",
  dahua: "e7de0000-0000-4000-8000-000000000012",
  /** What the generated barcode on the Dahua's label says (the scan fills the serial with it). */
  dahuaSerial: "7A0123PAZ012345",
  lorexSerial: "ND021812345678",
  lorexDeviceId: "LRX9F2A7C1",
  /** Where the Lorex case's email goes (company settings). */
  lorexDesk: "support-desk@lorex.example",
} as const;
