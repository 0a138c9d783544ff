"use client";
import { BookingForm } from "@/app/_ui/booking/booking-form";
import type { Pricing } from "@/app/_ui/booking/estimate";
import { adminBookAction, adminSlotsAction } from "./actions";
import { CustomerPicker } from "./customer-picker";

export function AdminBookingForm({ pricing }: { pricing: Pricing }) {
  return (
    <BookingForm
      mode="admin"
      book={adminBookAction}
      slots={adminSlotsAction}
      profile={null}
      pricing={pricing}
      customerStep={({ form, setProfile }) => <CustomerPicker form={form} setProfile={setProfile} />}
    />
  );
}
