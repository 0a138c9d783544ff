import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import { ForbiddenError } from "@/lib/platform/errors";
import { widgetOriginsSchema } from "@/lib/widget/schemas";
import { setWidgetAllowedOrigins } from "@/lib/widget/settings";
import { updateSettings } from "@/lib/settings/company";
import { GET } from "./route";

const widget = () => GET(new Request("http://localhost/widget"));
const cspOf = async () => (await widget()).headers.get("content-security-policy")!;

describe("booking widget", () => {
  it("may be framed by no one until an admin lists sites; then exactly by those", async () => {
    expect(await cspOf()).toContain("frame-ancestors 'none'");
    const admin = await makeUser("admin");
    const saved = await setWidgetAllowedOrigins(admin, { origins: "https://www.example.com/\nshop.example.org, https://www.example.com" }, null);
    expect(saved).toEqual(["https://www.example.com", "https://shop.example.org"]);
    const csp = await cspOf();
    expect(csp).toContain("frame-ancestors https://www.example.com https://shop.example.org");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline' 'self"); // scripts only from our origin
    const tech = await makeUser("technician");
    await expect(setWidgetAllowedOrigins(tech, { origins: "" }, null)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("speaks the company's language: <html lang> is the locale setting, like every other page", async () => {
    expect(await (await widget()).text()).toMatch(/^<!doctype html><html lang="en-US">/);
    await updateSettings(await makeUser("admin"), { locale: "fr-CA" }, null);
    expect(await (await widget()).text()).toMatch(/^<!doctype html><html lang="fr-CA">/);
  });

  it("refuses anything that is not a site address, naming it", () => {
    const r = widgetOriginsSchema.safeParse({ origins: "https://ok.example\nintranet\nhttp://plain.example\njavascript:alert(1)\nhttps://bad_host.example" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      "“intranet” is not a site address like https://www.example.com",
      "“http://plain.example” is not a site address like https://www.example.com",
      "“javascript:alert(1)” is not a site address like https://www.example.com",
      "“https://bad_host.example” is not a site address like https://www.example.com",
    ]);
  });

  it("is a labelled booking form served under its CSP: scripts and fetches from this origin only, no inline script", async () => {
    const res = await widget();
    const html = await res.text();
    expect(html).toContain("FieldKey Security");
    for (const [id, label] of [
      ["contact.name", "Your name"],
      ["contact.email", "Email"],
      ["slotStart", "Time"],
      ["day", "Day"],
      ["devices.0.brand", "Brand"],
      ["site.postalCode", "ZIP code"],
    ]) {
      expect(html).toContain(`<label for="${id}">${label}</label>`);
      expect(html).toContain(`aria-describedby="err-${id}"`);
    }
    expect(html).toMatch(/<button class="b" type="submit">Confirm booking<\/button>/);
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/widget-book.js">', '<script src="/widget-frame.js">']);
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
  });
});
