"use client";

/**
 * The two charts (recharts). Each sits in a <figure> with an accessible name;
 * the table next to it holds the same numbers for screen readers and copying.
 */
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, ErrorBar, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** label already names the sample size ("… (n=41)"); rate and err in percent. */
export type RatePoint = { label: string; rate: number; err: [number, number]; n: number; small: boolean };
/** href: the week's attempts (a bar opens them; the table's links do the same for keyboard users). */
export type TrendPoint = { week: string; total: number; rate: number | null; href: string };

const BLUE = "#1e40af";
const LIGHT = "#93c5fd";

export function BrandMethodChart({ data }: { data: RatePoint[] }) {
  const height = Math.max(160, data.length * 34 + 60);
  return (
    <figure aria-label="Bar chart: success rate by brand and method, with 95% intervals and sample sizes" data-testid="chart-brand-method" className="w-full">
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={160} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => [`${Math.round(Number(v))}%`, "success rate"]} />
            <Bar dataKey="rate" isAnimationActive={false} name="Success rate">
              {data.map((d) => (
                <Cell key={d.label} fill={d.small ? LIGHT : BLUE} />
              ))}
              <ErrorBar dataKey="err" direction="x" width={6} stroke="#0f172a" strokeWidth={1.5} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-sm text-slate-600">
        Dark bars: 10 or more final attempts; light bars: small samples. Whiskers: 95% Wilson interval. The table has the same numbers.
      </figcaption>
    </figure>
  );
}

export function TrendChart({ data }: { data: TrendPoint[] }) {
  const router = useRouter();
  return (
    <figure aria-label="Chart: attempts per week (bars) and weekly success rate (line)" data-testid="chart-trend" className="w-full">
      <div style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
            <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={44} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="n"
              dataKey="total"
              name="Attempts"
              fill={LIGHT}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(bar) => {
                const href = (bar.payload as TrendPoint | undefined)?.href;
                if (href) router.push(href);
              }}
            />
            <Line yAxisId="rate" dataKey="rate" name="Success rate (%)" stroke={BLUE} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-sm text-slate-600">
        Weeks start on Monday. A bar opens that week&apos;s attempts. The table has the same numbers.
      </figcaption>
    </figure>
  );
}
