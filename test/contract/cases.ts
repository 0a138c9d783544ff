/** The read operations' contract cases (see contract.test.ts for what each case checks). */
import { expect } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { getReportData } from "@/lib/reports/data";
import * as backupDownload from "@/app/api/v1/backups/[id]/download/route";
import type { ContractWorld } from "./fixtures";
import * as customerSites from "@/app/api/v1/customers/[id]/sites/route";
import * as customer from "@/app/api/v1/customers/[id]/route";
import * as customersList from "@/app/api/v1/customers/route";
import * as deviceBackups from "@/app/api/v1/devices/[id]/backups/route";
import * as device from "@/app/api/v1/devices/[id]/route";
import * as devicesList from "@/app/api/v1/devices/route";
import * as successRates from "@/app/api/v1/reports/success-rates/route";
import * as vendorCasesList from "@/app/api/v1/vendor-cases/route";
import * as visit from "@/app/api/v1/visits/[id]/route";
import * as visitsList from "@/app/api/v1/visits/route";
import * as invoicesList from "@/app/api/v1/invoices/route";
import * as invoice from "@/app/api/v1/invoices/[id]/route";
import * as estimatesList from "@/app/api/v1/estimates/route";
import * as estimate from "@/app/api/v1/estimates/[id]/route";
import * as paymentsList from "@/app/api/v1/payments/route";
import * as quotes from "@/app/api/v1/quotes/route";

