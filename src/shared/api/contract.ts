import type { z } from 'zod';
import { adminMethods } from './contract/admin';
import { assignmentMethods } from './contract/assignment';
import { backupsMethods } from './contract/backups';
import { casesMethods } from './contract/cases';
import { certificatesMethods } from './contract/certificates';
import { dashboardMethods } from './contract/dashboard';
import { inboxMethods } from './contract/inbox';
import { lettersMethods } from './contract/letters';
import { linkedMethods } from './contract/linked';
import { officeMethods } from './contract/office';
import { sessionMethods } from './contract/session';
import { syncMethods } from './contract/sync';
import { syncWorkMethods } from './contract/syncWork';
import { textModulesMethods } from './contract/textModules';

export {
  dashboardQuerySchema,
  inboxFiltersSchema,
  inboxQuerySchema,
  inboxSortSchema,
  newPasswordSchema,
} from './contract/common';

/**
 * The one API contract. Both transports (Electron IPC and loopback HTTP) are generated from this
 * object, so a method cannot exist on one and not the other. Names are `domain.action`; each
 * domain's methods are written in `contract/<domain>.ts`, beside the others'.
 */
export const apiContract = {
  ...sessionMethods,
  ...inboxMethods,
  ...casesMethods,
  ...linkedMethods,
  ...syncMethods,
  ...syncWorkMethods,
  ...certificatesMethods,
  ...lettersMethods,
  ...assignmentMethods,
  ...dashboardMethods,
  ...adminMethods,
  ...backupsMethods,
  ...officeMethods,
  ...textModulesMethods,
} as const;

export type ApiContract = typeof apiContract;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<ApiContract[M]['output'], undefined>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiContract, name);
}
