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
import { raiseCountersToIssuedFiles } from './counterReconciliation';
import { createNumbering } from './numbering';
import { loadFonts } from './pdfFonts';
import { createSigningKeys } from './signingKeys';
import { verifyPdf, verifyQrText, type VerificationSources } from './verifyCertificate';

type CertificateHandlerNames =
  | 'certificates.issue'
  | 'certificates.forCase'
  | 'certificates.list'
  | 'certificates.file'
  | 'certificates.reprint'
  | 'certificates.revoke'
  | 'certificates.verify'
  | 'certificates.publicKeys';

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
  },
): Pick<Handlers, CertificateHandlerNames> {
  // Every change to a case (issuing, revoking, reprinting) goes through services.writer.
  const deps = { ...services, ...options, changed: services.caseChanged };
  const { db, clock, log } = deps;
  const fonts = loadFonts(deps.resourcesDir);
  const store = createCertificateStore(db, deps.dataDir);
  const keys = createSigningKeys(db, deps.dataDir);
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

  const sources = (): VerificationSources => ({
    publicKey: (keyId) => keys.publicKey(keyId),
    revocation(number) {
      const row = store.byNumber(number);
      return row?.status === 'revoked' && row.revoked_at && row.revocation_reason
        ? { revokedAt: row.revoked_at, reason: row.revocation_reason }
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
  };
}
