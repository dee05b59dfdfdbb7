import { useTranslation } from 'react-i18next';
import { PORTAL_EVENT_KINDS, type PortalEventKind } from '../../../shared/portal/portalEventKinds';

/** The French (or English) name of an action sent to the portal; an unknown kind as it is. */
export function useActionLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) =>
    (PORTAL_EVENT_KINDS as readonly string[]).includes(kind)
      ? t(`case.conflict.kinds.${kind as PortalEventKind}`)
      : kind;
}
