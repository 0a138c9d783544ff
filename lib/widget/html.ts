import { BRANDS, DEVICE_KINDS } from "@/lib/values";
import { BRAND_LABELS, KIND_CHOICE_LABELS } from "@/lib/values/labels";
import type { CompanySettings } from "@/lib/settings/schema";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One labelled input with its error slot (the script fills `err-<field>` from the API's problem+json field errors). */
function field(name: string, label: string, input: string) {
  return `<div class="f"><label for="${name}">${label}</label>${input}<p class="e" id="err-${name}" role="alert" hidden></p></div>`;
}
const text = (name: string, label: string, type = "text", auto = "") =>
  field(name, label, `<input id="${name}" name="${name}" type="${type}" ${auto ? `autocomplete="${auto}"` : ""} aria-describedby="err-${name}" required>`);
const options = (pairs: [string, string][]) => pairs.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join("");

/**
 * The booking widget's document, for an iframe on the company's own site: a
 * small form that books through the public API (GET /api/v1/slots, POST
 * /api/v1/bookings) with public/widget-book.js. No inline script: the widget's
 * CSP allows scripts and fetches from this origin only.
 */
export function widgetHtml(s: Pick<CompanySettings, "companyName" | "companyPhone" | "locale">): string {
  const tel = s.companyPhone.replace(/[^\d+]/g, "");
  return `<!doctype html><html lang="${esc(s.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Book a visit · ${esc(s.companyName)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:transparent}
.w{border:1px solid #cbd5e1;border-radius:12px;padding:16px;background:#fff;max-width:480px}
h1{font-size:1.15rem;margin:0 0 4px}h2{font-size:1rem;margin:16px 0 4px}p{margin:0 0 12px;color:#334155}
.f{margin:0 0 10px}label{display:block;font-weight:600;font-size:.9rem;margin:0 0 2px}
input,select{width:100%;font:inherit;padding:8px 10px;border:1px solid #64748b;border-radius:8px;background:#fff;color:#0f172a}
input:focus-visible,select:focus-visible{outline:3px solid #93c5fd;outline-offset:1px}
[aria-invalid=true]{border-color:#b91c1c}.e{color:#b91c1c;font-size:.875rem;margin:2px 0 0}
.row{display:grid;grid-template-columns:1fr 1fr;gap:0 10px}
.b{display:inline-block;border:0;cursor:pointer;font:inherit;background:#1e40af;color:#fff;text-decoration:none;font-weight:600;padding:10px 16px;border-radius:8px}
.b:hover,.b:focus-visible{background:#1e3a8a}.b:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}.b:disabled{opacity:.6;cursor:wait}
.m{padding:8px 10px;border-radius:8px;background:#fef2f2;color:#991b1b}.ok{background:#f0fdf4;color:#166534}
.s{font-size:.875rem;color:#475569;margin:12px 0 0}a{color:#1e40af}
</style></head><body><main class="w">
<h1>Locked out of your DVR, NVR or camera?</h1>
<p>${esc(s.companyName)} sends a technician to get you back into Dahua, Lorex and Hikvision recorders and cameras.</p>
<form id="fk-book" novalidate>
<h2>Your device</h2>
${field("devices.0.brand", "Brand", `<select id="devices.0.brand" name="devices.0.brand" aria-describedby="err-devices.0.brand">${options(BRANDS.map((b) => [b, BRAND_LABELS[b]]))}</select>`)}
${field("devices.0.kind", "Kind", `<select id="devices.0.kind" name="devices.0.kind" aria-describedby="err-devices.0.kind">${options(DEVICE_KINDS.map((k) => [k, KIND_CHOICE_LABELS[k]]))}</select>`)}
<h2>When</h2>
<div class="row">${field("day", "Day", `<select id="day" name="day" aria-describedby="err-day"><option value="">Loading free days…</option></select>`)}
${field("slotStart", "Time", `<select id="slotStart" name="slotStart" aria-describedby="err-slotStart"></select>`)}</div>
<h2>You</h2>
${text("contact.name", "Your name", "text", "name")}
<div class="row">${text("contact.email", "Email", "email", "email")}${text("contact.phone", "Phone", "tel", "tel")}</div>
<h2>Where</h2>
${text("site.addressLine1", "Street address", "text", "address-line1")}
<div class="row">${text("site.city", "City", "text", "address-level2")}${text("site.region", "State", "text", "address-level1")}</div>
${text("site.postalCode", "ZIP code", "text", "postal-code")}
<p class="s" id="fk-estimate" aria-live="polite"></p>
<p class="m" id="fk-message" role="status" aria-live="polite" hidden></p>
<button class="b" type="submit">Confirm booking</button>
<p class="s">We email you the confirmation and a link to set a password. Prefer to call? <a href="tel:${esc(tel)}">${esc(s.companyPhone)}</a></p>
</form>
<div id="fk-done" class="m ok" role="status" tabindex="-1" hidden></div>
</main><script src="/widget-book.js"></script><script src="/widget-frame.js"></script></body></html>`;
}
