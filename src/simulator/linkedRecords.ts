import type { ProcedureDefinition } from '../shared/catalog/procedureSchema';
import type {
  PortalApplication,
  PortalDecision,
  PortalIssuedCertificate,
} from '../shared/portal/portalApplication';
import { sharedAttachmentPool, type AttachmentPool } from './attachments';
import { generateApplication } from './generateApplication';
import { MS_PER_DAY } from './generateIdentity';
import { createRandom } from './random';
import { renderRecordDocument } from './recordDocuments';

/**
 * Linked records for training (issue 20 §2): the applications a real office sees that refer to
 * each other — importer cards the administration issued (valid, expired, revoked) cited by
 * APIPS requests, a number nobody issued, the same company applying twice, a company rejected
 * for forged documents applying again, one ID number under two names, a master artisan's
 * professional card cited by an apprentice's registration. All in Grand Lomé (the training
 * office, LOM), decided ones carrying the portal's `decision` and `certificate` blocks
 * (docs/portal-api.md). Deterministic from the seed, on a random stream of their own: the
 * ordinary intake is the same with or without them.
 */

export interface LinkedRecordsOptions {
  seed: number;
  procedures: readonly ProcedureDefinition[];
  now: Date;
  /** The next intake sequence (ids and references stay unique in the portal). */
  nextSequence: () => number;
  attachments?: AttachmentPool;
}

/** Certificate numbers of the training history: far above what a training desk will number. */
const FIRST_SEQ = 900_001;

/** What `generateLinkedRecords` planted, for the tests and the trainer's notes. */
export interface LinkedPlan {
  validCard: string;
  expiredCard: string;
  revokedCard: string;
  fakeCard: string;
  masterCard: string;
  apprenticeRegistration: string;
}

