/**
 * Standalone certificate verifier — decision letters too (their `BUL1.…` QR codes, issue 20 §1):
 * needs only public keys — the issuing office's key (exported
 * from Bureau, `certificates.publicKeys`) or a key bundle (« Exporter les clés » on any desk, or
 * the portal's `GET /api/v2/registry/bundle`) — no database and no network.
 *
 *   npx tsx scripts/verify-certificate.ts --bundle bureau-cles.json "BUR1.…"
 *   npx tsx scripts/verify-certificate.ts --public-key LOM.pem --pdf certificat.pdf
 *   echo "BUR1.…" | npx tsx scripts/verify-certificate.ts --public-key LOM.pem -
 *
 * Options: --bundle <file>, --public-key <file> (repeatable), --pdf <file>, --today YYYY-MM-DD.
 * Prints the verdict and the certified facts in French. Exit code 0 when authentic, 1 otherwise
 * (a training certificate, marked SPÉCIMEN — FORMATION in its signed payload, included), 2 on a
 * usage error. A bundle carries the revocations and cancellations known when it was
 * exported (its date is printed); a bare public key carries none.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VerificationVerdict } from '../src/shared/api/certificateTypes';
import { frenchDate, isoDay } from '../src/main/core/certificates/frenchFormat';
import { keyIdMatches } from '../src/main/core/certificates/qrPayload';
import { LETTER_NUMBER_PATTERN } from '../src/main/core/letters/letterQrPayload';
import { bundleSources, keyBundleSchema } from '../src/main/core/certificates/keyBundle';
import {
  verifyPdf,
  verifyQrText,
  type VerificationSources,
} from '../src/main/core/certificates/verifyCertificate';

const VERDICTS: Record<VerificationVerdict, string> = {
  authentic: 'AUTHENTIQUE',
  specimen: 'SPÉCIMEN — FORMATION (sans valeur officielle)',
  forged: 'FALSIFIÉ',
  revoked: 'RÉVOQUÉ',
  cancelled: 'ANNULÉ',
  key_revoked: 'CLÉ RÉVOQUÉE',
  expired: 'EXPIRÉ',
  unknown_key: 'CLÉ INCONNUE',
  unreadable: 'ILLISIBLE',
};

function usage(message: string): never {
  console.error(`${message}

Usage : npx tsx scripts/verify-certificate.ts --public-key <clé.pem> [--today AAAA-MM-JJ] ("<texte du QR code>" | --pdf <certificat.pdf> | -)`);
  process.exit(2);
}

function parseArguments(argv: string[]) {
  const keys: string[] = [];
  let bundle: string | null = null;
  let pdf: string | null = null;
  let today: string | null = null;
  let text: string | null = null;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = () => argv[++index] ?? usage(`Valeur manquante après ${argument}.`);
    if (argument === '--public-key') keys.push(value());
    else if (argument === '--bundle') bundle = value();
    else if (argument === '--pdf') pdf = value();
    else if (argument === '--today') today = value();
    else if (argument === '-') text = readFileSync(0, 'utf8');
    else if (argument.startsWith('--')) usage(`Option inconnue : ${argument}`);
    else text = argument;
  }
  if (keys.length === 0 && bundle === null) {
    usage('Indiquez un lot de clés (--bundle) ou au moins une clé publique (--public-key).');
  }
  if ((text === null) === (pdf === null)) usage('Donnez soit le texte du QR code, soit --pdf.');
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) usage('--today attend AAAA-MM-JJ.');
  return { keys, bundle, pdf, today, text };
}

const options = parseArguments(process.argv.slice(2));
const publicKeys: KeyObject[] = options.keys.map((file) => {
  try {
    return createPublicKey(readFileSync(file, 'utf8'));
  } catch (error) {
    return usage(`Clé publique illisible « ${file} » : ${(error as Error).message}`);
  }
});

const today = options.today ?? isoDay(new Date());
const bundle = (() => {
  if (options.bundle === null) return null;
  try {
    const parsed = keyBundleSchema.safeParse(JSON.parse(readFileSync(options.bundle, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return usage(
        `Lot de clés illisible « ${options.bundle} » (${issue?.path.join('.') ?? '?'} : ${issue?.message ?? 'format inattendu'}).`,
      );
    }
    return parsed.data;
  } catch (error) {
    return usage(`Lot de clés illisible « ${options.bundle} » : ${(error as Error).message}`);
  }
})();
const fromBundle = bundle ? bundleSources(bundle, today) : null;
const sources: VerificationSources = {
  // A key id names its key by fingerprint: the key given must be the one that signed.
  publicKey: (keyId) =>
    publicKeys.find((key) => keyIdMatches(keyId, key)) ?? fromBundle?.publicKey(keyId) ?? null,
  keyRevocation: (keyId) => fromBundle?.keyRevocation?.(keyId) ?? null,
  revocation: (number) => fromBundle?.revocation(number) ?? null,
  cancellation: (number) => fromBundle?.cancellation?.(number) ?? null,
  today,
};

const result =
  options.pdf !== null
    ? verifyPdf(readFileSync(options.pdf), sources)
    : verifyQrText(options.text!.trim(), sources);

const lines = [`Verdict : ${VERDICTS[result.verdict]}`, result.message];
if (result.facts && LETTER_NUMBER_PATTERN.test(result.facts.number)) {
  // A decision letter (issue 20 §1): an addressee and a date, no validity.
  const facts = result.facts;
  lines.push(
    '',
    `Numéro : ${facts.number}`,
    `Procédure : ${facts.procedureCode}`,
    `Destinataire : ${facts.holder}`,
    ...Object.entries(facts.keyFacts).map(([label, value]) => `${label} : ${value}`),
    `Émis le : ${frenchDate(facts.issuedOn)}`,
    `Bureau émetteur : ${facts.officeCode} (clé ${facts.keyId})`,
    ...(facts.training
      ? ['Mention signée : SPÉCIMEN — FORMATION (courrier de formation, sans valeur officielle)']
      : []),
  );
} else if (result.facts) {
  const facts = result.facts;
  lines.push(
    '',
    `Numéro : ${facts.number}`,
    `Procédure : ${facts.procedureCode}`,
    `Titulaire : ${facts.holder}`,
    ...Object.entries(facts.keyFacts).map(([label, value]) => `${label} : ${value}`),
    `Délivré le : ${frenchDate(facts.issuedOn)}`,
    `Valable jusqu’au : ${facts.expiresOn ? frenchDate(facts.expiresOn) : 'sans limitation de durée'}`,
    `Bureau émetteur : ${facts.officeCode} (clé ${facts.keyId})`,
    ...(facts.training
      ? ['Mention signée : SPÉCIMEN — FORMATION (certificat de formation, sans valeur officielle)']
      : []),
  );
}
lines.push(
  '',
  bundle
    ? `Révocations et annulations : liste à jour au ${frenchDate(bundle.exportedAt.slice(0, 10))} (${bundle.source}) ; une révocation plus récente n'y figure pas.`
    : 'Note : une révocation éventuelle est enregistrée dans Bureau ; sans lot de clés (--bundle), ce vérificateur hors ligne ne peut pas la voir.',
);
console.log(lines.join('\n'));
process.exit(result.verdict === 'authentic' ? 0 : 1);
