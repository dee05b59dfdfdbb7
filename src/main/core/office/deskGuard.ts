import type { DeskFileStore } from './deskFile';
import type { DeskRegistry } from './deskRegistry';

/**
 * A desk is never cloned by copying files (design multi-desk §3.2): an enrolled database whose
 * desk id is not the one of `desk/desk.json` beside it came from another PC (or lost its file),
 * and must not speak to the portal in that desk's name. It keeps working locally.
 */
export function copiedDatabaseReason(
  registry: DeskRegistry,
  deskFile: DeskFileStore,
): string | null {
  const desk = registry.identity();
  if (desk.mode !== 'office') return null;
  const file = deskFile.read();
  if (file && file.deskId === desk.deskId && file.officeCode === desk.officeCode) return null;
  return `Cette base provient du poste ${desk.deskId ?? '?'}, mais ce poste ${
    file ? `est inscrit comme ${file.deskId}` : "n'a pas son fichier d'inscription"
  } : la synchronisation est arrêtée pour ne pas parler au nom d'un autre poste. Un administrateur doit retirer l'ancien poste et inscrire celui-ci avec un code.`;
}
