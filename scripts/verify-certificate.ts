/**
 * Standalone certificate verifier: needs only the issuing office's public key (exported from
 * Bureau, `certificates.publicKeys`), no database and no network.
 *
 *   npx tsx scripts/verify-certificate.ts --public-key LOM.pem "BUR1.…"
 *   npx tsx scripts/verify-certificate.ts --public-key LOM.pem --pdf certificat.pdf
 *   echo "BUR1.…" | npx tsx scripts/verify-certificate.ts --public-key LOM.pem -
 *
 * Options: --public-key <file> (repeatable), --pdf <file>, --today YYYY-MM-DD (expiry check).
 * Prints the verdict and the certified facts in French. Exit code 0 when authentic, 1 otherwise,
 * 2 on a usage error. Revocations are recorded in Bureau: offline, this script cannot see them.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VerificationVerdict } from '../src/shared/api/certificateTypes';
import { frenchDate, isoDay } from '../src/main/core/certificates/frenchFormat';
import { keyIdMatches } from '../src/main/core/certificates/qrPayload';
import {
  verifyPdf,
  verifyQrText,
  type VerificationSources,
} from '../src/main/core/certificates/verifyCertificate';

const VERDICTS: Record<VerificationVerdict, string> = {
  authentic: 'AUTHENTIQUE',
  forged: 'FALSIFIÉ',
  revoked: 'RÉVOQUÉ',
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
  let pdf: string | null = null;
  let today: string | null = null;
  let text: string | null = null;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = () => argv[++index] ?? usage(`Valeur manquante après ${argument}.`);
    if (argument === '--public-key') keys.push(value());
    else if (argument === '--pdf') pdf = value();
    else if (argument === '--today') today = value();
    else if (argument === '-') text = readFileSync(0, 'utf8');
    else if (argument.startsWith('--')) usage(`Option inconnue : ${argument}`);
    else text = argument;
  }
  if (keys.length === 0) usage('Indiquez au moins une clé publique (--public-key).');
  if ((text === null) === (pdf === null)) usage('Donnez soit le texte du QR code, soit --pdf.');
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) usage('--today attend AAAA-MM-JJ.');
  return { keys, pdf, today, text };
}

const options = parseArguments(process.argv.slice(2));
const publicKeys: KeyObject[] = options.keys.map((file) => {
  try {
    return createPublicKey(readFileSync(file, 'utf8'));
  } catch (error) {
    return usage(`Clé publique illisible « ${file} » : ${(error as Error).message}`);
  }
});

const sources: VerificationSources = {
  // A key id names its key by fingerprint: the key given must be the one that signed.
  publicKey: (keyId) => publicKeys.find((key) => keyIdMatches(keyId, key)) ?? null,
  revocation: () => null,
  today: options.today ?? isoDay(new Date()),
};

const result =
  options.pdf !== null
    ? verifyPdf(readFileSync(options.pdf), sources)
    : verifyQrText(options.text!.trim(), sources);

const lines = [`Verdict : ${VERDICTS[result.verdict]}`, result.message];
if (result.facts) {
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
    '',
    'Note : une révocation éventuelle est enregistrée dans Bureau ; ce vérificateur hors ligne ne peut pas la voir.',
  );
}
console.log(lines.join('\n'));
process.exit(result.verdict === 'authentic' ? 0 : 1);
