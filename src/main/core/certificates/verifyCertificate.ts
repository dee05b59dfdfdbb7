import type { KeyObject } from 'node:crypto';
import type {
  CertificateFacts,
  VerificationResult,
  VerificationVerdict,
} from '../../../shared/api/certificateTypes';
import { frenchDate } from './frenchFormat';
import { extractQrTextFromPdf } from './pdfPayload';
import { parseQrText, signatureValid } from './qrPayload';
import { parseLetterQrText, type LetterFacts } from '../letters/letterQrPayload';

/**
 * The verdict on a QR text, in this order: unreadable → signed by a key this installation does
 * not know → signature wrong (edited or forged) → key revoked as compromised → revoked (here or
 * by its desk, through the registry) → cancelled by the registry → past its last valid day →
 * authentic. Facts are returned only once the signature holds: what a forged code claims is
 * never shown as if it were true.
 *
 * A training certificate (its signed payload carries « SPÉCIMEN — FORMATION ») is never
 * authentic: where a real one would be, it is a `specimen`; revoked, cancelled or expired, it
 * says so as a real one would (trainees practise those too), and every message then opens with
 * « Certificat de formation (SPÉCIMEN) : sans valeur officielle. ».
 */

export interface VerificationSources {
  publicKey(keyId: string): KeyObject | null;
  /** The registry's revocation of a key (a `compromised` key no longer vouches for anything). */
  keyRevocation?(keyId: string): { reason: 'retired' | 'compromised'; revokedAt: string } | null;
  revocation(number: string): { revokedAt: string; reason: string } | null;
  /** A certificate the portal's registry recorded as cancelled (design multi-desk §7). */
  cancellation?(number: string): { cancelledAt: string; replacedBy: string | null } | null;
  /** Today's date (YYYY-MM-DD) for the expiry check. */
  today: string;
}

/** How every verifier (this screen, the standalone script) names a training certificate. */
export const SPECIMEN_MESSAGE = 'Certificat de formation (SPÉCIMEN) : sans valeur officielle.';

const result = (
  verdict: VerificationVerdict,
  message: string,
  facts: CertificateFacts | null = null,
  revocation: { revokedAt: string; reason: string } | null = null,
): VerificationResult => ({
  verdict,
  message,
  facts,
  revokedAt: revocation?.revokedAt ?? null,
  revocationReason: revocation?.reason ?? null,
});

/** How a verifier names each decision letter. */
const LETTER_TITLES: Record<LetterFacts['kind'], string> = {
  rejection: 'Notification de rejet',
  info_request: 'Demande de pièces complémentaires',
  approval: 'Notification d’approbation',
};

/** A letter's facts in the certificates' shape: the addressee as holder, the rest as key facts. */
function letterAsFacts(facts: LetterFacts): CertificateFacts {
  return {
    number: facts.number,
    procedureCode: facts.procedureCode,
    holder: facts.addressee,
    keyFacts: {
      Courrier: LETTER_TITLES[facts.kind],
      Demande: facts.reference,
      ...(facts.answerBy ? { 'Réponse attendue avant le': frenchDate(facts.answerBy) } : {}),
    },
    issuedOn: facts.issuedOn,
    expiresOn: null,
    officeCode: facts.officeCode,
    keyId: facts.keyId,
    ...(facts.training ? { training: true as const } : {}),
  };
}

/**
 * A decision letter's QR text (`BUL1.…`, see letters/letterQrPayload.ts): unknown key → forged →
 * key revoked as compromised → authentic; a training letter is a specimen. Letters are neither
 * revoked nor cancelled nor expire: a notified decision stays what it was.
 */
function verifyLetter(text: string, sources: VerificationSources): VerificationResult | null {
  const parsed = parseLetterQrText(text);
  if (!parsed) return null;
  const facts = letterAsFacts(parsed.facts);
  const title = LETTER_TITLES[parsed.facts.kind];
  const publicKey = sources.publicKey(facts.keyId);
  if (!publicKey) {
    return result(
      'unknown_key',
      `Clé inconnue : ce courrier se dit signé par le bureau ${facts.officeCode} avec la clé ${facts.keyId}, que ce poste ne connaît pas. Importez la clé publique de ce bureau ou faites vérifier le courrier par le bureau émetteur.`,
    );
  }
  if (!signatureValid(parsed, publicKey)) {
    return result(
      'forged',
      'Falsifié : la signature ne correspond pas au contenu du QR code. Le courrier a été modifié ou contrefait ; ne l’acceptez pas et signalez-le au bureau émetteur.',
    );
  }
  const keyRevocation = sources.keyRevocation?.(facts.keyId) ?? null;
  if (keyRevocation?.reason === 'compromised') {
    return result(
      'key_revoked',
      `Clé révoquée le ${frenchDate(keyRevocation.revokedAt.slice(0, 10))} (compromise) : faites confirmer ce courrier par le bureau émetteur.`,
      facts,
    );
  }
  if (facts.training) {
    return result(
      'specimen',
      `${SPECIMEN_MESSAGE.replace('Certificat', 'Courrier')} Le courrier n° ${facts.number} a été émis en « Mode formation » et porte la mention signée SPÉCIMEN — FORMATION : il ne notifie aucune décision.`,
      facts,
    );
  }
  return result(
    'authentic',
    `Authentique : courrier « ${title} » n° ${facts.number} du ${frenchDate(facts.issuedOn)} (demande ${parsed.facts.reference}), signé par le bureau ${facts.officeCode} ; son contenu n’a pas été modifié.`,
    facts,
  );
}

