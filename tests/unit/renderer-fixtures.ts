/** Reports and categories for the renderer's unit tests. */
import type { Category, Report } from '../../server/protocol/report';

export const PARKING: Category = {
  code: 'parkeren',
  nameNl: 'Fout geparkeerd',
  nameEn: 'Illegal parking',
  department: 'Handhaving',
  slaWorkingDays: 3,
};

export const WASTE: Category = {
  code: 'afval',
  nameNl: 'Afval naast container',
  nameEn: 'Waste next to container',
  department: 'Stadsbeheer',
  slaWorkingDays: 2,
};

export function aReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'r1',
    number: 'M-000123',
    category: 'parkeren',
    lat: 52.0799,
    lng: 4.3113,
    address: null,
    description: 'Bestelbus op de stoep',
    source: 'phone',
    priority: 'normal',
    status: 'new',
    outcome: null,
    hasReporter: false,
    reporterCount: 0,
    followUpDate: null,
    slaDeadline: '2026-03-12T09:00:00.000Z',
    delivery: 'none',
    createdAt: '2026-03-10T09:00:00.000Z',
    updatedAt: '2026-03-10T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
