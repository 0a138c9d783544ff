/** The offline journeys' fixtures (e2e/seeders/80-offline.ts): two technicians of their own and one visit per journey, so nothing else on the server moves them. */
export const OFFLINE = {
  olga: { email: "olga@fieldkey.test", name: "Olga Offline" },
  pete: { email: "pete@fieldkey.test", name: "Pete Second" },
  customer: "Ollie Basement",
  /** Olga, today, on site, not authorized yet: the journey at 390 px. */
  journey: { id: "0ff11e00-0000-4000-8000-000000000001", ref: "FK-OFF1" },
  /** Olga, today, on site, authorized: the lost response. */
  lost: { id: "0ff11e00-0000-4000-8000-000000000002", ref: "FK-OFF2" },
  /** Olga, today, on site, authorized: two tabs. */
  tabs: { id: "0ff11e00-0000-4000-8000-000000000003", ref: "FK-OFF3" },
  /** Olga, today, scheduled (authorized in advance): Olga arrives and works offline while the office reassigns it to Pete. */
  reassigned: { id: "0ff11e00-0000-4000-8000-000000000004", ref: "FK-OFF4" },
  /** Olga, today, on site: the config backup chosen offline. */
  upload: { id: "0ff11e00-0000-4000-8000-000000000005", ref: "FK-OFF5" },
  /** Olga, today, on site, authorized: sign-out with a write pending. */
  signout: { id: "0ff11e00-0000-4000-8000-000000000006", ref: "FK-OFF6" },
} as const;