export function generateLinkedRecords(options: LinkedRecordsOptions): {
  records: PortalApplication[];
  plan: LinkedPlan;
} {
  const rng = createRandom((options.seed ^ 0x20_2002) >>> 0);
  const pool = options.attachments ?? sharedAttachmentPool;
  const byCode = new Map(options.procedures.map((procedure) => [procedure.code, [procedure]]));
  const nowMs = options.now.getTime();
  const records: PortalApplication[] = [];
  let seq = FIRST_SEQ;

  const dayOf = (daysAgo: number) => new Date(nowMs - daysAgo * MS_PER_DAY);

  function numberFor(procedure: ProcedureDefinition, issuedAt: Date): string {
    const year = issuedAt.getUTCFullYear();
    return `${procedure.certificate.numberPrefix}-${year}-LOM-${String(seq++).padStart(6, '0')}`;
  }

  function certificateFor(
    procedure: ProcedureDefinition,
    issuedAt: Date,
    revoked?: { daysAgo: number; reason: string },
  ): PortalIssuedCertificate {
    const months = procedure.certificate.validityMonths;
    let expiresOn: string | null = null;
    if (months !== null) {
      const end = new Date(issuedAt);
      end.setUTCMonth(end.getUTCMonth() + months);
      end.setUTCDate(end.getUTCDate() - 1);
      expiresOn = end.toISOString().slice(0, 10);
    }
    return {
      number: numberFor(procedure, issuedAt),
      issuedAt: issuedAt.toISOString(),
      expiresOn,
      ...(revoked
        ? { revokedAt: dayOf(revoked.daysAgo).toISOString(), revocationReason: revoked.reason }
        : {}),
    };
  }

  /**
   * One application of `code`, submitted `daysAgo`, in Grand Lomé; `patch` sets what links it.
   * Its own PDFs are written again from the patched record, so they say what it says.
   */
  function make(
    code: string,
    daysAgo: number,
    patch: (record: PortalApplication) => void = () => {},
  ): PortalApplication {
    const procedures = byCode.get(code);
    if (!procedures) throw new Error(`linkedRecords : procédure inconnue ${code}`);
    const procedure = procedures[0] as ProcedureDefinition;
    const record = generateApplication(rng, {
      sequence: options.nextSequence(),
      procedures,
      now: dayOf(daysAgo),
      withinDays: 0.5,
      attachments: pool,
    });
    record.applicant = { ...record.applicant, region: 'Grand Lomé', city: 'Lomé' };
    patch(record);
    record.documents = record.documents.map((document) => {
      if (document.mimeType !== 'application/pdf' || pool.bySha256(document.sha256)) {
        return document;
      }
      const label = procedure.documents.find((candidate) => candidate.code === document.code);
      const body = renderRecordDocument(record, procedure, document.code, label?.label.fr ?? '');
      return { ...document, size: body.size, sha256: body.sha256 };
    });
    records.push(record);
    return record;
  }

  function decide(
    record: PortalApplication,
    daysAgo: number,
    outcome: 'issued' | 'rejected',
    decision: { reasonCodes: string[]; comment?: string },
    certificate?: PortalIssuedCertificate,
  ): void {
    const at = dayOf(daysAgo).toISOString();
    record.status = outcome;
    record.version = 3;
    record.updatedAt = at;
    const portalDecision: PortalDecision = { decidedAt: at, ...decision };
    record.decision = portalDecision;
    if (certificate) record.certificate = certificate;
  }

  const impex = byCode.get('COM-IMPEX')?.[0];
  const cp = byCode.get('ART-CP')?.[0];
  const app = byCode.get('ART-APP')?.[0];
  if (!impex || !cp || !app) throw new Error('linkedRecords : catalogue incomplet');

  // Importer cards the office issued: one valid, one expired, one revoked since.
  const cardHolder = (daysAgo: number, revoked?: { daysAgo: number; reason: string }) => {
    const record = make('COM-IMPEX', daysAgo + 10);
    decide(
      record,
      daysAgo,
      'issued',
      { reasonCodes: [] },
      certificateFor(impex, dayOf(daysAgo), revoked),
    );
    return record;
  };
  const valid = cardHolder(100);
  const expired = cardHolder(420);
  const revoked = cardHolder(200, {
    daysAgo: 30,
    reason: 'Pièces du dossier falsifiées, constaté après délivrance',
  });

  // The same companies ask for import authorisations citing their cards; one cites a card
  // nobody issued; one company asks twice (a possible duplicate).
  const sameCompany = (holder: PortalApplication) => (record: PortalApplication) => {
    record.company = holder.company;
    record.applicant = { ...holder.applicant };
  };
  const citing = (holder: PortalApplication | null, number: string, daysAgo: number) =>
    make('COM-APIPS', daysAgo, (record) => {
      if (holder) sameCompany(holder)(record);
      record.form = { ...record.form, importerCardNumber: number };
    });
  const validCard = valid.certificate!.number;
  const first = citing(valid, validCard, 6);
  citing(expired, expired.certificate!.number, 5);
  citing(revoked, revoked.certificate!.number, 4);
  const fakeCard = `CIE-${options.now.getUTCFullYear()}-LOM-${String(FIRST_SEQ + 500 + rng.int(0, 99)).padStart(6, '0')}`;
  citing(null, fakeCard, 3);
  make('COM-APIPS', 2, (record) => {
    sameCompany(valid)(record);
    record.form = { ...first.form };
  });

  // A company rejected for a forged document three months ago, applying again.
  const forged = make('COM-IMPEX', 100);
  decide(forged, 90, 'rejected', {
    reasonCodes: ['PIECE_FALSIFIEE'],
    comment: "L'extrait RCCM présenté ne correspond pas au registre du greffe.",
  });
  make('COM-IMPEX', 3, sameCompany(forged));

  // One ID number given under two names.
  const holder = make('ART-CP', 8);
  make('ART-CP', 2, (record) => {
    record.applicant = { ...record.applicant, idNumber: holder.applicant.idNumber };
  });

  // A master artisan with a professional card registers an apprentice; an apprentice registered
  // by the office enrols for the CFA examination; the master's phone is on both.
  const master = make('ART-CP', 150);
  decide(master, 140, 'issued', { reasonCodes: [] }, certificateFor(cp, dayOf(140)));
  const masterCard = master.certificate!.number;
  make('ART-APP', 5, (record) => {
    record.applicant = { ...record.applicant, phone: master.applicant.phone };
    record.form = { ...record.form, masterCardNumber: masterCard };
  });
  const apprentice = make('ART-APP', 300);
  decide(apprentice, 290, 'issued', { reasonCodes: [] }, certificateFor(app, dayOf(290)));
  const apprenticeRegistration = apprentice.certificate!.number;
  make('ART-CFA', 4, (record) => {
    const { apprenticeFirstName, apprenticeLastName } = apprentice.form;
    if (typeof apprenticeFirstName === 'string' && typeof apprenticeLastName === 'string') {
      record.applicant = {
        ...record.applicant,
        firstName: apprenticeFirstName,
        lastName: apprenticeLastName,
      };
    }
    record.form = { ...record.form, apprenticeRegistrationNumber: apprenticeRegistration };
  });

  return {
    records,
    plan: {
      validCard,
      expiredCard: expired.certificate!.number,
      revokedCard: revoked.certificate!.number,
      fakeCard,
      masterCard,
      apprenticeRegistration,
    },
  };
}
