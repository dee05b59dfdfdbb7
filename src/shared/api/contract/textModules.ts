import { z } from 'zod';
import { method } from '../method';
import { textModulePhrase, type TextModule } from '../../textModules/textModule';
import { administrators, staff } from './common';

const phrase = textModulePhrase;
const textModuleId = z.uuid();

/**
 * Text modules for the comment boxes (issue 20 §1): part of the one API contract
 * (`../contract.ts`). Every signed-in person lists the phrases of their own office (and the
 * shipped ones); only administrators change them, in their own office.
 */
export const textModulesMethods = {
  /** Shipped phrases and the office's; `includeRetired` adds the office's retired ones. */
  'textModules.list': method<TextModule[]>()({
    input: z.strictObject({ includeRetired: z.boolean().default(false) }),
    access: staff,
  }),
  'textModules.create': method<TextModule>()({
    input: z.strictObject(phrase),
    access: administrators,
  }),
  'textModules.update': method<TextModule>()({
    input: z.strictObject({ id: textModuleId, ...phrase }),
    access: administrators,
  }),
  /** The phrase is no longer offered; it stays listed as retired for administrators. */
  'textModules.retire': method<TextModule>()({
    input: z.strictObject({ id: textModuleId }),
    access: administrators,
  }),
} as const;
