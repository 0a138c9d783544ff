import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { updateSettings } from "@/lib/settings/company";
import { originsOf, widgetOriginsSchema, type WidgetOriginsInput } from "./schemas";

/** Which sites may frame the booking widget (audited, as every settings change). */
export async function setWidgetAllowedOrigins(actor: Actor | null, input: WidgetOriginsInput, ip: string | null) {
  const { origins } = widgetOriginsSchema.parse(input);
  const s = await updateSettings(actor, { widgetAllowedOrigins: originsOf(origins) }, ip);
  return s.widgetAllowedOrigins;
}
