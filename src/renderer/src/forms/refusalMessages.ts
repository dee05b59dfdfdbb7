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
  enrollmentCodeUnknown:
    'Unknown enrollment code for office {{office}}: check it or ask an administrator for a new one.',
  enrollmentCodeExpired: 'This code has expired (valid 30 minutes): ask for a new one.',
  enrollmentCodeUsed: 'This code has already been used: ask for a new one.',
  officeHasDesks:
    'Office {{office}} already has workstations: ask an administrator of the office for an enrollment code.',
  enrollmentRateLimited:
    'Too many wrong codes for this office: wait a quarter of an hour before trying again.',
  enrollmentNeedsPortal:
    'The portal does not answer: enrolling a workstation needs the connection. Try again once the workstation is online.',
  enrollmentAnswerUnreadable:
    'The portal’s answer to the enrollment is unreadable: nothing was changed on this workstation. Try again later.',
  enrollmentInTraining: 'In training mode, the workstation is enrolled in no real office.',
  deskAlreadyEnrolled: 'This workstation is already enrolled: {{desk}} of office {{office}}.',
  portalV1Only:
    'The configured portal only knows API v1: working on several workstations is unavailable, this workstation works alone — ask the ministry for API v2 or the hub.',
  deskHasAccounts:
    'This workstation already has accounts: an administrator must attach it from “Workstations”.',
  deskNotEnrolled:
    'This workstation is enrolled in no office: first make it the office’s first workstation.',
  notInRecovery:
    'Bureau is running normally: recovery only serves after a start on a damaged database.',
  cannotRestart:
    'This workstation cannot restart Bureau by itself: close Bureau, then start it again.',
  backupMissing: 'This backup cannot be found or is incomplete.',
  backupAltered:
    'This backup was modified or damaged since it was written (different SHA-256 hash). Choose another one.',
  backupFailsCheck: 'This backup fails SQLite’s check ({{detail}}). Choose another one.',
  backupFromNewerBureau:
    'This backup comes from a newer version of Bureau: install it before restoring.',
  holidayWrongYear:
    '{{day}} (“{{label}}”) is not in {{year}}. Save it with the holidays of its year.',
  holidayTwice:
    '{{day}} appears twice. Keep one row per date (join the labels if two feasts fall on the same day).',
};
