import { z } from 'zod';
import { method } from '../method';
import {
  keywordSchema,
  TEXT_MODULE_BODY_MAX,
  TEXT_MODULE_TITLE_MAX,
  textModuleContexts,
  type TextModule,
} from '../../textModules/textModule';
import { administrators, staff } from './common';

const phrase = {
  keyword: keywordSchema,
  title: z
    .string()
    .trim()
    .min(2, 'Le titre : 2 caractères au moins.')
    .max(TEXT_MODULE_TITLE_MAX, `Le titre : ${TEXT_MODULE_TITLE_MAX} caractères au plus.`),
  body: z
    .string()
    .trim()
    .min(10, 'Le texte : 10 caractères au moins.')
    .max(TEXT_MODULE_BODY_MAX, `Le texte : ${TEXT_MODULE_BODY_MAX} caractères au plus.`),
  /** null: offered for every procedure. */
  procedureCode: z.string().min(1).max(20).nullable(),
  contexts: textModuleContexts,
};
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
