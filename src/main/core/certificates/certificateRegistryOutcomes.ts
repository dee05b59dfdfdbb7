import type { Clock } from '../clock';
import { PortalResponseError } from '../sync/portalClient';
import type { OutboxRow } from '../sync/outbox';
import type { CertificateStore } from './certificateStore';

/**
 * What the portal's certificate registry said of a `certificate.issued` this desk sent (design
 * multi-desk §3.6, §7): accepted → registered; refused → the certificate is « annulé » (kept,
 * listed, its QR verifies as cancelled) and the case's conflict says in one French sentence what
 * happened and what to do.
 */

const REGISTRY_REFUSALS = new Set([
  'certificate_exists',
  'certificate_number_taken',
  'number_not_reserved',
  'key_unknown',
  'key_revoked',
]);

function sentence(code: string, number: string, replacedBy: string | null): string {
  switch (code) {
    case 'certificate_exists':
      return `Un autre poste a délivré ${replacedBy ?? 'un certificat'} pour cette demande : votre certificat ${number} est annulé. Si l'exemplaire a été remis, appelez le demandeur pour l'échanger, puis gardez la version du portail.`;
    case 'certificate_number_taken':
      return `Le numéro ${number} était déjà attribué : ce certificat est annulé. Gardez la version du portail, puis délivrez-en un nouveau (un autre numéro sera pris).`;
    case 'number_not_reserved':
      return `Le numéro ${number} n'est pas dans un bloc réservé à ce poste (base restaurée ?) : ce certificat est annulé. Gardez la version du portail, puis délivrez-en un nouveau.`;
    default:
      return `Le portail ne reconnaît pas la clé qui a signé ${number} : ce certificat est annulé. Un administrateur doit faire inscrire la clé du poste ; ensuite, gardez la version du portail et délivrez-en un nouveau.`;
  }
}

interface IssuedPayload {
  number?: unknown;
}

export function createCertificateRegistryOutcomes(deps: { store: CertificateStore; clock: Clock }) {
  const numberOf = (action: OutboxRow): string | null => {
    if (action.kind !== 'certificate.issued') return null;
    const number = (action.payload as IssuedPayload).number;
    return typeof number === 'string' ? number : null;
  };
  return {
    /** « Garder la version du portail » cancelled these certificates' unsent issue. */
    cancelUnsent(numbers: readonly string[], at: string): void {
      for (const number of numbers) {
        deps.store.cancel(number, at, {
          code: 'issue_cancelled',
          message: `Le portail n'a jamais reçu le certificat ${number} : la version du portail a été gardée pour ce dossier, ce certificat est donc annulé. S'il a été remis, appelez le demandeur.`,
          replacedBy: null,
        });
      }
    },
    onDelivered(action: OutboxRow): void {
      const number = numberOf(action);
      if (number) deps.store.markRegistered(number);
    },
    onRefused(action: OutboxRow, error: unknown): string | null {
      const number = numberOf(action);
      if (!number || !(error instanceof PortalResponseError)) return null;
      if (!error.code || !REGISTRY_REFUSALS.has(error.code)) return null;
      const existing = (error.details?.['existing'] as { number?: unknown } | undefined)?.number;
      const replacedBy = typeof existing === 'string' ? existing.slice(0, 40) : null;
      const message = sentence(error.code, number, replacedBy);
      deps.store.cancel(number, deps.clock.now().toISOString(), {
        code: error.code,
        message,
        replacedBy,
      });
      return message;
    },
  };
}
