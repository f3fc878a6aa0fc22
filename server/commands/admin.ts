import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { validateTemplate } from '../domain/feedback';
import { EntityId } from '../protocol/common';
import type { FeedbackTemplate } from '../protocol/resolution';
import { type ApiKeyInfo, CreateApiKeyBody, type CreatedApiKey, TemplateBody, UpdateApiKeyBody } from '../protocol/admin';
import { createApiKey, revokeApiKey, setApiKeySendMessages } from '../store/api-keys';
import { saveTemplate } from '../store/templates';
import { CommandError } from './errors';
import { userCommand } from './run-command';

/** Administration: feedback templates and Open311 API keys. No events: consoles do not show them live. */

export const saveTemplateCommand = userCommand({
  name: 'template.save',
  access: 'templates.write',
  // The template itself is validated by the domain (field errors per placeholder).
  input: TemplateBody.extend({ id: EntityId }),
  async apply(tx, input, user): Promise<FeedbackTemplate> {
    const result = validateTemplate(input);
    if (!result.ok) throw new CommandError('validation', commandText('command.template.invalid'), result.fieldTexts);
    await saveTemplate(tx.trx, result.value, user.id, tx.at);
    return result.value;
  },
});

export const issueApiKey = userCommand({
  name: 'apikey.issue',
  access: 'apikeys.manage',
  input: CreateApiKeyBody,
  async apply(tx, { clientName, contactConsent, sendMessages }, user): Promise<CreatedApiKey> {
    const { info, key } = await createApiKey(tx.trx, { clientName, createdBy: user.id, at: tx.at, contactConsent, sendMessages });
    tx.deps.log.info({ apiKeyId: info.id, clientName, contactConsent, sendMessages, by: user.username }, 'open311 api key issued');
    return { ...info, key };
  },
});

export const revokeApiKeyCommand = userCommand({
  name: 'apikey.revoke',
  access: 'apikeys.manage',
  input: z.object({ id: EntityId }),
  async apply(tx, { id }, user): Promise<ApiKeyInfo> {
    const info = await revokeApiKey(tx.trx, id, tx.at);
    if (!info) throw new CommandError('not_found', commandText('command.apikey.not_found'));
    tx.deps.log.info({ apiKeyId: info.id, clientName: info.clientName, by: user.username }, 'open311 api key revoked');
    return info;
  },
});

/** A key's settings after issue: whether the hub sends its reporters messages (README "Open311"). */
export const updateApiKeyCommand = userCommand({
  name: 'apikey.update',
  access: 'apikeys.manage',
  input: UpdateApiKeyBody.extend({ id: EntityId }),
  async apply(tx, { id, sendMessages }, user): Promise<ApiKeyInfo> {
    const info = await setApiKeySendMessages(tx.trx, id, sendMessages);
    if (!info) throw new CommandError('not_found', commandText('command.apikey.not_found'));
    tx.deps.log.info({ apiKeyId: info.id, clientName: info.clientName, sendMessages, by: user.username }, 'open311 api key settings changed');
    return info;
  },
});
