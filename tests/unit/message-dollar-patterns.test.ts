import { describe, expect, it } from 'vitest';
import { addressTo } from '../../server/commands/feedback';
import { tidyText } from '../../server/domain/resolution-frames';

/**
 * Text typed by people (an officer's words, a reporter's name or salutation) goes into messages literally: a "$&",
 * "$'" or "$`" in it is not read as a replacement pattern of String.replace.
 */
describe('typed text with $-patterns goes in literally', () => {
  it('the tidy-up frames the officer’s words as typed', () => {
    expect(tidyText('found', 'tak_laag', 'kosten $& hoog', 'nl')).toBe('We zagen dat de tak te laag hangt: kosten $& hoog.');
    expect(tidyText('found', 'tak_laag', "bord $' weg", 'nl')).toBe("We zagen dat de tak te laag hangt: bord $' weg.");
  });

  it('the greeting names the reporter as given', () => {
    // The greeting's name slot of commands/feedback.ts (NAME_SLOT).
    const slot = '\uE000naam\uE000';
    const message = { subject: `Voor ${slot}`, text: `Beste ${slot},\n\nDank u.`, html: `<p>Beste ${slot},</p>` };
    expect(addressTo(message, { name: "Jan $' Jansen" }, 'nl')).toEqual({
      subject: "Voor Jan $' Jansen",
      text: "Beste Jan $' Jansen,\n\nDank u.",
      html: '<p>Beste Jan $&#39; Jansen,</p>',
    });
    expect(addressTo(message, { salutation: 'mevrouw $&' }, 'nl').text).toBe('Beste mevrouw $&,\n\nDank u.');
  });
});
