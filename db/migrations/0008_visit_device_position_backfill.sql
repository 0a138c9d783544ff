-- Existing visits keep the order their devices were shown in until now (the
-- confirmation email and the portal: the device's creation time, then its id);
-- new bookings store the order the customer entered.
UPDATE "visit_devices" AS vd
SET "position" = o.pos
FROM (
  SELECT vd2."visit_id", vd2."device_id",
         (row_number() OVER (PARTITION BY vd2."visit_id" ORDER BY d."created_at", d."id") - 1)::int AS pos
  FROM "visit_devices" vd2
  JOIN "devices" d ON d."id" = vd2."device_id"
) AS o
WHERE vd."visit_id" = o."visit_id" AND vd."device_id" = o."device_id" AND vd."position" IS DISTINCT FROM o.pos;
