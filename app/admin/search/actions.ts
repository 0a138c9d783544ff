"use server";
import { defineAction } from "@/lib/platform/action";
import { searchOffice } from "@/lib/search";
import { searchGroups } from "@/lib/search/hits";
import { searchQuerySchema } from "@/lib/search/schemas";
import { getSettings } from "@/lib/settings/company";

/** The header's suggestions while typing: up to five of each kind. */
export const searchOfficeAction = defineAction(
  searchQuerySchema,
  async ({ q }, { actor }) => {
    const [r, s] = await Promise.all([searchOffice(actor, q, { limit: 5 }), getSettings()]);
    return { q: r.q, searched: r.searched, groups: searchGroups(r, s) };
  },
  { permission: "search:office" },
);
