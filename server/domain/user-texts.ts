// Apart from the rules so the renderer's catalogues can take these without them.

/** Dutch texts of user management, sign-in with a second factor and the screen lock, by code (see domain-text.ts). */
export const USER_TEXTS = {
  'user.password.invalid': 'Het wachtwoord voldoet niet aan de eisen',
  'user.password.too_short': 'Het wachtwoord moet minstens {min} tekens lang zijn',
  'user.password.too_long': 'Het wachtwoord mag hoogstens {max} tekens lang zijn',
  'user.password.common': 'Dit wachtwoord is te voorspelbaar: het staat (bijna) zo in een lijst van veelgebruikte wachtwoorden',
  'user.password.contains_username': 'Het wachtwoord mag de gebruikersnaam niet bevatten',
  'user.password.few_characters': 'Gebruik minstens {min} verschillende tekens',
  'user.username.taken': 'Gebruikersnaam "{username}" bestaat al',
  'user.not_found': 'Gebruiker niet gevonden',
  'user.wallboard.not_found': 'Wallboard niet gevonden',
  'user.wallboard.bad_token': 'Onbekende of ingetrokken wallboardcode',
  'user.unit.unknown': 'Onbekende eenheid',
  'user.unit.required': 'Een veldgebruiker hoort bij een eenheid',
  'user.self.deactivate': 'U kunt uw eigen account niet deactiveren',
  'user.self.role': 'U kunt uw eigen rol niet wijzigen',
  'user.unlock.wrong_password': 'Verkeerd wachtwoord',
  'user.unlock.signed_out': 'Te vaak een verkeerd wachtwoord: u bent afgemeld',
  'user.totp.required': 'Voer de zescijferige code uit uw authenticator-app in',
  'user.totp.invalid': 'Deze code klopt niet of is al gebruikt; wacht op de volgende code',
  'user.totp.not_enrolled': 'Start eerst de koppeling met een authenticator-app',
  'user.totp.already_enabled': 'De tweede factor staat al aan; een beheerder kan hem opnieuw instellen',
} as const;
