import type { DashboardData } from '../../../shared/api/dashboardTypes';
import { isoDateOf } from '../../../shared/calendar/workingDays';
import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CoreServices } from '../coreServices';
import { requireUser } from '../inbox/inboxHandlers';
import { exportTable } from './dashboardExport';
import { createDashboardQueries, type DashboardScope } from './dashboardQueries';
import { buildDashboard } from './dashboardSummary';
import { exportTableOf } from './dashboardTables';

/** A year and a day: « ce mois », « 30 jours » and a custom year-long span all fit. */
const MAX_PERIOD_DAYS = 367;
/** An export lists every overdue case, not just the screen's first hundred. */
const EXPORT_OVERDUE_LIMIT = 100_000;

interface DashboardQuery {
  from: string;
  to: string;
  procedureCodes?: string[] | undefined;
}

export function createDashboardHandlers(
  services: CoreServices,
): Pick<Handlers, 'dashboard.summary' | 'dashboard.export'> {
  const queries = createDashboardQueries(services.db);

  function scopeOf(query: DashboardQuery, officeCode: string): DashboardScope {
    if (query.from > query.to) {
      throw new DomainError(
        'invalid_input',
        'La date de début de la période est postérieure à la date de fin. Corrigez les dates.',
      );
    }
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
    if (days > MAX_PERIOD_DAYS) {
      throw new DomainError(
        'invalid_input',
        'La période choisie dépasse un an. Choisissez une période plus courte.',
      );
    }
    return {
      officeCode,
      from: query.from,
      to: query.to,
      today: isoDateOf(services.clock.now()),
      // An empty selection in the filter means « toutes les procédures ».
      procedureCodes: query.procedureCodes?.length ? [...new Set(query.procedureCodes)] : null,
    };
  }

  function summary(
    query: DashboardQuery,
    officeCode: string,
    overdueLimit?: number,
  ): DashboardData {
    const started = performance.now();
    const data = buildDashboard(
      queries,
      services.catalog,
      services.calendar,
      scopeOf(query, officeCode),
      overdueLimit,
    );
    const elapsed = performance.now() - started;
    if (elapsed > 200) services.log(`dashboard: slow summary (${elapsed.toFixed(0)} ms)`);
    return data;
  }

  return {
    'dashboard.summary': (input, { user }) => summary(input, requireUser(user).officeCode),
    'dashboard.export': async ({ query, table, format }, { user }) => {
      const data = summary(query, requireUser(user).officeCode, EXPORT_OVERDUE_LIMIT);
      return exportTable(exportTableOf(data, table), data.period, format, services.log);
    },
  };
}
