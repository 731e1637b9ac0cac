"use client";

import { useEffect, useRef, type ReactNode } from "react";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

type Props = {
  label: string;
  onClose: () => void;
  children: ReactNode;
  /** Classes of the dialog box itself (size and place). */
  className?: string;
  testId?: string;
};

/**
 * A modal dialog on the native <dialog>: focus moves in and stays there (the page behind is
 * inert), Escape and a click outside close it, and page shortcuts are off while it is open
 * (useShortcuts sees `aria-modal`). Focus returns to what had it before.
 */
export function Modal({ label, onClose, children, className = "", testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element; a field marked for it goes first.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      dialog.close();
      before?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-label={label}
      aria-modal="true"
      data-testid={testId}
      // Escape: React decides when the dialog goes, so the browser does not close it on its own.
      // React passes these on to the dialogs around a nested one (BinSettingsDialog opens others):
      // each dialog only answers its own.
      onCancel={(e) => {
        if (e.target !== e.currentTarget) return;
        e.preventDefault();
        close.current();
      }}
      // Closed by the browser anyway (a repeated Escape may not be cancelable).
      onClose={(e) => e.target === e.currentTarget && close.current()}
      // Tab wraps around inside the dialog instead of leaving it for the browser's own controls.
      onKeyDown={(e) => {
        if (e.key !== "Tab" || (e.target as HTMLElement).closest("dialog") !== e.currentTarget) return;
        const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
        if (focusable.length === 0) return;
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const at = document.activeElement;
        if (e.shiftKey && (at === first || at === e.currentTarget)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && at === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      // A click on the backdrop lands on the <dialog> itself; clicks inside land on its content.
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) {
          const box = e.currentTarget.getBoundingClientRect();
          const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
          if (!inside) close.current();
        }
      }}
      className={`m-0 max-h-none max-w-none bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:bg-slate-950 dark:text-slate-100 ${className}`}
    >
      {children}
    </dialog>
  );
}
