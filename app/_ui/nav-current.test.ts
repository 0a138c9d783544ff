import { describe, expect, it } from "vitest";
import { PORTAL_NAV } from "@/app/portal/nav";
import { currentHref } from "./nav-current";

const portal = PORTAL_NAV.map((n) => n.href);
const tech = ["/tech", "/tech/calendar"];

describe("the header marks the current page", () => {
  it("an area's home is current only on itself and on pages under it that no other item holds", () => {
    expect(currentHref(portal, "/portal")).toBe("/portal");
    expect(currentHref(portal, "/portal/visits/5ca40000-0000-4000-8000-000000000004")).toBe("/portal");
    expect(currentHref(portal, "/portal/backups")).toBe("/portal/backups");
    expect(currentHref(portal, "/portal/sites")).toBe("/portal/sites");
    expect(currentHref(tech, "/tech")).toBe("/tech");
    expect(currentHref(tech, "/tech/calendar")).toBe("/tech/calendar");
    expect(currentHref(tech, "/tech/visits/abc")).toBe("/tech");
  });

  it("a prefix of the text is not a parent page, and pages outside the nav mark nothing", () => {
    expect(currentHref(["/portal/site", "/portal/sites"], "/portal/sites")).toBe("/portal/sites");
    expect(currentHref(tech, "/technicians")).toBeNull();
    expect(currentHref(portal, "/book")).toBe("/book");
    expect(currentHref(portal, "/admin")).toBeNull();
  });
});
