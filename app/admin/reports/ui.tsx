import type { ReactNode } from "react";
import type { Rate } from "@/lib/reports/wilson";
import { interval, pct } from "./format";
import { ScrollRegion } from "@/app/_ui/scroll-region";

export function Section({
  id,
  title,
  exportHref,
  children,
  intro,
}: {
  id: string;
  title: string;
  exportHref?: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id} data-testid={`section-${id}`}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {exportHref ? (
          <a href={exportHref} download className="text-sm font-medium">
            Download CSV<span className="sr-only">: {title}</span>
          </a>
        ) : null}
      </div>
      {intro ? <div className="mb-3 text-sm text-slate-700">{intro}</div> : null}
      {children}
    </section>
  );
}

export function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`py-2 pr-3 font-semibold ${i > 0 ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

export const td = "py-1.5 pr-3 text-right tabular-nums";
export const th = "py-1.5 pr-3 text-left font-medium";

export function SmallBadge({ small }: { small: boolean }) {
  return small ? <span className="badge ml-1 whitespace-nowrap bg-amber-100 text-amber-900">small sample</span> : null;
}

/** n, rate and interval cells of a Rate; small samples say so. */
export function RateCells({ r }: { r: Rate }) {
  return (
    <>
      <td className={td}>{r.n}</td>
      <td className={td}>{r.succeeded}</td>
      <td className={td}>
        {pct(r.rate)}
        <SmallBadge small={r.small && r.n > 0} />
      </td>
      <td className={td}>{interval(r.ci)}</td>
    </>
  );
}

export function Empty({ children = "No data for these filters." }: { children?: ReactNode }) {
  return <p className="text-sm text-slate-600">{children}</p>;
}
