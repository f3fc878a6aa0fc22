import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_lifecycle_feedback';
import * as m0003 from './0003_dispatch';
import * as m0004open311 from './0004_open311';
import * as m0005 from './0005_signals';
import * as m0008 from './0008_retention_photos';
import * as m0006privacy from './0006_privacy';
import * as m0007 from './0007_throttling_sessions';
import * as m0009users from './0009_users';
import * as m0010 from './0010_alert_texts';
import * as m0014 from './0014_addresses';
import * as m0011 from './0011_report_counts';
import * as m0013 from './0013_find_map_hotspots';
import * as m0015 from './0015_signal_address_search';
import * as m0018 from './0018_search_words';
import * as m0019 from './0019_emergencies';
import * as m0020 from './0020_safety';
import * as m0021 from './0021_run_cards';
import * as m0022 from './0022_alert_conditions_sla_terms';
import * as m0023 from './0023_report_context';
import * as m0024 from './0024_messages_from_a_person';
import * as m0025 from './0025_fix_photos';
import * as m0031 from './0031_open311_fixmystreet';
import * as m0028 from './0028_follow_up_actions';
import * as m0026 from './0026_reporter_questions';
import * as m0027 from './0027_satisfaction_reasons';
import * as m0029 from './0029_sub_reports';
import * as m0032 from './0032_sla_at_risk_from';
import * as m0030 from './0030_external_referrals';
import * as m0044 from './0044_map_cells';
import * as m0047 from './0047_outbox_request_id';
import * as m0042 from './0042_replay_lookups';
import * as m0040 from './0040_shift_reports';
import * as m0041 from './0041_notable_events_index';
import * as m0038 from './0038_kpi_steps';
import * as m0036 from './0036_wallboard_devices';
import * as m0051 from './0051_kpi_reads';
import * as m0052 from './0052_kpi_facts';
import * as m0053 from './0053_open_queue_whole_row';
import * as m0050 from './0050_outbox_latest_message';

/**
 * A migration may name the oldest release of Meldkamer that still runs on the schema it leaves (expand/contract:
 * a migration that only adds tables, columns or indexes names none, and every release since the first keeps working;
 * one that removes or changes what older code reads names the release that stopped reading it). Recorded in
 * `schema_compat` when it is applied (store/migrate.ts); a node older than that refuses to start.
 */
export type MeldkamerMigration = Migration & {
  readonly oldestCompatibleVersion?: string;
  /**
   * `false`: run outside a transaction (store/migrate.ts), for CREATE INDEX CONCURRENTLY on PostgreSQL
   * (migrations/concurrent-index.ts). Such a migration must be safe to run again.
   */
  readonly transaction?: false;
};

/** Every migration, imported statically (bundlers and packaged apps see them); names sort in apply order. */
export const migrations: Record<string, MeldkamerMigration> = {
  '0001_initial': m0001,
  '0002_lifecycle_feedback': m0002,
  '0003_dispatch': m0003,
  '0004_open311': m0004open311,
  '0005_signals': m0005,
  '0008_retention_photos': m0008,
  '0006_privacy': m0006privacy,
  '0007_throttling_sessions': m0007,
  '0009_users': m0009users,
  '0010_alert_texts': m0010,
  '0011_report_counts': m0011,
  '0013_find_map_hotspots': m0013,
  '0014_addresses': m0014,
  '0015_signal_address_search': m0015,
  '0018_search_words': m0018,
  '0019_emergencies': m0019,
  '0020_safety': m0020,
  '0021_run_cards': m0021,
  '0022_alert_conditions_sla_terms': m0022,
  '0023_report_context': m0023,
  '0024_messages_from_a_person': m0024,
  '0025_fix_photos': m0025,
  '0031_open311_fixmystreet': m0031,
  '0028_follow_up_actions': m0028,
  '0026_reporter_questions': m0026,
  '0027_satisfaction_reasons': m0027,
  '0029_sub_reports': m0029,
  '0032_sla_at_risk_from': m0032,
  '0030_external_referrals': m0030,
  '0044_map_cells': m0044,
  '0047_outbox_request_id': m0047,
  '0042_replay_lookups': m0042,
  '0040_shift_reports': m0040,
  '0041_notable_events_index': m0041,
  '0038_kpi_steps': m0038,
  '0036_wallboard_devices': m0036,
  '0051_kpi_reads': m0051,
  '0050_outbox_latest_message': m0050,
  '0052_kpi_facts': m0052,
  '0053_open_queue_whole_row': m0053,
};
