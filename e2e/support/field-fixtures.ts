/** Fixed ids of the field-work fixtures (e2e/seeders/30-field.ts), so journeys and the route matrix can name them. */
export const FIELD = {
  /** Terry, today 07:00 New York: Dahua NVR (recovery email set up), Hikvision NVR, Lorex DVR. The journey visit. */
  journeyVisit: "f1e1d000-0000-4000-8000-000000000001",
  journeyRef: "FK-FIELD1",
  /** Terry, today 19:00, already on site, no authorization yet: a Dahua camera. */
  unauthorizedVisit: "f1e1d000-0000-4000-8000-000000000002",
  unauthorizedRef: "FK-FIELD2",
  /** Terry, tomorrow 07:00. */
  tomorrowVisit: "f1e1d000-0000-4000-8000-000000000003",
  tomorrowRef: "FK-FIELD3",
  /** Sam (another technician), today: Terry must get a 404. */
  samVisit: "f1e1d000-0000-4000-8000-000000000004",
  samRef: "FK-FIELD4",
} as const;

/**
 * Terry's field visits (e2e/seeders/30-field.ts): [days from today, local hour] in
 * America/New_York; each holds him 2 hours (90 minutes and the travel buffer).
 * Seeders that place other visits on Terry at times relative to now avoid these.
 */
export const TERRY_FIELD_STARTS = [
  [0, 7],
  [0, 19],
  [1, 7],
] as const;
export const FIELD_BUSY_MINUTES = 120;
