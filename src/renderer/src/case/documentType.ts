import type { PortalDocument } from '../../../shared/portal/portalApplication';

export const DOCUMENT_TYPE_LABELS: Record<PortalDocument['mimeType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
