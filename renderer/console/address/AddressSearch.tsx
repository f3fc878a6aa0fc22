/**
 * The address search box (an ARIA combobox): street and number, postcode and number, a street, a corner or
 * a named place; ranked suggestions while typing; ↑/↓, Enter and Escape. Choosing one hands the caller a
 * point and the address fields in one step. When the hub's address source is down it says so calmly and
 * the map still works.
 */
import './address.css';
import { type KeyboardEvent, type RefObject, useId, useState } from 'react';
import { ADDRESS_QUERY_MAX_LENGTH, type AddressSuggestion } from '../../../server/protocol/address';
import { errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';
import { useDebounced } from '../ui/useDebounced';
import { type ChosenAddress, isAddressUnavailable, useAddressLookups, useAddressSuggestions } from './addressQueries';
import { CLOSED, type ListState, suggestionKey } from './suggestionKeys';

/** Typing pauses this long before the hub is asked. */
const SUGGEST_DEBOUNCE_MS = 180;

interface AddressSearchProps {
  label: string;
  placeholder?: string;
  /** Prefix of the test ids: `<testId>`, `<testId>-input`, `<testId>-option`, `<testId>-unavailable`. */
  testId: string;
  onChoose: (chosen: ChosenAddress) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  className?: string;
  /** Show the label only to screen readers (the map's box). */
  hideLabel?: boolean;
}

export function AddressSearch({ label, placeholder, testId, onChoose, inputRef, className, hideLabel }: AddressSearchProps) {
  const { t, text: renderText } = useI18n();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [list, setList] = useState<ListState>(CLOSED);
  const [choosing, setChoosing] = useState(false);
  const [chooseError, setChooseError] = useState<unknown>(null);
  const settled = useDebounced(text, SUGGEST_DEBOUNCE_MS);
  const query = useAddressSuggestions(settled);
  const { resolve } = useAddressLookups();

  const waiting = settled.trim() !== text.trim() || query.isFetching;
  const suggestions: readonly AddressSuggestion[] = !waiting ? (query.data?.suggestions ?? []) : [];
  const unavailable = isAddressUnavailable(query.error) || isAddressUnavailable(chooseError);
  const otherError = !unavailable ? (query.error ?? chooseError) : null;
  const showList = list.open && suggestions.length > 0;
  const noMatch = list.open && !waiting && query.isSuccess && suggestions.length === 0 && text.trim().length >= 2;
  const state = unavailable ? 'unavailable' : choosing || (list.open && waiting && text.trim().length >= 2) ? 'busy' : 'idle';

  async function choose(suggestion: AddressSuggestion) {
    setList(CLOSED);
    setText(suggestion.label);
    setChooseError(null);
    setChoosing(true);
    try {
      onChoose(await resolve(suggestion, text));
    } catch (err) {
      setChooseError(err);
    } finally {
      setChoosing(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter while the suggestions are still coming: wait, never submit the form with a half address.
    if (event.key === 'Enter' && list.open && waiting && text.trim().length >= 2) {
      event.preventDefault();
      return;
    }
    const outcome = suggestionKey(event.key, showList ? list : CLOSED, suggestions.length);
    if (outcome.kind === 'ignore') return;
    if (outcome.kind === 'clear' && text === '') return;
    event.preventDefault();
    event.stopPropagation();
    if (outcome.kind === 'choose') {
      const chosen = suggestions[outcome.index];
      if (chosen) void choose(chosen);
      return;
    }
    if (outcome.kind === 'clear') setText('');
    setList(outcome.state);
  }

  const activeId = showList && list.active >= 0 ? `${id}-opt-${list.active}` : undefined;
  return (
    <div className={`address-search${className ? ` ${className}` : ''}`} data-testid={testId} data-state={state}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <div className="address-search-box">
        <input
          ref={inputRef}
          id={id}
          type="search"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          // Longer text is no address; the hub would refuse it ("Ongeldige invoer").
          maxLength={ADDRESS_QUERY_MAX_LENGTH}
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-describedby={unavailable ? `${id}-status` : undefined}
          placeholder={placeholder ?? t('address.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setChooseError(null);
            setList({ open: true, active: -1 });
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setList(CLOSED)}
          data-testid={`${testId}-input`}
        />
        {state === 'busy' && <span className="spinner address-search-spinner" aria-hidden="true" />}
      </div>
      {/* biome-ignore lint/a11y: the ARIA combobox pattern: the list is a listbox whose options are chosen from the input (aria-activedescendant) or by pointer; focus stays in the input. */}
      <ul id={listId} role="listbox" aria-label={t('address.suggestions')} className="address-suggestions" hidden={!showList} data-testid={`${testId}-list`}>
        {showList &&
          suggestions.map((s, i) => (
            // biome-ignore lint/a11y: an option of the combobox's listbox; the keyboard works in the input (↑/↓/Enter), focus never moves here.
            <li
              key={s.id}
              id={`${id}-opt-${i}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the combobox's listbox (WAI-ARIA combobox pattern).
              role="option"
              aria-selected={i === list.active}
              className={`address-option${i === list.active ? ' active' : ''}`}
              // Keep the focus in the box: the click chooses, the blur would close the list first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void choose(s)}
              data-testid={`${testId}-option`}
              data-kind={s.kind}
              data-house-found={s.houseFound === undefined ? undefined : String(s.houseFound)}
            >
              <span className="address-option-label">{s.label}</span>
              {s.houseFound === false && (
                <span className="address-option-approximate small" data-testid={`${testId}-option-approximate`}>
                  {t('address.approximate')}
                </span>
              )}
              <span className="address-option-kind muted small">{t(`address.kind.${s.kind}`)}</span>
            </li>
          ))}
      </ul>
      {unavailable && (
        <p id={`${id}-status`} className="address-unavailable small" role="status" data-testid={`${testId}-unavailable`}>
          {t('address.unavailable')}
        </p>
      )}
      {noMatch && !unavailable && (
        <p className="muted small" role="status" data-testid={`${testId}-none`}>
          {t('address.noMatch')}
        </p>
      )}
      {otherError !== null && otherError !== undefined && (
        <p className="field-error small" role="alert">
          {t('address.failed', { message: errorMessage(otherError, renderText) })}
        </p>
      )}
    </div>
  );
}
