"use client";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ContactStep } from "@/app/_ui/booking/details-steps";
import type { BookingProfile } from "@/lib/booking/profile";
import type { BookingData, BookingInput } from "@/lib/booking/schemas";
import { customerProfileAction, searchCustomersAction } from "./actions";

type Found = { id: string; name: string; email: string | null; phone: string | null };

/** Admin booking by phone: find an existing customer, or enter a new one. */
export function CustomerPicker({
  form,
  setProfile,
}: {
  form: UseFormReturn<BookingInput, unknown, BookingData>;
  setProfile: (p: BookingProfile | null) => void;
}) {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Found[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const chosenId = form.watch("contact.customerId");
  const chosen = form.watch("contact");

  const search = async () => {
    setMessage(null);
    const r = await searchCustomersAction({ q });
    if (!r.ok) return setMessage(r.error);
    setFound(r.data);
    if (r.data.length === 0) setMessage(q.trim().length < 2 ? "Type at least 2 characters." : "No customer matches. Enter them as a new customer below.");
  };
  const pick = async (id: string) => {
    const r = await customerProfileAction({ customerId: id });
    if (!r.ok) return setMessage(r.error);
    form.setValue("contact", { customerId: r.data.customerId, ...r.data.contact }, { shouldValidate: true });
    form.setValue("account.mode", "existing");
    setProfile(r.data);
  };
  const newCustomer = () => {
    form.setValue("contact", { customerId: "", name: "", email: "", phone: "" });
    form.setValue("account.mode", "invite");
    setProfile(null);
  };

  return (
    <div className="space-y-4">
      <div role="search" className="flex flex-wrap items-end gap-2">
        <div className="grow">
          <label htmlFor="customer-search" className="label">
            Find an existing customer (name, email or phone)
          </label>
          <input
            id="customer-search"
            className="input"
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void search();
              }
            }}
          />
        </div>
        <button type="button" className="btn-secondary" onClick={() => void search()}>
          Search
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-700">
        {message ?? ""}
      </p>
      {found && found.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200" data-testid="customer-results">
          {found.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <span className="font-medium">{c.name}</span> <span className="text-sm text-slate-600">{[c.email, c.phone].filter(Boolean).join(" · ")}</span>
              </span>
              <button type="button" className="btn-secondary" aria-pressed={chosenId === c.id} onClick={() => void pick(c.id)}>
                {chosenId === c.id ? "Selected" : `Book for ${c.name}`}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {chosenId ? (
        <div className="rounded-lg border border-brand-700 bg-brand-50 p-3" data-testid="chosen-customer">
          <p>
            Booking for <strong>{chosen.name}</strong> {chosen.email ? `(${chosen.email})` : ""}
          </p>
          <button type="button" className="btn-secondary mt-2" onClick={newCustomer}>
            A new customer instead
          </button>
        </div>
      ) : (
        <fieldset className="space-y-2">
          <legend className="font-semibold">Or a new customer</legend>
          <ContactStep form={form} />
        </fieldset>
      )}
    </div>
  );
}
