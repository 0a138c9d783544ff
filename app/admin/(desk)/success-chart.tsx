"use client";
/**
 * The overview's chart (recharts): the weekly success rate of the last eight
 * weeks, this week in the darker colour. The table beside it holds the same
 * numbers for screen readers and copying.
 */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type WeekBar = { label: string; rate: number | null; final: number; current: boolean };

export function SuccessChart({ data }: { data: WeekBar[] }) {
  const points = data.map((d) => ({ ...d, pct: d.rate === null ? 0 : Math.round(d.rate * 100) }));
  return (
    <figure aria-label="Bar chart: success rate per week, last eight weeks" data-testid="chart-success" className="w-full">
      <div style={{ height: 180 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveEnd" minTickGap={6} />
            <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={40} />
            <Tooltip formatter={(v, _n, p) => [`${v}% of ${(p.payload as WeekBar).final}`, "succeeded"]} />
            <Bar dataKey="pct" isAnimationActive={false} name="Success rate">
              {points.map((d) => (
                <Cell key={d.label} fill={d.current ? "#1e40af" : "#93c5fd"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">Attempts with a result that succeeded, per week (weeks start on Monday). Dark: this week.</figcaption>
    </figure>
  );
}
