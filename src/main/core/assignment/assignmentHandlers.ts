import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CoreServices } from '../coreServices';

type AssignmentHandlerNames =
  | 'assignment.staff'
  | 'assignment.assign'
  | 'assignment.previewBalance'
  | 'assignment.applyBalance'
  | 'notifications.list'
  | 'notifications.markRead';

const notYet = (): never => {
  throw new DomainError('unavailable', "L'affectation n'est pas encore disponible.");
};

export function createAssignmentHandlers(
  _services: CoreServices,
): Pick<Handlers, AssignmentHandlerNames> {
  return {
    'assignment.staff': notYet,
    'assignment.assign': notYet,
    'assignment.previewBalance': notYet,
    'assignment.applyBalance': notYet,
    'notifications.list': notYet,
    'notifications.markRead': notYet,
  };
}
