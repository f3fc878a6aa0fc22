import { z } from 'zod';
import type { AutoDispatchReason } from '../domain/auto-dispatch';
import { DISPATCH_TEXTS } from '../domain/dispatch-texts';
import { type DomainText, textMaker } from '../domain/domain-text';
import { planSlots } from '../domain/run-cards';
import type { Alert, Unit } from '../protocol/dispatch';
import { insertAlert } from '../store/alerts';
import { assignmentIdsOfReport } from '../store/assignments';
import { claimAutoDispatch } from '../store/auto-dispatch';
import type { HubDeps } from './context';
import { offerReport, recommendForReport } from './dispatch';
import { runCardOf } from './run-cards';
import { runCommand, systemCommand } from './run-command';
import { requireReport, requireUnit } from './unit-events';

/**
 * The hub offers a waiting report by itself (hub/auto-dispatch.ts decides when): to the units its run card
 * asks for, best first; records it (one row per report: on several hub nodes exactly one makes the offer) and
 * tells the shift lead with an `auto_dispatched` alert, which is also the line on the report's timeline.
 */

const say = textMaker(DISPATCH_TEXTS);

export function reasonText(reason: AutoDispatchReason): DomainText {
  return reason.kind === 'no_desk' ? say('alert.auto_dispatched.no_desk') : say('alert.auto_dispatched.waited', { minutes: reason.minutes });
}

const AutoOffer = z.object({
  reportId: z.string(),
  unitIds: z.array(z.string()).min(1).max(5),
  reason: z.union([z.object({ kind: z.literal('no_desk') }), z.object({ kind: z.literal('waited'), minutes: z.number() })]),
  nodeId: z.string().nullable(),
});

const autoOffer = systemCommand({
  name: 'offer.auto',
  input: AutoOffer,
  async apply(tx, { reportId, unitIds, reason, nodeId }): Promise<Alert | null> {
    const report = await requireReport(tx.trx, reportId);
    if (report.status !== 'new' && report.status !== 'triaged') return null;
    if ((await assignmentIdsOfReport(tx.trx, reportId, ['offered', 'accepted'])).length > 0) return null;
    if (!(await claimAutoDispatch(tx.trx, { reportId, at: tx.at, reason: reason.kind, nodeId }))) return null;
    // A unit that is no longer available refuses the whole offer: rolled back, the next look tries again.
    const offered = await offerReport(tx, report, unitIds, undefined, null);
    const callsigns: string[] = [];
    for (const a of offered) callsigns.push((await requireUnit(tx.trx, a.unitId)).callsign);
    const text = say('alert.auto_dispatched', { units: callsigns.join(', '), reason: reasonText(reason) });
    const alert = await insertAlert(tx.trx, { kind: 'auto_dispatched', reportId, text, at: tx.at });
    await tx.emit(() => ({ type: 'alert.raised' as const, at: tx.at, actorId: null, alert }));
    return alert;
  },
});

/**
 * Offers the report to the units its card recommends, if it still waits and was never offered automatically.
 * Returns the alert raised, or null when nothing was offered (picked up meanwhile, another node did, no unit).
 */
export async function autoDispatchReport(
  deps: HubDeps,
  reportId: string,
  reason: AutoDispatchReason,
  nodeId: string | null,
  livePositions: Map<string, NonNullable<Unit['position']>>,
): Promise<Alert | null> {
  const report = await requireReport(deps.store.db, reportId);
  const [card, recommendations] = await Promise.all([runCardOf(deps.store.db, deps, report, deps.clock()), recommendForReport(deps, reportId, livePositions)]);
  const plan = planSlots(card, recommendations, { accepted: 0, offered: 0 });
  if (plan.suggested.length === 0) return null;
  return runCommand(deps, autoOffer, 'system', { reportId, unitIds: plan.suggested.map((r) => r.unitId), reason, nodeId });
}
