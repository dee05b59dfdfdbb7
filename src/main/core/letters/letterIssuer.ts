import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PersonRef } from '../../../shared/api/caseTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { isoDateOf, type WorkingCalendar } from '../../../shared/calendar/workingDays';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import type { Clock } from '../clock';
import { storedRecordOf } from '../db/storedColumns';
import type { OfficeKey, SigningKeys } from '../certificates/signingKeys';
import { composeLetter, needsCoverLetter, type LetterDecision } from './composeLetter';
import type { LetterDocument, LetterKind } from './letterDocument';
import { signLetterQrText } from './letterQrPayload';
import type { LetterStore } from './letterStore';
import type { LetterTemplates } from './loadLetterTemplates';

/**
 * Decision letters made inside the decision's own transaction (the case writer's `change`): the
 * next number of this desk's series, the signed QR payload, the rendered PDF and its SHA-256, the
 * letter's row — all rolled back with the decision if anything fails, so no number is lost or
 * reused. The PDF travels to the portal in the decision's event (`letter`, like a certificate's
 * `document`). Only the file write comes after the commit (`flush`); a letter whose file never
 * reached the disk stays `pending` and is rendered again from its stored document (`recover`).
 *
 * Numbers: `LR-<series>-<year>-<seq>`, one gap-free sequence per series and year. The series is
 * the desk's numbering code where certificates print one (a desk alone: the administrator's code
 * for this desktop, by default the office code); on an enrolled desk, whose certificates come from
 * blocks the portal reserves, letters are not arbitrated by the portal: the series is the office
 * code followed by four characters of the desk's id (`LR-LOM7F3A-2026-000001`), unique per desk
 * without asking anyone.
 */

export interface LetterPayload {
  number: string;
  kind: LetterKind;
  fileName: string;
  mimeType: 'application/pdf';
  size: number;
  sha256: string;
  base64: string;
  qrText: string;
  keyId: string;
}

/** What the clerk decided, before the dates the letter computes. */
export type DecisionForLetter =
  | { kind: 'rejection'; reasonCodes: string[]; comment: string }
  | { kind: 'info_request'; missingDocuments: string[]; fieldsToCorrect: string[]; message: string }
  | { kind: 'approval'; comment: string | null };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Four characters naming an enrolled desk in its letter series. */
export const deskTag = (deskId: string) =>
  createHash('sha256').update(deskId).digest('hex').slice(0, 4).toUpperCase();

export const formatLetterNumber = (series: string, year: number, seq: number) =>
  `LR-${series}-${year}-${String(seq).padStart(6, '0')}`;

