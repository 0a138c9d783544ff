/** "Step 2 of 5: Address", plus the list of steps (current one marked for screen readers). */
export function StepIndicator({ steps, current }: { steps: { id: string; title: string }[]; current: number }) {
  return (
    <nav aria-label="Booking steps" className="mb-4">
      <p className="text-sm font-medium text-slate-600" data-testid="step-count">
        Step {current + 1} of {steps.length}
      </p>
      <ol className="mt-2 flex gap-1" role="list">
        {steps.map((s, i) => (
          <li key={s.id} className="flex-1" aria-current={i === current ? "step" : undefined}>
            <span className={`block h-1.5 rounded-full ${i <= current ? "bg-brand-700" : "bg-slate-200"}`} aria-hidden />
            <span aria-hidden className={`mt-1 hidden text-xs sm:block ${i === current ? "font-semibold text-slate-900" : "text-slate-600"}`}>
              {s.title}
            </span>
            <span className="sr-only">
              {s.title}
              {i < current ? " (done)" : i === current ? " (current)" : ""}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
