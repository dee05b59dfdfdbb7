import { REFUSALS_FR, type RefusalKey } from '../../../shared/api/refusals';

/**
 * The core's refusals (issue 19): French is the shared catalog itself, the reference the core
 * also writes its messages from; English translates the same keys.
 */
export const refusalsFr: Record<RefusalKey, string> = REFUSALS_FR;

export const refusalsEn: Record<RefusalKey, string> = {
  sessionExpired: 'Your session has expired. Sign in again to continue.',
  sessionLocked: 'Session locked after inactivity: type your password to resume.',
  mustChangePassword: 'First choose a new password: your administrator has reset it.',
  roleForbidden: 'Your role does not allow this operation. Ask your supervisor.',
  unknownMethod: 'Unknown operation “{{method}}”.',
  internal:
    'An internal error occurred; nothing was changed. Try again, then report it if it happens again.',
  accountGone: 'This account no longer exists. Reload the list of users.',
  unknownOffice: 'Unknown office “{{office}}”. Choose one of the regional offices: {{known}}.',
  noProcedure: 'Choose at least one procedure, or “All procedures”.',
  unknownProcedures: 'Unknown procedure: {{codes}}. Choose from the catalog’s list.',
  accountOfOtherOffice:
    'This workstation belongs to office {{office}}: an account of another office is created on a workstation of that office.',
  usernameTaken:
    'The username “{{username}}” is already taken. Choose another one (for instance with the initial of a middle name).',
  cannotDeactivateSelf:
    'You cannot deactivate your own account. Ask another administrator to do it.',
  cannotDemoteSelf:
    'You cannot remove your own administrator role. Ask another administrator to do it.',
  lastAdministrator:
    '{{name}} is the last active administrator: Bureau must keep at least one. First appoint another administrator.',
  closesBeforeOpens:
    'The closing time ({{closesAt}}) must come after the opening time ({{opensAt}}). Fix the hours, then save.',
  numberingCode:
    'The numbering code must start with the office code ({{office}}, e.g. {{office}}B for a second workstation) and must not be another office’s: certificate numbers must stay unique.',
  accountNeedsPortal:
    'Creating an account needs the portal: one username per person for the whole office. Reconnect the workstation, then try again.',
  usernameTakenNationally:
    'The username “{{username}}” is already taken in the national directory. Choose another one (for instance with the initial of a middle name).',
  accountPortalBusy: 'The portal could not create the account for now: try again in a few minutes.',
  accountAnswerUnreadable:
    'The portal’s answer to the account creation is unreadable: try again; if the account then appears, it was created.',
  holidayWrongYear:
    '{{day}} (“{{label}}”) is not in {{year}}. Save it with the holidays of its year.',
  holidayTwice:
    '{{day}} appears twice. Keep one row per date (join the labels if two feasts fall on the same day).',
};
