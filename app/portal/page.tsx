import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/app/_ui/guard";

export const metadata: Metadata = { title: "My visits" };

export default async function PortalHome() {
  const actor = await requireRole("customer");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Hello, {actor.name}</h1>
      <div className="card">
        <h2 className="text-lg font-semibold">Your visits</h2>
        <p className="mt-1 text-slate-700">
          You have no visits yet. <Link href="/book">Book an on-site visit</Link>.
        </p>
      </div>
    </div>
  );
}
