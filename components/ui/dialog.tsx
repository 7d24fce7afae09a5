"use client";
// A modal on the native <dialog>: focus is trapped and Escape closes it, by the browser itself.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

export function Dialog({ open, title, onClose, children, alert = false }: { open: boolean; title: string; onClose: () => void; children: ReactNode; alert?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role={alert ? "alertdialog" : "dialog"}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl bg-white p-5 text-zinc-900 shadow-xl ring-1 ring-zinc-200 backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800"
    >
      {open && (
        <>
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div className="mt-3">{children}</div>
        </>
      )}
    </dialog>
  );
}

/** Asks before a destructive action; the confirm button names the action. */
export function ConfirmDialog({ open, title, body, action, pending, onConfirm, onClose }: { open: boolean; title: string; body: ReactNode; action: string; pending?: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog open={open} title={title} onClose={onClose} alert>
      <div className="text-sm text-zinc-700 dark:text-zinc-300">{body}</div>
      <div className="mt-5 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <button
          type="button"
          onClick={onConfirm}
          disabled={pending}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-60"
        >
          {pending ? `${action}…` : action}
        </button>
      </div>
    </Dialog>
  );
}
