import type {
  LocalizedText,
  ProcedureDefinition,
} from '../../../../shared/catalog/procedureSchema';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';

type Requirement = ProcedureDefinition['documents'][number];

/** What the procedure calls this piece (« Extrait RCCM »…), else the applicant's file name. */
export function documentLabel(
  attachment: PortalDocument,
  procedure: ProcedureDefinition,
  language: keyof LocalizedText,
): string {
  const requirement = procedure.documents.find((entry) => entry.code === attachment.code);
  return requirement?.label[language] ?? attachment.fileName;
}

/** Required pieces of the procedure that the case has no file for. */
export function missingRequired(
  documents: readonly PortalDocument[],
  procedure: ProcedureDefinition,
): Requirement[] {
  const present = new Set(documents.map((attachment) => attachment.code));
  return procedure.documents.filter((entry) => entry.required && !present.has(entry.code));
}

/** The piece shown first: one that came with the applicant's reply, else the first one. */
export function initialSelection(
  documents: readonly PortalDocument[],
  highlightIds: readonly string[],
): string | null {
  const highlighted = documents.find((attachment) => highlightIds.includes(attachment.id));
  return (highlighted ?? documents[0])?.id ?? null;
}
