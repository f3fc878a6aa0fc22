import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../server/protocol/search';
import { useT } from '../i18n';
import { SEARCH_MIN_LENGTH, useReportSearch } from './useReportSearch';

interface ReportSearchProps {
  /** Opens the report's detail (closed reports too: the detail is fetched by id). */
  onOpen: (id: string) => void;
}

/**
 * Find any report by number, address or words, from the console header: Ctrl+K (⌘K) focuses the field,
 * hits appear as one types, ↑/↓ choose, Enter opens, Esc clears and leaves.
 */
export function ReportSearch({ onOpen }: ReportSearchProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const state = useReportSearch(typed);
  const hits = state.kind === 'done' ? state.hits : [];

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const choose = (hit: SearchHit) => {
    onOpen(hit.id);
    setOpen(false);
    input.current?.blur();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[Math.min(active, hits.length - 1)];
      if (hit) choose(hit);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setTyped('');
      setOpen(false);
      input.current?.blur();
    }
  };

  const showList = open && typed.trim().length >= SEARCH_MIN_LENGTH;
  return (
    <div className="report-search" data-testid="report-search">
      <input
        ref={input}
        type="search"
        className="input report-search-input"
        value={typed}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        title={t('search.shortcut')}
        role="combobox"
        aria-expanded={showList}
        aria-controls="report-search-hits"
        aria-activedescendant={showList && hits[active] ? `report-search-hit-${hits[active].id}` : undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        data-testid="report-search-input"
      />
      {showList && (
        <div className="report-search-hits" id="report-search-hits" role="listbox" aria-label={t('search.label')}>
          {state.kind === 'loading' && <div className="muted small">{t('search.loading')}</div>}
          {state.kind === 'error' && <div className="error small">{t('search.error', { message: state.message })}</div>}
          {state.kind === 'done' && hits.length === 0 && <div className="muted small">{t('search.none')}</div>}
          {hits.map((hit, i) => (
            <div
              key={hit.id}
              id={`report-search-hit-${hit.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`report-search-hit${i === active ? ' active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(hit);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid="report-search-hit"
            >
              <span className="report-search-number">{hit.number}</span>
              <span className="report-search-status">{t(`status.${hit.status}`)}</span>
              <span className="report-search-text">{hit.address ?? hit.description}</span>
              <span className="muted small">{t(`search.match.${hit.match}`)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
