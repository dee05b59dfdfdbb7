import type { KeyBundle } from '../../../shared/api/certificateTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { DomainError } from '../api/domainError';
import type { CoreServices } from '../coreServices';
import { createCertificateActions } from './certificateActions';
import { createCertificateFiles } from './certificateFiles';
import { renderCertificatePdf } from './certificatePdf';
import { createCertificateQueries } from './certificateQueries';
import { createCertificateRecovery } from './certificateRecovery';
import { createCertificateStore, toSummary } from './certificateStore';
import { isoDay } from './frenchFormat';
import { createCertificateIssuer } from './issueCertificate';
import type { CertificateTemplates } from './loadTemplates';
import { issuedFilesOnDisk, raiseCountersToIssuedFiles } from './counterReconciliation';
import { createNextNumberPreview } from './nextNumber';
import { createNumbering } from './numbering';
import { loadFonts } from './pdfFonts';
import { verifyPdf, verifyQrText, type VerificationSources } from './verifyCertificate';

type CertificateHandlerNames =
  | 'certificates.keyBundle'
  | 'certificates.issue'
  | 'certificates.forCase'
  | 'certificates.list'
  | 'certificates.file'
  | 'certificates.reprint'
  | 'certificates.revoke'
  | 'certificates.verify'
  | 'certificates.publicKeys'
  | 'certificates.nextNumber';

function userOf(context: CallContext): CurrentUser {
  // The dispatcher already refused anonymous calls to staff methods; this narrows the type.
  if (!context.user) throw new DomainError('unauthenticated', 'Session expirée.');
  return context.user;
}

/**
 * The certificates API (issue 6). At creation it makes sure every office with active case
 * workers has its signing key, and completes the PDFs a crash left unwritten.
 */
