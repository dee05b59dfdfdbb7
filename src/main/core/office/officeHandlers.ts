import type { Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { PortalVersion } from '../sync/portalVersion';
import type { DeskEnrollment } from './deskEnrollment';
import type { DeskRegistry } from './deskRegistry';

type OfficeMethod =
  'office.desk' | 'office.desks' | 'office.enrollFirst' | 'office.join' | 'office.issueCode';

/** The desk and enrollment methods (design multi-desk §3.3, §8). */
export function createOfficeHandlers(deps: {
  registry: DeskRegistry;
  version: PortalVersion;
  enrollment: DeskEnrollment;
}): Pick<Handlers, OfficeMethod> {
  const { registry, version, enrollment } = deps;
  const signedIn = <T>(user: T | null): T => {
    if (!user) throw new DomainError('unauthenticated', 'Connectez-vous pour continuer.');
    return user;
  };
  return {
    'office.desk': () => ({ ...registry.identity(), portalEnrolls: version.supports('desks') }),
    'office.desks': () => enrollment.overview(),
    'office.enrollFirst': ({ label }, { user }) => enrollment.enrollFirst(signedIn(user), label),
    'office.join': (input) => enrollment.join(input),
    'office.issueCode': ({ label }, { user }) => enrollment.issueCode(signedIn(user), label),
  };
}
