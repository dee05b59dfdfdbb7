import { z } from 'zod';

/**
 * Text modules (issue 20 §1): phrases a clerk inserts in a comment box by typing `::` and a few
 * letters of the phrase's keyword. Some ship with Bureau (`resources/text-modules/*.json`), the
 * others are an office's own, added by its administrators without a release.
 */

/** Where a phrase may be offered: the box it is written for. */
export const TEXT_MODULE_CONTEXTS = ['reject', 'requestInfo', 'note'] as const;
export type TextModuleContext = (typeof TEXT_MODULE_CONTEXTS)[number];

/** Short, typed after `::` with no Shift: lower-case letters, digits and dashes. */
export const TEXT_MODULE_KEYWORD = /^[a-z0-9][a-z0-9-]{1,23}$/;
export const keywordSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    TEXT_MODULE_KEYWORD,
    'Le mot-clé : 2 à 24 lettres sans accent, chiffres ou « - », sans espace.',
  );
export const TEXT_MODULE_TITLE_MAX = 80;
/** What the applicant reads fits a decision's comment (COMMENT_MAX_LENGTH is 2 000). */
export const TEXT_MODULE_BODY_MAX = 1500;

export const textModuleContexts = z
  .array(z.enum(TEXT_MODULE_CONTEXTS))
  .min(1, 'Choisissez au moins une zone de saisie.')
  .max(TEXT_MODULE_CONTEXTS.length)
  .refine((list) => new Set(list).size === list.length, 'Zone de saisie en double.');

/** One phrase shipped with Bureau: a title in both languages, the body in French (the reader's). */
export const shippedTextModule = z.strictObject({
  keyword: keywordSchema,
  title: z.strictObject({
    fr: z.string().trim().min(2).max(TEXT_MODULE_TITLE_MAX),
    en: z.string().trim().min(2).max(TEXT_MODULE_TITLE_MAX),
  }),
  body: z.string().trim().min(10).max(TEXT_MODULE_BODY_MAX),
  contexts: textModuleContexts,
});

/** One file of `resources/text-modules/`: the phrases of one procedure, or of every one (`*`). */
export const shippedTextModuleFile = z.strictObject({
  procedureCode: z.union([z.literal('*'), z.string().regex(/^[A-Z]{2,5}-[A-Z]{2,6}$/)]),
  modules: z.array(shippedTextModule).min(1).max(200),
});
export type ShippedTextModuleFile = z.infer<typeof shippedTextModuleFile>;

/** A phrase as the API serves it, shipped or the office's own. */
export interface TextModule {
  /** `shipped:<procedure or *>:<keyword>` for shipped phrases, a UUID for an office's. */
  id: string;
  origin: 'shipped' | 'office';
  keyword: string;
  title: { fr: string; en: string | null };
  body: string;
  /** null: offered for every procedure. */
  procedureCode: string | null;
  contexts: TextModuleContext[];
  /** An office's phrase: who last changed it and when; retired ones are listed for administrators. */
  officeCode: string | null;
  updatedAt: string | null;
  updatedBy: { id: string; displayName: string } | null;
  retiredAt: string | null;
}

/** A phrase as an administrator writes it: the API's input and the portal's (office phrases). */
export const textModulePhrase = {
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

/**
 * An office's phrase as the portal holds it (docs/portal-api.md, « Modules de texte du bureau »):
 * shared by every desk of the office, versioned; `sequence` orders the feed.
 */
export const portalTextModule = z.strictObject({
  id: z.uuid(),
  ...textModulePhrase,
  retired: z.boolean(),
  version: z.number().int().min(1).max(1_000_000_000),
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.strictObject({
    id: z.string().min(1).max(80),
    displayName: z.string().min(1).max(120),
  }),
});
export type PortalTextModule = z.infer<typeof portalTextModule>;
