import { ALERT_TEXTS } from './alert-text';
import { DISPATCH_TEXTS } from './dispatch-texts';
import { COMMAND_TEXTS } from './command-texts';
import { CONTEXT_TEXTS } from './report-context';
import { DISTANCE_TEXTS } from './distance-text';
import { EMERGENCY_TEXTS } from './emergency';
import { EXTERNAL_TEXTS } from './external-referrals';
import { LIST_TEXTS } from './domain-text';
import { FEEDBACK_TEXTS } from './feedback-texts';
import { INPUT_TEXTS } from './input-texts';
import { LIFECYCLE_TEXTS, TRANSITION_LABEL_TEXTS } from './lifecycle';
import { OFFER_TEXTS } from './offers';
import { RECOMMEND_TEXTS } from './recommend-texts';
import { QUESTION_TEXTS } from './reporter-question-texts';
import { RESOLUTION_TEXTS } from './resolution';
import { READABILITY_TEXTS } from './readability-texts';
import { SIGNAL_IMPORT_TEXTS } from './signal-import-texts';
import { SUB_REPORT_TEXTS } from './sub-reports';
import { THROTTLE_TEXTS } from './throttle';
import { TIMELINE_TEXTS } from './timeline-texts';
import { UNIT_TEXTS } from './unit-status';
import { USER_TEXTS } from './user-texts';

/**
 * Every text the domain emits, in Dutch, by code. The renderer's catalogues take their Dutch from
 * here and must give every code in every language (tests/unit/domain-text-catalogue.test.ts).
 */
export const DOMAIN_TEXTS = {
  ...UNIT_TEXTS,
  ...EMERGENCY_TEXTS,
  ...LIFECYCLE_TEXTS,
  ...TRANSITION_LABEL_TEXTS,
  ...OFFER_TEXTS,
  ...RECOMMEND_TEXTS,
  ...DISTANCE_TEXTS,
  ...ALERT_TEXTS,
  ...DISPATCH_TEXTS,
  ...RESOLUTION_TEXTS,
  ...READABILITY_TEXTS,
  ...SIGNAL_IMPORT_TEXTS,
  ...THROTTLE_TEXTS,
  ...FEEDBACK_TEXTS,
  ...INPUT_TEXTS,
  ...COMMAND_TEXTS,
  ...CONTEXT_TEXTS,
  ...USER_TEXTS,
  ...LIST_TEXTS,
  ...TIMELINE_TEXTS,
  ...EXTERNAL_TEXTS,
  ...SUB_REPORT_TEXTS,
  ...QUESTION_TEXTS,
};

export type DomainTextCode = keyof typeof DOMAIN_TEXTS;
