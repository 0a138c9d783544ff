"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { CalendarPlus, CheckCircle2 } from "lucide-react";
import type { BookingConfirmation } from "@/lib/booking/book";
import type { BookingMode } from "./review-step";

export function Confirmation({
  c,
  mode,
  email,
  accountMode,
}: {
  c: BookingConfirmation & { signedIn?: boolean };
  mode: BookingMode;
  email: string;
  accountMode: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const router = useRouter();
  useEffect(() => heading.current?.focus(), []);
  // Signed in by the booking itself: the header (a server component) learns it on a refresh.
  useEffect(() => {
    if (c.signedIn) router.refresh();
  }, [c.signedIn, router]);
  const icsHref = `data:text/calendar;charset=utf-8,${encodeURIComponent(c.ics)}`;
  return (
    <section className="card space-y-4" aria-labelledby="confirmed" data-testid="confirmation">
      <h2 id="confirmed" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-xl font-bold">
        <CheckCircle2 aria-hidden className="size-6 text-green-700" /> {mode === "admin" ? "Visit booked" : "You are booked"}
      </h2>
      <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Reference</dt>
        <dd className="font-mono text-lg font-bold" data-testid="booking-reference">
          {c.reference}
        </dd>
        <dt className="font-medium text-slate-600">When</dt>
        <dd data-testid="booking-window">{c.window}</dd>
        <dt className="font-medium text-slate-600">Technician</dt>
        <dd data-testid="booking-technician">{c.technicianFirstName ?? "We will assign one"}</dd>
        <dt className="font-medium text-slate-600">Address</dt>
        <dd>{c.address}</dd>
      </dl>
      <div>
        <h3 className="font-semibold">Please have ready</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
          {c.prepare.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
      <div className="flex flex-wrap gap-3">
        <a href={icsHref} download={`visit-${c.reference}.ics`} className="btn-secondary">
          <CalendarPlus aria-hidden className="size-5" /> Add to calendar (.ics)
        </a>
        {mode === "customer" || c.signedIn ? (
          <Link href={`/portal/visits/${c.visitId}`} className="btn-primary">
            See this visit
          </Link>
        ) : null}
        {mode === "admin" ? (
          <>
            <a href="/admin/book" className="btn-primary">
              Book another
            </a>
            <Link href="/admin/outbox" className="btn-secondary">
              Outbox
            </Link>
          </>
        ) : null}
        {mode === "public" && accountMode === "password" && !c.signedIn ? (
          <Link href={`/signin?next=${encodeURIComponent("/portal")}`} className="btn-primary">
            Sign in to manage your visit
          </Link>
        ) : null}
      </div>
      {mode !== "admin" && email ? (
        <p className="text-slate-700">
          We emailed the confirmation to <strong>{email}</strong>.
          {mode === "public" && accountMode === "invite" ? " We also sent a link to set your password, so you can manage the visit online." : ""}
        </p>
      ) : null}
    </section>
  );
}
