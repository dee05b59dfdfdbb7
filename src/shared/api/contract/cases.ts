import { z } from 'zod';
import type { DocumentContent } from '../caseTypes';
import type { NoteAdded } from '../syncTypes';
import type { CheckOutResult } from '../caseTypes';
import type { CaseDetail } from '../types';
import { method } from '../method';
import {
  staff,
  caseWorkers,
  caseId,
  byCase,
  caseIdList,
  comment,
  codeList,
  userId,
} from './common';

/**
 * The person accepted that the action is provisional: offline without a lease confirmed by the
 * portal (design multi-desk §8), refused with `workflow_refused` unless said.
 */
const provisional = z.boolean().optional();
const byCaseProvisional = z.strictObject({ id: caseId, provisional });

/** Cases: reading, review, decisions, notes, conflicts, documents: part of the one API contract (`../contract.ts`). */
export const casesMethods = {
  'cases.get': method<CaseDetail>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
  'notes.add': method<NoteAdded>()({
    input: z.strictObject({
      applicationId: z.string().min(1).max(64),
      body: z.string().trim().min(1).max(10_000),
    }),
    access: caseWorkers,
  }),
  /** Choosing which version wins may cancel queued actions: work for the office's staff. */
  'cases.resolveConflict': method<CaseDetail>()({
    input: z.strictObject({
      id: z.string().min(1).max(64),
      keep: z.enum(['portal', 'local']),
    }),
    access: caseWorkers,
  }),
  // — Case review and decisions (issue 5): every one returns the updated case —
  'cases.claim': method<CaseDetail>()({ input: byCaseProvisional, access: caseWorkers }),
  'cases.release': method<CaseDetail>()({ input: byCaseProvisional, access: caseWorkers }),
  'cases.takeOver': method<CaseDetail>()({ input: byCaseProvisional, access: ['superviseur'] }),
  /**
   * « Emporter hors ligne » (design multi-desk §3.7): long leases granted by the portal, online
   * only, for oneself or (a supervisor) for a clerk of the office; each case taken or refused.
   */
  'cases.checkOut': method<CheckOutResult>()({
    input: z.strictObject({
      ids: caseIdList.max(300),
      days: z.number().int().min(1).max(14),
      forUserId: userId.optional(),
    }),
    access: caseWorkers,
  }),
  'cases.tickChecklist': method<CaseDetail>()({
    input: z.strictObject({ id: caseId, itemId: z.string().min(1).max(64), checked: z.boolean() }),
    access: caseWorkers,
  }),
  'cases.requestInfo': method<CaseDetail>()({
    input: z
      .strictObject({
        id: caseId,
        missingDocuments: codeList.default([]),
        fieldsToCorrect: codeList.default([]),
        message: comment.min(1, 'Écrivez le message destiné au demandeur.'),
        provisional,
      })
      .refine((value) => value.missingDocuments.length + value.fieldsToCorrect.length > 0, {
        message: 'Indiquez au moins une pièce ou un champ à compléter.',
        path: ['missingDocuments'],
      }),
    access: caseWorkers,
  }),
  'cases.approve': method<CaseDetail>()({
    input: z.strictObject({ id: caseId, comment: comment.optional(), provisional }),
    access: caseWorkers,
  }),
  'cases.reject': method<CaseDetail>()({
    input: z.strictObject({
      id: caseId,
      reasonCodes: codeList.min(1, 'Choisissez au moins un motif de rejet.'),
      comment: comment.min(1, 'Le commentaire est obligatoire pour un rejet.'),
      provisional,
    }),
    access: caseWorkers,
  }),
  'cases.signOff': method<CaseDetail>()({
    input: z
      .strictObject({
        id: caseId,
        decision: z.enum(['approve', 'return']),
        comment: comment.optional(),
        provisional,
      })
      .refine((value) => value.decision === 'approve' || (value.comment ?? '').length > 0, {
        message: 'Expliquez à l’agent pourquoi le dossier revient en instruction.',
        path: ['comment'],
      }),
    access: ['superviseur'],
  }),
  /**
   * The proposer takes back their decision waiting for sign-off (four-eyes: they may not validate
   * it): the case returns to review, held by them; the portal hears a return by the proposer.
   */
  'cases.withdrawProposal': method<CaseDetail>()({
    input: z.strictObject({ id: caseId, comment: comment.optional(), provisional }),
    access: caseWorkers,
  }),
  /**
   * « J'ai vérifié ces modifications »: the portal changed reviewed data after the decision; the
   * case's holder or a supervisor of its office has checked it, so sign-off and issuing may go on.
   */
  'cases.confirmPortalChanges': method<CaseDetail>()({ input: byCase, access: caseWorkers }),
  'documents.content': method<DocumentContent>()({
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    access: staff,
  }),
} as const;
