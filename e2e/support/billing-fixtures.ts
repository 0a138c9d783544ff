/** Fixed ids of the billing fixtures (e2e/seeders/80-billing.ts), for the journey and the route matrix. */
export const BILL = {
  /** Carla: a requested visit with a sent estimate (Call-out + a Hikvision recorder). */
  estimateVisit: "b111d000-0000-4000-8000-000000000001",
  estimateVisitRef: "FK-BILL1",
  estimate: "b111d000-0000-4000-8000-0000000000e1",
  /** Terry, on site with Carla two days ago (small hours), authorized, the Dahua NVR recovered: ready to complete. */
  jobVisit: "b111d000-0000-4000-8000-000000000002",
  jobVisitRef: "FK-BILL2",
} as const;