export function verifyQrText(text: string, sources: VerificationSources): VerificationResult {
  const letter = verifyLetter(text, sources);
  if (letter) return letter;
  const verdict = verdictOf(text, sources);
  if (!verdict.facts?.training) return verdict;
  if (verdict.verdict === 'authentic') {
    return {
      ...verdict,
      verdict: 'specimen',
      message: `${SPECIMEN_MESSAGE} Le certificat n° ${verdict.facts.number} a été délivré en « Mode formation » et porte la mention signée SPÉCIMEN — FORMATION : il ne prouve rien, ne l’acceptez pas comme un certificat.`,
    };
  }
  return { ...verdict, message: `${SPECIMEN_MESSAGE} ${verdict.message}` };
}

function verdictOf(text: string, sources: VerificationSources): VerificationResult {
  const parsed = parseQrText(text);
  if (!parsed) {
    return result(
      'unreadable',
      "Ce texte n'est pas le contenu d'un QR code de certificat ou de courrier Bureau. Vérifiez qu'il a été copié en entier, ou scannez le document à nouveau.",
    );
  }
  const { facts } = parsed;
  const publicKey = sources.publicKey(facts.keyId);
  if (!publicKey) {
    return result(
      'unknown_key',
      `Clé inconnue : ce certificat se dit signé par le bureau ${facts.officeCode} avec la clé ${facts.keyId}, que ce poste ne connaît pas. Importez la clé publique de ce bureau ou faites vérifier le document par le bureau émetteur.`,
    );
  }
  if (!signatureValid(parsed, publicKey)) {
    return result(
      'forged',
      'Falsifié : la signature ne correspond pas au contenu du QR code. Le certificat a été modifié ou contrefait ; ne l’acceptez pas et signalez-le au bureau émetteur.',
    );
  }
  const keyRevocation = sources.keyRevocation?.(facts.keyId) ?? null;
  if (keyRevocation?.reason === 'compromised') {
    return result(
      'key_revoked',
      `Clé révoquée le ${frenchDate(keyRevocation.revokedAt.slice(0, 10))} (compromise) : faites confirmer ce certificat par le bureau émetteur.`,
      facts,
    );
  }
  const revocation = sources.revocation(facts.number);
  if (revocation) {
    return result(
      'revoked',
      `Révoqué : ce certificat authentique a été révoqué le ${frenchDate(revocation.revokedAt.slice(0, 10))} (motif : ${revocation.reason}). Il n’est plus valable.`,
      facts,
      revocation,
    );
  }
  const cancellation = sources.cancellation?.(facts.number) ?? null;
  if (cancellation) {
    return result(
      'cancelled',
      `Annulé : ce certificat authentique a été annulé le ${frenchDate(cancellation.cancelledAt.slice(0, 10))}${
        cancellation.replacedBy
          ? ` ; le certificat valable pour cette demande est ${cancellation.replacedBy}`
          : ''
      }. Il n’est plus valable.`,
      facts,
    );
  }
  if (facts.expiresOn && facts.expiresOn < sources.today) {
    return result(
      'expired',
      `Expiré : ce certificat authentique n’est plus valable depuis le ${frenchDate(facts.expiresOn)} (dernier jour de validité).`,
      facts,
    );
  }
  return result(
    'authentic',
    `Authentique : la signature du bureau ${facts.officeCode} est valide et le contenu n’a pas été modifié. ${
      facts.expiresOn
        ? `Valable jusqu’au ${frenchDate(facts.expiresOn)}.`
        : 'Sans limitation de durée.'
    }`,
    facts,
  );
}

/** Verdicts from the most to the least reassuring, to pick among several candidates. */
const RANK: VerificationVerdict[] = [
  'authentic',
  'expired',
  'cancelled',
  'revoked',
  'key_revoked',
  'specimen',
  'unknown_key',
  'forged',
  'unreadable',
];

export function verifyPdf(pdf: Buffer, sources: VerificationSources): VerificationResult {
  const texts = extractQrTextFromPdf(pdf);
  if (texts.length === 0) {
    return result(
      'unreadable',
      "Aucun QR code de certificat Bureau n'a été trouvé dans ce fichier. Choisissez le PDF du certificat tel qu'il a été délivré, ou collez le texte du QR code.",
    );
  }
  return texts
    .map((text) => verifyQrText(text, sources))
    .sort((a, b) => RANK.indexOf(a.verdict) - RANK.indexOf(b.verdict))[0]!;
}
