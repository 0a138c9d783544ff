"use client";
import { BookingForm } from "@/app/_ui/booking/booking-form";
import { adminBookAction, adminSlotsAction } from "./actions";
import { CustomerPicker } from "./customer-picker";

export function AdminBookingForm() {
  return (
    <BookingForm
      mode="admin"
      book={adminBookAction}
      slots={adminSlotsAction}
      profile={null}
      customerStep={({ form, setProfile }) => <CustomerPicker form={form} setProfile={setProfile} />}
    />
  );
}
