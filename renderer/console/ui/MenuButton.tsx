import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

export interface MenuItem {
  /** Also the item's data-testid. */
  id: string;
  label: string;
  onSelect: () => void;
  /** A panel the item toggles is open. */
  checked?: boolean;
  /** A separator before this item: it starts a group. */
  groupStart?: boolean;
}

/**
 * A button that opens a menu of actions (WAI-ARIA menu button): Enter, Space or a click opens it on its first item,
 * ArrowDown/ArrowUp open it on the first/last; in the menu the arrows move (wrapping), Home/End jump, Enter/Space
 * choose, Esc closes it and gives the focus back to the button, Tab or a click elsewhere closes it. The menu is fixed
 * under the button: the header's tool strip scrolls sideways and would clip it.
 */
export function MenuButton({ label, items, testId }: { label: string; items: readonly MenuItem[]; testId: string }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState({ top: 0, left: 0 });
  const rootRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const openAt = (index: number) => {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPlace({ top: rect.bottom + 4, left: rect.left });
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 0 : items.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active === last ? 0 : active + 1,
      ArrowUp: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (e.key in moves) {
      e.preventDefault();
      setActive(moves[e.key] ?? 0);
    } else if (e.key === 'Escape') {
      // The menu's Esc only: a view under it (the overview) closes on its own Esc.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  if (items.length === 0) return null;
  return (
    <span className="menu-button" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
        data-testid={testId}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={label} className="menu-list" style={place} onKeyDown={onMenuKey} data-testid={`${testId}-list`}>
          {items.map((item, i) => [
            item.groupStart && <hr key={`${item.id}-sep`} className="menu-sep" />,
            <button
              key={item.id}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              {...(item.checked === undefined ? { role: 'menuitem' } : { role: 'menuitemcheckbox', 'aria-checked': item.checked })}
              tabIndex={i === active ? 0 : -1}
              className="menu-item"
              onClick={() => {
                close(false);
                item.onSelect();
              }}
              onFocus={() => setActive(i)}
              data-testid={item.id}
            >
              {item.label}
            </button>,
          ])}
        </div>
      )}
    </span>
  );
}
