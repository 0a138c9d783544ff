"use client";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { SearchGroup } from "@/lib/search/hits";
import { searchOfficeAction } from "./actions";

type Result = { q: string; searched: boolean; groups: SearchGroup[] };

/**
 * The admin header's search: a visit by reference, a customer by name, email
 * or phone, a device by serial, MAC or Lorex Device ID. As you type, up to
 * five of each kind appear grouped below (an ARIA 1.2 combobox: arrows move,
 * Enter opens, Escape closes); Enter with none picked opens every result on
 * /admin/search. "/" anywhere focuses it. Without JavaScript it is a plain
 * search form to the same page.
 */
export function HeaderSearch() {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  // Suggestions, 200 ms after the last key; an older answer never replaces a newer one.
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      asked.current++; // any answer still on its way is for older text
      return;
    }
    const n = ++asked.current;
    const t = setTimeout(async () => {
      setBusy(true);
      try {
        const r = await searchOfficeAction({ q: text });
        if (n === asked.current) setResult(r.ok ? r.data : null);
      } catch {
        if (n === asked.current) setResult(null);
      } finally {
        if (n === asked.current) setBusy(false);
      }
    }, 200);
    return () => clearTimeout(t);
  }, [q]);

  // "/" focuses the search (unless typing somewhere already).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const hits = (result?.groups ?? []).flatMap((g) => g.hits.map((h) => ({ ...h, group: g.kind })));
  const all = `/admin/search?q=${encodeURIComponent(q.trim())}`;
  // The options: every hit, then "all results".
  const options = [...hits.map((h) => ({ key: `${h.group}-${h.id}`, href: h.href })), { key: "all", href: all }];
  const showList = open && q.trim().length >= 2 && !!result;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    router.push(href);
  };
  const count = hits.length;
  let index = -1;

  return (
    <form
      role="search"
      action="/admin/search"
      method="get"
      className="relative order-4 w-full sm:order-none sm:w-72 lg:w-96"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim().length < 2) return input.current?.focus();
        go(active >= 0 && options[active] ? options[active]!.href : all);
      }}
    >
      <label htmlFor={`${id}-q`} className="sr-only">
        Search visits, customers and devices
      </label>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
      <input
        ref={input}
        id={`${id}-q`}
        name="q"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search FK-…, customer, serial"
        className="input pl-9"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (!result) return;
            e.preventDefault();
            setOpen(true);
            // -1 is the text box itself; past either end wraps through it.
            const last = options.length - 1;
            setActive((a) => (e.key === "ArrowDown" ? (a >= last ? -1 : a + 1) : a <= -1 ? last : a - 1));
          } else if (e.key === "Escape") {
            if (open) {
              e.preventDefault();
              setOpen(false);
              setActive(-1);
            } else setQ("");
          }
        }}
      />
      <span id={`${id}-hint`} className="sr-only">
        Type at least two characters; suggestions appear below. Press slash to come back here.
      </span>
      <p className="sr-only" role="status" aria-live="polite">
        {q.trim().length >= 2 && result && !busy ? (count ? `${count} suggestion${count === 1 ? "" : "s"}.` : "No matches.") : ""}
      </p>
      <div
        id={listId}
        role="listbox"
        aria-label="Search suggestions"
        hidden={!showList}
        className="absolute top-full right-0 left-0 z-40 mt-1 max-h-[70vh] overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg sm:right-auto sm:w-[28rem] sm:max-w-[calc(100vw-2rem)]"
      >
        {result?.groups
          .filter((g) => g.hits.length)
          .map((g) => (
            <div key={g.kind} role="group" aria-labelledby={`${id}-g-${g.kind}`}>
              <p id={`${id}-g-${g.kind}`} role="presentation" className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                {g.label}
              </p>
              {g.hits.map((h) => {
                index++;
                const i = index;
                return (
                  <div
                    key={h.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={active === i}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => go(h.href)}
                    onMouseEnter={() => setActive(i)}
                    className="cursor-pointer rounded-md px-2 py-2 aria-selected:bg-brand-50"
                  >
                    <span className="block font-medium text-slate-900">{h.title}</span>
                    {h.detail ? <span className="block truncate text-xs text-slate-600">{h.detail}</span> : null}
                  </div>
                );
              })}
            </div>
          ))}
        {result && count === 0 ? <p className="px-2 py-2 text-slate-700">No visit, customer or device matches “{result.q}”.</p> : null}
        <div
          id={optionId(options.length - 1)}
          role="option"
          aria-selected={active === options.length - 1}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => go(all)}
          onMouseEnter={() => setActive(options.length - 1)}
          className="cursor-pointer rounded-md border-t border-slate-100 px-2 py-2 font-medium text-brand-700 aria-selected:bg-brand-50"
        >
          All results for “{q.trim()}”
        </div>
      </div>
    </form>
  );
}
