import { PageSkeleton } from "@/app/_ui/skeleton";

/** Shown while this page's data loads (see app/_ui/skeleton.tsx). */
export default function Loading() {
  return <PageSkeleton title="the visits behind a figure" kind="table" rows={8} />;
}
