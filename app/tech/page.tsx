import type { Metadata } from "next";
import { requireRole } from "@/app/_ui/guard";

export const metadata: Metadata = { title: "My day" };

export default async function TechHome() {
  const actor = await requireRole("technician");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Today</h1>
      <div className="card">
        <p className="text-slate-700">No visits assigned to {actor.name} today.</p>
      </div>
    </div>
  );
}
