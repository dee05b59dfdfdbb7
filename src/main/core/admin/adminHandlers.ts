import type { CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { HolidayCalendar } from '../calendar/holidayCalendar';
import { exportAudit } from '../audit/auditExport';
import { createAuditQueries } from '../audit/auditQueries';
import type { CoreServices } from '../coreServices';
import { createHolidaysAdmin } from './holidaysAdmin';
import type { OfficeSettingsService } from './officeSettings';
import { createUsersAdmin } from './usersAdmin';

type AdminHandlerNames =
  | 'admin.users.list'
  | 'admin.users.create'
  | 'admin.users.update'
  | 'admin.users.resetPassword'
  | 'admin.office.get'
  | 'admin.office.update'
  | 'admin.holidays.list'
  | 'admin.holidays.save'
  | 'audit.list'
  | 'audit.export'
  | 'audit.verify';

/** Rows in one exported file: a year of a busy office's work; narrow the filters for more. */
const AUDIT_EXPORT_LIMIT = 100_000;

/** The dispatcher has already refused callers without the method's role; this names the actor. */
function actorOf(context: CallContext): CurrentUser {
  if (!context.user) {
    throw new DomainError(
      'unauthenticated',
      'Votre session a expiré. Reconnectez-vous pour continuer.',
    );
  }
  return context.user;
}

/** Administration (users, office, holidays) and the audit trail's viewer and verifier. */
export function createAdminHandlers(
  services: CoreServices,
  admin: { holidays: HolidayCalendar; office: OfficeSettingsService },
): Pick<Handlers, AdminHandlerNames> {
  const users = createUsersAdmin(services);
  const holidays = createHolidaysAdmin({ ...services, holidays: admin.holidays });
  const audit = createAuditQueries(services);
  return {
    'admin.users.list': () => users.list(),
    'admin.users.create': (input, context) => users.create(input, actorOf(context)),
    'admin.users.update': (input, context) => users.update(input, actorOf(context)),
    'admin.users.resetPassword': (input, context) => users.resetPassword(input, actorOf(context)),
    'admin.office.get': () => admin.office.get(),
    'admin.office.update': (input, context) => admin.office.update(input, actorOf(context)),
    'admin.holidays.list': ({ year }) => holidays.list(year),
    'admin.holidays.save': ({ year, holidays: edited }, context) =>
      holidays.save(year, edited, actorOf(context)),
    'audit.list': (input) => audit.list(input),
    'audit.export': async ({ format, ...filters }) => {
      const { rows, truncated } = await audit.allRows(filters, AUDIT_EXPORT_LIMIT);
      const today = services.clock.now().toISOString().slice(0, 10);
      return exportAudit(rows, { format, today, truncated, log: services.log });
    },
    'audit.verify': (_input, context) => audit.verify(actorOf(context)),
  };
}
