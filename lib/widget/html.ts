import type { CompanySettings } from "@/lib/settings-schema";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The booking widget's document: a small, script-light page meant to sit in
 * an iframe on the company's own site. Until the booking form is wired to the
 * public booking API, it says plainly that booking opens in a new tab.
 */
export function widgetHtml(s: Pick<CompanySettings, "companyName" | "companyPhone">): string {
  const tel = s.companyPhone.replace(/[^\d+]/g, "");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Book a visit · ${esc(s.companyName)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:transparent}
.w{border:1px solid #cbd5e1;border-radius:12px;padding:16px;background:#fff;max-width:480px}
h1{font-size:1.15rem;margin:0 0 4px}p{margin:0 0 12px;color:#334155}
.b{display:inline-block;background:#1e40af;color:#fff;text-decoration:none;font-weight:600;padding:10px 16px;border-radius:8px}
.b:hover,.b:focus-visible{background:#1e3a8a}.b:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.s{font-size:.875rem;color:#475569;margin:12px 0 0}a{color:#1e40af}
</style></head><body><main class="w">
<h1>Locked out of your DVR, NVR or camera?</h1>
<p>${esc(s.companyName)} sends a technician to get you back into Dahua, Lorex and Hikvision recorders and cameras.</p>
<a class="b" href="/book" target="_blank" rel="noopener">Book a visit</a>
<p class="s">Booking opens on our site in a new tab. Prefer to call? <a href="tel:${esc(tel)}">${esc(s.companyPhone)}</a></p>
</main><script src="/widget-frame.js"></script></body></html>`;
}
