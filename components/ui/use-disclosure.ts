"use client";
// A button that shows and hides a panel (the disclosure pattern, which suits navigation better than
// an ARIA menu): Escape closes it and puts focus back on the button; a click or a focus move outside
// closes it too. Links in the panel call `close` when followed.
import { useEffect, useId, useRef, useState } from "react";

export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  return {
    open,
    close: () => setOpen(false),
    rootRef: root,
    buttonProps: { ref: button, type: "button" as const, "aria-expanded": open, "aria-controls": panelId, onClick: () => setOpen((o) => !o) },
    panelId,
  };
}