export function createLetterIssuer(deps: {
  db: Database.Database;
  templates: LetterTemplates;
  store: LetterStore;
  keys: SigningKeys;
  calendar: WorkingCalendar;
  clock: Clock;
  render: (document: LetterDocument) => Buffer;
  /** The code printed in this desk's letter numbers for an office (see above). */
  seriesOf: (officeCode: string) => string;
  training: boolean;
  log: (message: string, error?: unknown) => void;
}) {
  const { db, templates, store, keys, calendar, clock } = deps;
  const recordOf = db.prepare<[string], { record_json: string }>(
    'SELECT record_json FROM applications WHERE id = ?',
  );
  /** Rendered in a transaction, written once it committed (or dropped if it rolled back). */
  const unwritten = new Map<
    string,
    { year: number; number: string; pdf: Buffer; sha256: string }
  >();

  const letterDecision = (
    decision: DecisionForLetter,
    today: Date,
    template: { infoRequest: { replyWorkingDays: number } },
  ): LetterDecision =>
    decision.kind === 'info_request'
      ? {
          ...decision,
          // The answer-by date: working days on the office's holiday calendar, as the SLA counts.
          answerBy: calendar.addWorkingDays(
            isoDateOf(today),
            template.infoRequest.replyWorkingDays,
          ),
        }
      : decision;

  /** Whether this decision produces a letter for this procedure. */
  const wants = (procedureCode: string, decision: DecisionForLetter) =>
    decision.kind !== 'approval' || needsCoverLetter(templates.get(procedureCode));

  function compose(
    procedure: ProcedureDefinition,
    record: PortalApplication,
    decision: DecisionForLetter,
    issue: {
      number: string | null;
      at: Date;
      officeCode: string;
      clerk: PersonRef;
      keyId: string | null;
      preview: boolean;
    },
  ): LetterDocument {
    const template = templates.get(procedure.code);
    return composeLetter(
      templates.layout,
      template,
      procedure,
      record,
      letterDecision(decision, issue.at, template),
      {
        number: issue.number,
        issuedAt: issue.at,
        officeCode: issue.officeCode,
        clerk: issue.clerk,
        keyId: issue.keyId,
        training: deps.training,
        preview: issue.preview,
      },
    );
  }

  return {
    wants,

    /** The key to sign with, made outside any transaction (a new key must survive a rollback). */
    keyFor(officeCode: string, user: CurrentUser): OfficeKey | null {
      return officeCode === user.officeCode
        ? keys.officeKey(officeCode, clock.now().toISOString())
        : null;
    },

    /**
     * Inside the decision's transaction: numbers, signs, renders and records the letter; returns
     * the `letter` object of the portal event, or null when the decision sends no letter.
     */
    inDecision(input: {
      caseId: string;
      procedure: ProcedureDefinition;
      officeCode: string;
      at: string;
      user: CurrentUser;
      key: OfficeKey | null;
      decision: DecisionForLetter;
    }): LetterPayload | null {
      const { procedure, decision, key } = input;
      if (!wants(procedure.code, decision)) return null;
      const stored = recordOf.get(input.caseId);
      // The gate already refused another office's case; without a key there is nothing to sign.
      if (!stored || !key || key.officeCode !== input.officeCode) {
        throw new Error(`no signing key for the letter of ${input.caseId}`);
      }
      const record = storedRecordOf(input.caseId, stored.record_json);
      const at = new Date(input.at);
      const year = at.getUTCFullYear();
      const series = deps.seriesOf(input.officeCode);
      const seq = store.allocate(series, year);
      const number = formatLetterNumber(series, year, seq);
      const clerk = { id: input.user.id, displayName: input.user.displayName };
      const document = compose(procedure, record, decision, {
        number,
        at,
        officeCode: input.officeCode,
        clerk,
        keyId: key.keyId,
        preview: false,
      });
      document.qrText = signLetterQrText(
        {
          number,
          kind: document.kind,
          procedureCode: procedure.code,
          reference: record.reference,
          addressee: document.addressee.lines[0] ?? record.reference,
          issuedOn: document.issuedOn,
          answerBy: document.answerBy,
          officeCode: input.officeCode,
          keyId: key.keyId,
          ...(deps.training ? { training: true as const } : {}),
        },
        key.privateKey,
      );
      const pdf = deps.render(document);
      const digest = sha256(pdf);
      const id = randomUUID();
      store.insert({
        id,
        number,
        kind: document.kind,
        application_id: input.caseId,
        reference: record.reference,
        procedure_code: procedure.code,
        office_code: input.officeCode,
        series,
        year,
        seq,
        issued_at: input.at,
        issued_by: input.user.id,
        key_id: key.keyId,
        qr_text: document.qrText,
        document_json: JSON.stringify(document),
        sha256: digest,
        size: pdf.length,
      });
      unwritten.set(id, { year, number, pdf, sha256: digest });
      return {
        number,
        kind: document.kind,
        fileName: `${number}.pdf`,
        mimeType: 'application/pdf',
        size: pdf.length,
        sha256: digest,
        base64: pdf.toString('base64'),
        qrText: document.qrText,
        keyId: key.keyId,
      };
    },

    /** After the decision's transaction: writes the files of the letters it committed. */
    flush(): void {
      for (const [id, letter] of unwritten) {
        unwritten.delete(id);
        if (!store.get(id)) continue; // rolled back with its decision
        try {
          store.writeFile(letter, letter.pdf);
          store.markStored(id, letter.sha256, letter.pdf.length);
        } catch (error) {
          deps.log(`courrier ${letter.number} : écriture du PDF différée`, error);
        }
      }
    },

    /** The letter a decision would send, unnumbered and unsigned, marked « APERÇU ». */
    preview(input: {
      caseId: string;
      procedure: ProcedureDefinition;
      officeCode: string;
      user: CurrentUser;
      decision: DecisionForLetter;
    }): Buffer | null {
      if (!wants(input.procedure.code, input.decision)) return null;
      const stored = recordOf.get(input.caseId);
      if (!stored) return null;
      const document = compose(
        input.procedure,
        storedRecordOf(input.caseId, stored.record_json),
        input.decision,
        {
          number: null,
          at: clock.now(),
          officeCode: input.officeCode,
          clerk: { id: input.user.id, displayName: input.user.displayName },
          keyId: null,
          preview: true,
        },
      );
      return deps.render(document);
    },
  };
}
export type LetterIssuer = ReturnType<typeof createLetterIssuer>;
