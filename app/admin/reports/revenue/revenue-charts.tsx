"use client";

/** Revenue charts (recharts, like the other reports); the tables beside them hold the same numbers. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const BLUE = "#1e40af";
const LIGHT = "#93c5fd";

export type MonthPoint = { month: string; net: number; credited: number };
export type TechPoint = { name: string; net: number };

export function RevenueByMonthChart({ data, currency }: { data: MonthPoint[]; currency: string }) {
  return (
    <figure aria-label={`Bar chart: revenue before tax per month, in ${currency}, credits shown apart`} data-testid="chart-revenue-month" className="w-full">
      <div style={{ height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={56} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="net" name={`Revenue (${currency})`} fill={BLUE} isAnimationActive={false} />
            <Bar dataKey="credited" name={`Credited (${currency})`} fill={LIGHT} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-sm text-slate-600">Months in the company time zone. The table has the same numbers.</figcaption>
    </figure>
  );
}

export function RevenueByTechnicianChart({ data, currency }: { data: TechPoint[]; currency: string }) {
  const height = Math.max(140, data.length * 34 + 50);
  return (
    <figure aria-label={`Bar chart: revenue per technician, in ${currency}`} data-testid="chart-revenue-tech" className="w-full">
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={140} tick={{ fontSize: 11 }} interval={0} />
            <Tooltip />
            <Bar dataKey="net" name={`Revenue (${currency})`} fill={BLUE} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
