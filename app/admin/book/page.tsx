import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { AdminBookingForm } from "./admin-booking-form";
import { publicPricing } from "@/lib/billing/price-list";

export const metadata: Metadata = { title: "Book for a customer" };

export default async function AdminBookPage() {
  await requirePagePermission("visits:dispatch");
  const pricing = await publicPricing();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Book for a customer</h1>
      <p className="text-slate-700">For customers who call: the same free times and checks as online booking. The customer gets the confirmation by email.</p>
      <AdminBookingForm pricing={pricing} />
    </div>
  );
}