export type Handler = (r: Request, c?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
type Where = { url: (w: ContractWorld) => string; params?: (w: ContractWorld) => Record<string, string> };
export type Case = {
  op: string;
  handler: Handler;
  /** Who calls for the success case, and what they get (public operations: nobody). */
  as: (w: ContractWorld) => Actor;
  url: (w: ContractWorld) => string;
  params?: (w: ContractWorld) => Record<string, string>;
  /** JSON body and headers for the success case (POST operations). */
  body?: (w: ContractWorld) => unknown;
  headers?: (w: ContractWorld) => Record<string, string>;
  ok: (body: unknown, w: ContractWorld) => void | Promise<void>;
  /** A request that fails validation, and the field errors it gets (default: `?limit=1000`). */
  invalid?: Partial<Where> & { body?: (w: ContractWorld) => unknown; headers?: (w: ContractWorld) => Record<string, string>; errors: unknown[] };
  /** Customer A asking for B's record: a 404 (detail) or B's rows absent (list). Absent for operations with no customer's record (public). */
  otherCustomer?: Where & {
    as?: (w: ContractWorld) => Actor;
    body?: (w: ContractWorld) => unknown;
    status?: number;
    expect: "404" | ((body: unknown, w: ContractWorld) => void);
  };
};

export const ids = (body: unknown) => (body as { data: { id: string }[] }).data.map((r) => r.id);

export const READ_CASES: Case[] = [
  {
    op: "listCustomers",
    handler: customersList.GET,
    as: (w) => w.admin,
    url: () => "/api/v1/customers?limit=100",
    ok: (b, w) => {
      expect(ids(b)).toEqual(expect.arrayContaining([w.custA.customerId, w.custB.customerId]));
      // Customer A has a device and visits: the counts are real (a correlated subquery once made them always 0).
      const a = (b as { data: { id: string; deviceCount: number; visitCount: number }[] }).data.find((c) => c.id === w.custA.customerId)!;
      expect(a.deviceCount).toBeGreaterThanOrEqual(1);
      expect(a.visitCount).toBeGreaterThanOrEqual(1);
    },
    otherCustomer: { url: () => "/api/v1/customers", expect: (b, w) => expect(ids(b)).toEqual([w.custA.customerId]) },
  },
  {
    op: "getCustomer",
    handler: customer.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/customers/${w.custA.customerId}`,
    params: (w) => ({ id: w.custA.customerId! }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.custA.customerId, name: w.custA.name }),
    otherCustomer: { url: (w) => `/api/v1/customers/${w.custB.customerId}`, params: (w) => ({ id: w.custB.customerId! }), expect: "404" },
  },
  {
    op: "listCustomerSites",
    handler: customerSites.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/customers/${w.custA.customerId}/sites`,
    params: (w) => ({ id: w.custA.customerId! }),
    ok: (b) => expect((b as { data: { city: string }[] }).data[0]).toMatchObject({ city: "Cleveland" }),
    otherCustomer: { url: (w) => `/api/v1/customers/${w.custB.customerId}/sites`, params: (w) => ({ id: w.custB.customerId! }), expect: "404" },
  },
  {
    op: "listDevices",
    handler: devicesList.GET,
    as: (w) => w.tech,
    url: () => "/api/v1/devices",
    ok: (b, w) => expect(ids(b)).toEqual([w.deviceA]),
    otherCustomer: { url: (w) => `/api/v1/devices?customerId=${w.custB.customerId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "getDevice",
    handler: device.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/devices/${w.deviceA}`,
    params: (w) => ({ id: w.deviceA }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.deviceA, brand: "dahua" }),
    otherCustomer: { url: (w) => `/api/v1/devices/${w.deviceB}`, params: (w) => ({ id: w.deviceB }), expect: "404" },
  },
  {
    op: "listDeviceBackups",
    handler: deviceBackups.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/devices/${w.deviceA}/backups`,
    params: (w) => ({ id: w.deviceA }),
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.backupA.id, version: 1, sha256: w.backupA.sha256 }], nextCursor: null }),
    otherCustomer: { url: (w) => `/api/v1/devices/${w.deviceB}/backups`, params: (w) => ({ id: w.deviceB }), expect: "404" },
  },
  {
    op: "downloadBackup",
    handler: backupDownload.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/backups/${w.backupA.id}/download`,
    params: (w) => ({ id: w.backupA.id }),
    ok: (b, w) => expect(Buffer.compare(b as Buffer, w.backupA.bytes)).toBe(0),
    otherCustomer: { url: (w) => `/api/v1/backups/${w.backupB.id}/download`, params: (w) => ({ id: w.backupB.id }), expect: "404" },
  },
  {
    op: "listVisits",
    handler: visitsList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/visits?from=2030-01-01T00:00:00Z&to=2030-03-31T00:00:00Z",
    ok: (b, w) => expect(ids(b)).toEqual([w.visitA]),
    otherCustomer: { url: (w) => `/api/v1/visits?customerId=${w.custB.customerId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "getVisit",
    handler: visit.GET,
    as: (w) => w.tech,
    url: (w) => `/api/v1/visits/${w.visitA}`,
    params: (w) => ({ id: w.visitA }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.visitA, technicianId: w.tech.id, devices: [{ deviceId: w.deviceA, brand: "dahua" }] }),
    otherCustomer: { url: (w) => `/api/v1/visits/${w.visitB}`, params: (w) => ({ id: w.visitB }), expect: "404" },
  },
  {
    op: "listVendorCases",
    handler: vendorCasesList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/vendor-cases?overdue=true",
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.caseA, overdue: true, vendor: "dahua" }] }),
    otherCustomer: { url: () => "/api/v1/vendor-cases", expect: (b, w) => expect(ids(b)).toEqual([w.caseA]) },
  },
  {
    op: "getSuccessRates",
    handler: successRates.GET,
    as: (w) => w.admin,
    url: () => "/api/v1/reports/success-rates?brand=dahua",
    ok: async (b, w) => {
      // The same figures as the admin report page for the same filters.
      const page = await getReportData(w.admin, { brand: "dahua" });
      expect((b as { rates: unknown }).rates).toEqual(JSON.parse(JSON.stringify(page.byBrandMethod)));
      expect((b as { claims: { methodId: string; claimed: number }[] }).claims).toEqual(
        expect.arrayContaining([expect.objectContaining({ methodId: "dahua_qr_dmss", claimed: 0.95 })]),
      );
    },
    invalid: {
      url: () => "/api/v1/reports/success-rates?brand=sony&from=2026-02-30",
      errors: expect.arrayContaining([expect.objectContaining({ in: "query", field: "brand", detail: "Pick a brand from the list." })]) as unknown as unknown[],
    },
    // A customer's token, even with the scope, is refused: reports are for admins.
    otherCustomer: { url: () => "/api/v1/reports/success-rates", status: 403, expect: (b) => expect(b).toMatchObject({ status: 403 }) },
  },
  {
    op: "listInvoices",
    handler: invoicesList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/invoices?limit=100",
    // A customer sees their issued invoice, never their draft.
    ok: (b, w) => expect(ids(b)).toEqual([w.billA.invoiceId]),
    invalid: {
      url: () => "/api/v1/invoices?status=owing",
      errors: [{ in: "query", field: "status", detail: "Use one of: draft, issued, partially_paid, paid, void." }],
    },
    otherCustomer: { url: (w) => `/api/v1/invoices?customerId=${w.custB.customerId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "getInvoice",
    handler: invoice.GET,
    as: (w) => w.custA,
    url: (w) => `/api/v1/invoices/${w.billA.invoiceId}`,
    params: (w) => ({ id: w.billA.invoiceId }),
    ok: (b, w) => {
      const inv = b as {
        number: string;
        status: string;
        paidCents: number;
        totalCents: number;
        balanceCents: number;
        lines: unknown[];
        payments: { id: string }[];
      };
      expect(inv).toMatchObject({ number: w.billA.number, status: "partially_paid", paidCents: 1000 });
      expect(inv.balanceCents).toBe(inv.totalCents - 1000);
      expect(inv.lines.length).toBeGreaterThanOrEqual(2);
      expect(inv.payments.map((p) => p.id)).toEqual([w.paymentA]);
    },
    otherCustomer: { url: (w) => `/api/v1/invoices/${w.billB.invoiceId}`, params: (w) => ({ id: w.billB.invoiceId }), expect: "404" },
  },
  {
    op: "listEstimates",
    handler: estimatesList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/estimates?current=true",
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.estimateA.estimateId, status: "sent", current: true }] }),
    otherCustomer: { url: () => "/api/v1/estimates", expect: (b, w) => expect(ids(b)).toEqual([w.estimateA.estimateId]) },
  },
  {
    op: "getEstimate",
    handler: estimate.GET,
    as: (w) => w.admin,
    url: (w) => `/api/v1/estimates/${w.estimateA.estimateId}`,
    params: (w) => ({ id: w.estimateA.estimateId }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.estimateA.estimateId, visitId: w.estimateA.visitId, lines: expect.any(Array) }),
    otherCustomer: { url: (w) => `/api/v1/estimates/${w.estimateB.estimateId}`, params: (w) => ({ id: w.estimateB.estimateId }), expect: "404" },
  },
  {
    op: "listPayments",
    handler: paymentsList.GET,
    as: (w) => w.custA,
    url: () => "/api/v1/payments",
    ok: (b, w) => expect(b).toMatchObject({ data: [{ id: w.paymentA, amountCents: 1000, method: "check", invoiceNumber: w.billA.number }] }),
    otherCustomer: { url: (w) => `/api/v1/payments?invoiceId=${w.billB.invoiceId}`, expect: (b) => expect(ids(b)).toEqual([]) },
  },
  {
    op: "quoteVisit",
    handler: quotes.POST,
    as: (w) => w.admin,
    url: () => "/api/v1/quotes",
    // Wednesday 10:00 in New York: no surcharge.
    body: () => ({
      devices: [
        { brand: "dahua", kind: "nvr" },
        { brand: "dahua", kind: "dvr" },
      ],
      slotStart: "2030-03-06T15:00:00Z",
    }),
    ok: (b) => expect(b).toMatchObject({ summary: "Call-out $89.00 + 2 × $49.00 = $187.00 before tax", subtotalCents: 18700, surcharges: [] }),
    invalid: {
      body: () => ({ devices: [{ brand: "sony", kind: "nvr" }], slotStart: "tomorrow" }),
      errors: expect.arrayContaining([
        expect.objectContaining({ in: "body", field: "devices.0.brand", detail: "Choose Dahua, Lorex or Hikvision." }),
        expect.objectContaining({ in: "body", field: "slotStart" }),
      ]) as unknown as unknown[],
    },
  },
];
