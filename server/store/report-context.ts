import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { normaliseEmail, normalisePhone, phoneDigitVariants } from '../domain/privacy-subject';
import type { AddressNote } from '../protocol/report-context';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/** Migration 0023: notes on an address or area, a circle with an expiry. */
export interface AddressNoteTable {
  id: string;
  lat: number;
  lng: number;
  radius_m: number;
  label: string | null;
  text: string;
  expires_at: string;
  created_by: string | null;
  created_at: string;
}

declare module './schema' {
  interface DB {
    address_notes: AddressNoteTable;
  }
}

type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

export interface NearbyRow {
  id: string;
  number: string;
  category: string;
  status: string;
  address: string | null;
  created_at: string;
  lat: number;
  lng: number;
}

/** Reports (any status) created since `since` inside the box, the report itself left out. */
export async function reportsInBoxSince(db: Kysely<DB>, q: { box: Box; since: string; excludeId: string; limit: number }): Promise<NearbyRow[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'category', 'status', 'address', 'created_at', 'lat', 'lng'])
    .where('lat', '>=', q.box.minLat)
    .where('lat', '<=', q.box.maxLat)
    .where('lng', '>=', q.box.minLng)
    .where('lng', '<=', q.box.maxLng)
    .where('created_at', '>=', q.since)
    .where('id', '!=', q.excludeId)
    .orderBy('created_at', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({ ...r, number: formatReportNumber(r.number) }));
}

/** The same digits-only form of a phone column as migration 0023's index (and store/privacy.ts). */
const phoneDigits = sql<string>`replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`;

/**
 * Counts over every report whose reporters share an e-mail address or phone number with this report's
 * reporters: how many, how many open, and the satisfaction answers on them. No contact data leaves the store.
 */
export async function reporterHistoryOf(
  db: Kysely<DB>,
  reportId: string,
): Promise<{ reports: number; open: number; satisfied: number; unsatisfied: number } | null> {
  const own = await db.selectFrom('reporters').select(['email', 'phone']).where('report_id', '=', reportId).execute();
  const emails = [...new Set(own.flatMap((r) => (r.email ? [normaliseEmail(r.email)] : [])))];
  const phones = [...new Set(own.flatMap((r) => (r.phone ? phoneDigitVariants(normalisePhone(r.phone)) : [])))];
  if (emails.length === 0 && phones.length === 0) return null;
  const matching = db
    .selectFrom('reporters')
    .select('report_id')
    .where((eb) => {
      const alternatives = [];
      if (emails.length > 0) alternatives.push(eb(sql<string>`lower(email)`, 'in', emails));
      if (phones.length > 0) alternatives.push(eb(phoneDigits, 'in', phones));
      return eb.or(alternatives);
    });
  const counts = await db
    .selectFrom('reports')
    .select((eb) => [
      eb.fn.countAll<number>().as('reports'),
      eb.fn.sum<number>(eb.case().when('status', '!=', 'closed').then(1).else(0).end()).as('open'),
    ])
    .where('id', 'in', matching)
    .executeTakeFirst();
  const answers = await db
    .selectFrom('citizen_responses')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('satisfied', '=', 1).then(1).else(0).end()).as('satisfied'),
      eb.fn.sum<number>(eb.case().when('satisfied', '=', 0).then(1).else(0).end()).as('unsatisfied'),
    ])
    .where('report_id', 'in', matching)
    .executeTakeFirst();
  return {
    reports: Number(counts?.reports ?? 0),
    open: Number(counts?.open ?? 0),
    satisfied: Number(answers?.satisfied ?? 0),
    unsatisfied: Number(answers?.unsatisfied ?? 0),
  };
}

type NoteRow = AddressNoteTable & { created_by_name: string | null };

function toNote(r: NoteRow): AddressNote {
  return {
    id: r.id,
    lat: r.lat,
    lng: r.lng,
    radiusMeters: r.radius_m,
    label: r.label,
    text: r.text,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

function selectNotes(db: Kysely<DB>) {
  return db
    .selectFrom('address_notes')
    .leftJoin('users', 'users.id', 'address_notes.created_by')
    .selectAll('address_notes')
    .select('users.display_name as created_by_name');
}

/** Notes still valid at `at` whose point lies in the box (the caller keeps those whose circle covers its point). */
export async function validNotesInBox(db: Kysely<DB>, box: Box, at: string): Promise<AddressNote[]> {
  const rows = await selectNotes(db)
    .where('address_notes.expires_at', '>', at)
    .where('address_notes.lat', '>=', box.minLat)
    .where('address_notes.lat', '<=', box.maxLat)
    .where('address_notes.lng', '>=', box.minLng)
    .where('address_notes.lng', '<=', box.maxLng)
    .orderBy('address_notes.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toNote);
}

export async function insertAddressNote(
  db: Kysely<DB>,
  note: { lat: number; lng: number; radiusMeters: number; label: string | null; text: string; expiresAt: string; by: string; at: string },
): Promise<AddressNote> {
  const id = randomUUID();
  await db
    .insertInto('address_notes')
    .values({
      id,
      lat: note.lat,
      lng: note.lng,
      radius_m: note.radiusMeters,
      label: note.label,
      text: note.text,
      expires_at: note.expiresAt,
      created_by: note.by,
      created_at: note.at,
    })
    .execute();
  const row = await selectNotes(db).where('address_notes.id', '=', id).executeTakeFirstOrThrow();
  return toNote(row);
}

/** Deletes a note that is still valid; false when there is none (unknown or expired). */
export async function deleteValidNote(db: Kysely<DB>, id: string, at: string): Promise<AddressNote | undefined> {
  const row = await selectNotes(db).where('address_notes.id', '=', id).where('address_notes.expires_at', '>', at).executeTakeFirst();
  if (!row) return undefined;
  await db.deleteFrom('address_notes').where('id', '=', id).execute();
  return toNote(row);
}

/** Deletes up to `limit` notes expired by `at`; returns how many. */
export async function deleteExpiredNotes(db: Kysely<DB>, at: string, limit: number): Promise<number> {
  const ids = (await db.selectFrom('address_notes').select('id').where('expires_at', '<=', at).limit(limit).execute()).map((r) => r.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('address_notes').where('id', 'in', ids).execute();
  return ids.length;
}

/** Open low-priority reports in the box that no unit has and none is offered: the worklist's candidates. */
export async function worklistCandidates(db: Kysely<DB>, box: Box, statuses: readonly string[], limit: number) {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'category', 'lat', 'lng', 'address', 'description', 'priority', 'status', 'created_at'])
    .where('status', 'in', [...statuses])
    .where('priority', '=', 'low')
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('lng', '>=', box.minLng)
    .where('lng', '<=', box.maxLng)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assignments')
            .select('assignments.id')
            .whereRef('assignments.report_id', '=', 'reports.id')
            .where('assignments.state', 'in', ['offered', 'accepted']),
        ),
      ),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, number: formatReportNumber(r.number) }));
}
