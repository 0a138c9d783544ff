"use client";
import { Copy } from "lucide-react";
import { useId, useRef, useState } from "react";

/** A secret (token, signing secret, private URL) shown once, with a copy button. */
export function ShownOnce({ label, value, note }: { label: string; value: string; note: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("Copied.");
    } catch {
      input.current?.select();
      setCopied("Selected: press Ctrl+C (or ⌘C) to copy.");
    }
  };
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="shown-once">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          className="input font-mono text-sm"
          aria-describedby={`${id}-note`}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn-secondary shrink-0" onClick={copy}>
          <Copy aria-hidden className="size-4" /> Copy
        </button>
      </div>
      <p id={`${id}-note`} className="mt-2 text-sm text-amber-900">
        {note}
      </p>
      <p className="text-sm text-green-800" aria-live="polite">
        {copied ?? ""}
      </p>
    </div>
  );
}
