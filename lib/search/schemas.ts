import { z } from "zod";

/** The search box's text (anything; lib/search trims it and ignores what is too short). */
export const searchQuerySchema = z.object({ q: z.string({ error: "Type something to search for." }).max(200, "Use at most 200 characters.") });
