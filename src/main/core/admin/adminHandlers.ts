import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CoreServices } from '../coreServices';

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
  | 'audit.verify';

const notYet = (): never => {
  throw new DomainError('unavailable', "L'administration n'est pas encore disponible.");
};

export function createAdminHandlers(_services: CoreServices): Pick<Handlers, AdminHandlerNames> {
  return {
    'admin.users.list': notYet,
    'admin.users.create': notYet,
    'admin.users.update': notYet,
    'admin.users.resetPassword': notYet,
    'admin.office.get': notYet,
    'admin.office.update': notYet,
    'admin.holidays.list': notYet,
    'admin.holidays.save': notYet,
    'audit.list': notYet,
    'audit.verify': notYet,
  };
}
