"use client";
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { useSyncExternalStore } from "react";
import type { BoardVisit } from "@/lib/dispatch/board";

/** Drag and drop is for a mouse on a wide screen; phones and keyboards use Move / reassign. */
const DESKTOP = "(min-width: 1024px) and (pointer: fine)";
export function useDesktopPointer() {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(DESKTOP);
      mq.addEventListener("change", cb);
      return () => mq.removeEventListener("change", cb);
    },
    () => window.matchMedia(DESKTOP).matches,
    () => false,
  );
}

export function Draggable({ v, enabled, children }: { v: BoardVisit; enabled: boolean; children: React.ReactNode }) {
  const movable = enabled && (v.status === "requested" || v.status === "scheduled");
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: v.id, data: { v }, disabled: !movable });
  return (
    <div ref={setNodeRef} {...(movable ? listeners : {})} className={`h-full ${movable ? "cursor-grab" : ""} ${isDragging ? "opacity-30" : ""}`}>
      {children}
    </div>
  );
}

export function Droppable({
  id,
  label,
  className,
  children,
  as: Tag = "div",
}: {
  id: string;
  label?: string;
  className: string;
  children: React.ReactNode;
  as?: "div" | "ol" | "section";
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id });
  return (
    <Tag
      ref={setNodeRef as never}
      aria-label={label}
      className={`${className} ${active ? "transition-colors" : ""} ${isOver ? "bg-brand-50 ring-2 ring-brand-600" : ""}`}
    >
      {children}
    </Tag>
  );
}
