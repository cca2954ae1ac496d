// The app's own context menu: Copy, Copy link, Open case, in place of the web view's menu
// (Reload, Inspect Element… mean nothing to a reader). Text fields keep the system menu for
// cut and paste.

import { useEffect, useRef, useState } from "react";
import { useStore } from "./components/common";
import { t } from "./i18n";
import "./contextmenu.css";
import { tracked } from "./signal";

/** One entry of the menu. */
export interface MenuAction {
  id: "copy" | "copy_link" | "open_case";
  label: string;
  run: () => void | Promise<void>;
}

/** Writes `text` to the clipboard; the async API where allowed, else a hidden text area. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function isEditable(el: Element | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA");
}

/** What the menu offers for a right-click on `target` with `selection` selected. */
export function actionsFor(
  target: Element | null,
  selection: string,
  open: (id: string) => void,
  copy: (text: string) => void,
): MenuAction[] {
  const out: MenuAction[] = [];
  if (selection.trim() !== "") out.push({ id: "copy", label: t("menu_copy"), run: () => copy(selection) });
  const link = target?.closest("a[href]");
  const href = link?.getAttribute("href") ?? "";
  if (/^https?:\/\//i.test(href)) out.push({ id: "copy_link", label: t("menu_copy_link"), run: () => copy(href) });
  const item = target?.closest<HTMLElement>("[data-testid='result-item'][data-id], [data-testid='related-item'][data-id]");
  const id = item?.dataset.id;
  if (id) out.push({ id: "open_case", label: t("menu_open_case"), run: () => open(id) });
  return out;
}

/** The context menu, mounted once by the app. */
export const ContextMenu = tracked(function ContextMenu() {
  const store = useStore();
  const [menu, setMenu] = useState<{ x: number; y: number; actions: MenuAction[] } | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onContext = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      if (isEditable(target)) return;
      e.preventDefault();
      const selection = window.getSelection()?.toString() ?? "";
      const actions = actionsFor(
        target,
        selection,
        (id) => void store.open(id),
        (text) =>
          void copyText(text).then((ok) => {
            if (ok) store.flash(t("copied"), 2000);
          }),
      );
      setMenu(actions.length > 0 ? { x: e.clientX, y: e.clientY, actions } : null);
    };
    const close = () => setMenu(null);
    document.addEventListener("contextmenu", onContext);
    window.addEventListener("blur", close);
    window.addEventListener("resize", close);
    return () => {
      document.removeEventListener("contextmenu", onContext);
      window.removeEventListener("blur", close);
      window.removeEventListener("resize", close);
    };
  }, [store]);

  // Keep the menu inside the window and put the focus on its first entry.
  useEffect(() => {
    const el = ref.current;
    if (!el || !menu) return;
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth) el.style.left = `${Math.max(0, window.innerWidth - r.width - 4)}px`;
    if (r.bottom > window.innerHeight) el.style.top = `${Math.max(0, window.innerHeight - r.height - 4)}px`;
    el.querySelector<HTMLElement>("[role='menuitem']")?.focus();
  }, [menu]);

  if (!menu) return null;
  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>("[role='menuitem']") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setMenu(null);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === "Tab") {
      setMenu(null);
    }
  };
  return (
    <>
      <div className="ctx-scrim" onMouseDown={() => setMenu(null)} onContextMenu={(e) => (e.preventDefault(), setMenu(null))} />
      <div
        ref={ref}
        className="ctx-menu"
        role="menu"
        aria-label={t("menu_label")}
        data-testid="context-menu"
        style={{ left: menu.x, top: menu.y }}
        onKeyDown={onKey}
      >
        {menu.actions.map((a) => (
          <button
            key={a.id}
            type="button"
            role="menuitem"
            className="ctx-item"
            data-action={a.id}
            onClick={() => {
              setMenu(null);
              void a.run();
            }}
          >
            {a.label}
          </button>
        ))}
      </div>
    </>
  );
});
