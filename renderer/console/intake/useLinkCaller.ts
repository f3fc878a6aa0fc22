import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Report } from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { intakeApi } from '../api/intake';
import { upsertReportInCache } from '../api/queries';
import { useI18n } from '../i18n';
import type { LinkedCall } from './IntakeDuplicates';
import { buildLinkBody, linkErrorKey, type ReportDraft } from './reportDraft';

interface LinkCallerOptions {
  draft: ReportDraft;
  /** Errors to show next to the caller's fields (added to those shown). */
  addErrors: (errors: Record<string, string>) => void;
  /** Linking needs a contact and consent: the form takes the user to what is missing. */
  onMissing: (errors: Record<string, string>) => void;
  /** The caller now follows `report`: the form starts over. */
  onLinked: (report: Report) => void;
}

/** "Melder koppelen": the caller follows an existing report instead of creating a second one. */
export function useLinkCaller({ draft, addErrors, onMissing, onLinked }: LinkCallerOptions) {
  const { t, text } = useI18n();
  const queryClient = useQueryClient();
  /** The report the caller is being linked to, and the last link made (the confirmation to read out). */
  const [linkingId, setLinkingId] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<{ reportId: string; message: string } | null>(null);
  const [linked, setLinked] = useState<LinkedCall | null>(null);

  async function link(report: Report) {
    if (linkingId) return;
    setLinkError(null);
    const checked = buildLinkBody(draft, t);
    if (!checked.ok) {
      addErrors(checked.errors);
      setLinkError({ reportId: report.id, message: t('intake.linkNeedsContact') });
      onMissing(checked.errors);
      return;
    }
    const body = checked.body;
    setLinkingId(report.id);
    try {
      const updated = await intakeApi.linkReporter(report.id, body);
      upsertReportInCache(queryClient, updated);
      setLinked({ report: updated, contact: body.email ?? body.phone ?? body.name ?? '' });
      onLinked(updated);
    } catch (err) {
      const fields = errorFields(err, text);
      if (fields) {
        const found: Record<string, string> = {};
        for (const [key, message] of Object.entries(fields)) found[linkErrorKey(key)] = message;
        addErrors(found);
      }
      setLinkError({
        reportId: report.id,
        message: err instanceof ApiRequestError ? errorMessage(err, text) : t('intake.linkFailed', { message: errorMessage(err, text) }),
      });
    } finally {
      setLinkingId(null);
    }
  }

  return { link, linkingId, linkError, clearLinkError: () => setLinkError(null), linked, clearLinked: () => setLinked(null) };
}
