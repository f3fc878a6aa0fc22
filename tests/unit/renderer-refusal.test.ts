import { describe, expect, it } from 'vitest';
import { makeTranslateText } from '../../renderer/console/i18n';
import { HubCommandError } from '../../renderer/console/dispatch/commands';
import { makeFieldI18n } from '../../renderer/field/messages';
import { ApiRequestError } from '../../renderer/shared/api/client';
import { errorFields, errorMessage, refusalFields, refusalMessage } from '../../renderer/shared/api/refusal';
import { commandText } from '../../server/domain/command-texts';
import { inputText } from '../../server/domain/input-texts';
import type { ApiError } from '../../server/protocol/common';

const en = makeTranslateText('en');
const unitBusy = commandText('command.offer.unit_not_available', { unit: 'HH-12' });
const refusal: ApiError = {
  code: 'validation',
  message: inputText('input.invalid').message,
  text: inputText('input.invalid'),
  fields: { category: 'Kies een categorie', 'location.lat': 'Te groot: hoogstens 90', note: 'Alleen in het Nederlands' },
  fieldTexts: { category: inputText('input.category_required'), 'location.lat': inputText('input.too_big', { maximum: 90 }) },
};

describe('hub refusals in the reader’s language (shared/api/refusal)', () => {
  it('a coded refusal in English; an uncoded one as the hub wrote it', () => {
    expect(refusalMessage({ message: unitBusy.message, text: unitBusy }, en)).toBe('HH-12 is not available');
    expect(refusalMessage({ message: 'Iets van een oudere hub' }, en)).toBe('Iets van een oudere hub');
  });

  it('field errors: coded ones translated, uncoded ones kept, none when it names no field', () => {
    expect(refusalFields(refusal, en)).toEqual({
      category: 'Choose a category',
      'location.lat': 'Too large: at most 90',
      note: 'Alleen in het Nederlands',
    });
    expect(refusalFields({ message: 'x' }, en)).toBeUndefined();
  });

  it('works on what the clients throw: ApiRequestError, the console’s HubCommandError, the field’s acks', () => {
    expect(errorMessage(new ApiRequestError(422, refusal), en)).toBe('Invalid input');
    expect(errorFields(new ApiRequestError(422, refusal), en)?.category).toBe('Choose a category');
    expect(errorMessage(new HubCommandError({ code: 'conflict', message: unitBusy.message, text: unitBusy }), en)).toBe('HH-12 is not available');
    expect(errorFields(new HubCommandError(refusal), en)?.['location.lat']).toBe('Too large: at most 90');
    expect(refusalMessage({ message: unitBusy.message, text: unitBusy }, makeFieldI18n('en').text)).toBe('HH-12 is not available');
  });

  it('anything else by its own message', () => {
    expect(errorMessage(new Error('network error'), en)).toBe('network error');
    expect(errorMessage('vreemd', en)).toBe('vreemd');
    expect(errorFields(new Error('x'), en)).toBeUndefined();
  });
});
