import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/actor";
import { documentFor, type DocumentKind } from "@/lib/billing/documents";
import { pdfFilename, renderDocumentPdf } from "@/lib/billing/pdf/document-pdf";
import { NotFoundError } from "@/lib/platform/errors";
import { routeHandler } from "@/lib/platform/route-handler";
import { getSettings } from "@/lib/settings/company";

export const runtime = "nodejs";

const KINDS: Record<string, DocumentKind> = { invoices: "invoice", estimates: "estimate", "credit-notes": "credit_note" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/billing/{invoices|estimates|credit-notes}/{id}/pdf: the PDF of a
 * document, with the same access rule as the data (customers their own,
 * admins all); anyone else, signed out or an unknown id: 404, no hint it exists.
 */
export const GET = routeHandler<{ kind: string; id: string }>("billing pdf", async (_request, { params }) => {
  const { kind, id } = await params;
  const which = KINDS[kind];
  if (!which || !UUID.test(id)) throw new NotFoundError();
  const actor = await getActor();
  if (!actor) throw new NotFoundError();
  const db = await getDb();
  const s = await getSettings();
  const doc = await documentFor(db, actor, which, id, s);
  const pdf = await renderDocumentPdf(doc, s);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="${pdfFilename(doc)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
