import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CoreServices } from '../coreServices';

const notYet = (): never => {
  throw new DomainError('unavailable', "Le tableau de bord n'est pas encore disponible.");
};

export function createDashboardHandlers(
  _services: CoreServices,
): Pick<Handlers, 'dashboard.summary' | 'dashboard.export'> {
  return { 'dashboard.summary': notYet, 'dashboard.export': notYet };
}