export function createCertificateHandlers(
  services: CoreServices,
  options: {
    templates: CertificateTemplates;
    /** See createCertificateIssuer. */
    numberingCodeOf?: (officeCode: string) => string;
    /** The reverse: the office whose sequence a number's office part belongs to. */
    officeOfNumberingCode?: (code: string) => string;
    /** A training installation: its certificates are specimens (see createCertificateIssuer). */
    training?: boolean;
  },
): Pick<Handlers, CertificateHandlerNames> {
  // Every change to a case (issuing, revoking, reprinting) goes through services.writer.
  const deps = { ...services, ...options, changed: services.caseChanged };
  const { db, clock, log } = deps;
  const fonts = loadFonts(deps.resourcesDir);
  const store = createCertificateStore(db, deps.dataDir);
  const { keys } = services;
  const recovery = createCertificateRecovery({
    db,
    store,
    audit: deps.audit,
    clock,
    render: (document) => renderCertificatePdf(document, fonts),
    log,
  });
  const issuer = createCertificateIssuer({
    ...deps,
    keys,
    numbering: createNumbering(db),
    blocks: services.numberBlocks,
    deskId: services.deskId,
    store,
    render: (document) => renderCertificatePdf(document, fonts),
  });
  const actions = createCertificateActions({
    ...deps,
    store,
    render: (document, duplicate) => renderCertificatePdf(document, fonts, duplicate),
  });
  const openFile = createCertificateFiles({ store, recovery, audit: deps.audit, clock, log });
  const queries = createCertificateQueries(db);
  const nextNumberOf = createNextNumberPreview({ ...deps, deskId: services.deskId });

  const activeOffices = db
    .prepare(
      "SELECT DISTINCT office_code FROM users WHERE active = 1 AND role IN ('agent', 'superviseur') ORDER BY office_code",
    )
    .pluck()
    .all() as string[];
  for (const office of activeOffices) keys.officeKey(office, clock.now().toISOString());
  recovery.run();
  const raised = raiseCountersToIssuedFiles({
    ...deps,
    officeOfNumberingCode: deps.officeOfNumberingCode ?? ((code) => code),
  });
  if (raised.length > 0)
    log(`certificate counters raised after a restore: ${JSON.stringify(raised)}`);
  // The same for the blocks of an enrolled desk (design multi-desk §4.4, layer 1).
  services.numberBlocks.raiseAboveIssued(issuedFilesOnDisk(deps.dataDir, deps.catalog));

  const revokedHere = db.prepare<
    [],
    { number: string; revoked_at: string; revocation_reason: string | null }
  >(
    "SELECT number, revoked_at, revocation_reason FROM certificates WHERE status = 'revoked' ORDER BY number",
  );
  const sources = (): VerificationSources => ({
    publicKey: (keyId) => keys.publicKey(keyId),
    keyRevocation: (keyId) => keys.revocation(keyId),
    revocation(number) {
      const row = store.byNumber(number);
      if (row?.status === 'revoked' && row.revoked_at && row.revocation_reason) {
        return { revokedAt: row.revoked_at, reason: row.revocation_reason };
      }
      // Another desk's certificate, revoked there: the registry says so.
      const mark = services.registryMarks.of(number);
      return mark?.status === 'revoked'
        ? { revokedAt: mark.at, reason: mark.reason ?? 'motif non communiqué' }
        : null;
    },
    cancellation(number) {
      const own = store.byNumber(number);
      if (own?.cancelled_at && own.cancellation_json) {
        const why = JSON.parse(own.cancellation_json) as { replacedBy?: string | null };
        return { cancelledAt: own.cancelled_at, replacedBy: why.replacedBy ?? null };
      }
      const mark = services.registryMarks.of(number);
      return mark?.status === 'cancelled'
        ? { cancelledAt: mark.at, replacedBy: mark.replacedBy }
        : null;
    },
    today: isoDay(clock.now()),
  });

  const summaryOf = (id: string) => {
    const row = store.get(id);
    if (!row)
      throw new DomainError('not_found', "Ce certificat n'existe pas dans ce poste Bureau.");
    return toSummary(row);
  };

  return {
    'certificates.issue': ({ caseId }, context) => {
      recovery.completePending();
      const id = issuer.issue(caseId, userOf(context), log);
      deps.changed(caseId);
      return summaryOf(id);
    },
    'certificates.forCase': ({ caseId }) => store.forApplication(caseId).map(toSummary),
    'certificates.list': (input) => queries.list(input),
    'certificates.file': ({ id }) => openFile(id),
    'certificates.reprint': ({ id }, context) => {
      const { row, pdf } = actions.reprint(id, userOf(context));
      deps.changed(row.application_id);
      return {
        certificateId: row.id,
        fileName: `${row.number}-duplicata.pdf`,
        base64: pdf.toString('base64'),
        duplicate: true,
      };
    },
    'certificates.revoke': ({ id, reason }, context) => {
      const row = actions.revoke(id, reason, userOf(context));
      deps.changed(row.application_id);
      return toSummary(row);
    },
    'certificates.verify': ({ qrText, pdfBase64 }) =>
      qrText
        ? verifyQrText(qrText, sources())
        : verifyPdf(Buffer.from(pdfBase64 ?? '', 'base64'), sources()),
    'certificates.publicKeys': () => keys.list(),
    'certificates.nextNumber': (_input, context) => nextNumberOf(userOf(context).officeCode),
    'certificates.keyBundle': (_input, context) => {
      const user = userOf(context);
      const own = revokedHere.all().map((row) => ({
        number: row.number,
        status: 'revoked' as const,
        at: row.revoked_at,
        reason: row.revocation_reason,
        replacedBy: null,
      }));
      const ownNumbers = new Set(own.map((item) => item.number));
      const others = services.registryMarks
        .list()
        .filter((mark) => !ownNumbers.has(mark.number))
        .map((mark) => ({
          number: mark.number,
          status: mark.status as 'revoked' | 'cancelled',
          at: mark.at,
          reason: mark.reason,
          replacedBy: mark.replaced_by,
        }));
      const bundle: KeyBundle = {
        format: 'bureau-keys/1',
        exportedAt: clock.now().toISOString(),
        source: services.accounts.deskLabel(),
        keys: keys.registry(),
        certificates: [...own, ...others],
      };
      deps.audit.append({
        at: bundle.exportedAt,
        actorId: user.id,
        officeCode: user.officeCode,
        action: 'certificates.keys_exported',
        entityType: 'certificate',
        entityId: null,
        summary: { keys: bundle.keys.length, certificates: bundle.certificates.length },
      });
      return bundle;
    },
  };
}
