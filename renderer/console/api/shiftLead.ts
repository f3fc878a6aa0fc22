/** The console's calls for the shift report (dienstrapport, overdracht) and the signals dashboard (protocol/shift-report.ts, protocol/signals-board.ts). */
import { useQuery } from '@tanstack/react-query';
import type { SaveShiftReportBody } from '../../../server/protocol/shift-report';
import { call, urlFor } from '../../shared/api/call';
import { getSession } from '../../shared/api/client';
import { hubOrigin } from '../../shared/bridge';

export const shiftLeadKeys = {
  draft: (date: string | null, shift: string | null) => ['shiftReport', 'draft', date, shift] as const,
  list: ['shiftReport', 'list'] as const,
  report: (id: string) => ['shiftReport', 'report', id] as const,
  handover: ['shiftReport', 'handover'] as const,
  board: (weeks: number) => ['signalsBoard', weeks] as const,
};

/** The report of a shift as it would be saved now; null, null: the shift on now. */
export function useShiftDraft(which: { date: string; shift: SaveShiftReportBody['shift'] } | null) {
  return useQuery({
    queryKey: shiftLeadKeys.draft(which?.date ?? null, which?.shift ?? null),
    queryFn: ({ signal }) => call('shiftReport.draft', which ?? {}, undefined, { signal }),
    staleTime: 30_000,
  });
}

export function useShiftReports(enabled = true) {
  return useQuery({ queryKey: shiftLeadKeys.list, queryFn: ({ signal }) => call('shiftReports.list', {}, undefined, { signal }), enabled });
}

export function useShiftReport(id: string | null) {
  return useQuery({
    queryKey: shiftLeadKeys.report(id ?? ''),
    queryFn: ({ signal }) => call('shiftReports.get', { id: id ?? '' }, undefined, { signal }),
    enabled: id !== null,
  });
}

export function useHandover(enabled: boolean) {
  return useQuery({ queryKey: shiftLeadKeys.handover, queryFn: ({ signal }) => call('handover.get', {}, undefined, { signal }), enabled, staleTime: Number.POSITIVE_INFINITY });
}

export const shiftLeadApi = {
  save: (body: SaveShiftReportBody) => call('shiftReports.save', {}, body),
  acknowledge: (id: string) => call('handover.acknowledge', { id }),
};

/** Fetches the saved report's PDF with the session's token and opens it in a new tab (the browser's PDF viewer prints it). */
export async function openShiftReportPdf(id: string): Promise<void> {
  const session = getSession();
  const res = await fetch(hubOrigin() + urlFor('shiftReports.pdf', { id }), { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const href = URL.createObjectURL(await res.blob());
  const opened = window.open(href, '_blank', 'noopener');
  if (!opened) {
    const link = document.createElement('a');
    link.href = href;
    link.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'dienstrapport.pdf';
    document.body.append(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export function useSignalsBoard(weeks: number, enabled: boolean) {
  return useQuery({
    queryKey: shiftLeadKeys.board(weeks),
    queryFn: ({ signal }) => call('signals.dashboard', { weeks }, undefined, { signal }),
    enabled,
    staleTime: 60_000,
  });
}
