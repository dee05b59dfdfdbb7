import { REFUSALS_FR, type RefusalKey } from '../../../shared/api/refusals';
import {
  REFUSAL_WORDS_FR,
  type RefusalLanguage,
  type RefusalWords,
} from '../../../shared/api/refusalWords';

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
  textModuleKeywordTaken:
    'The keyword « {{keyword}} » is already used by a phrase of your office for the same procedures. Choose another one, or edit the existing phrase.',
  textModuleUnknown:
    'This phrase does not exist in your office or has been retired. Reload the list of text modules.',
  textModuleUnknownProcedure: 'Procedure « {{code}} » is not in the catalog.',
  textModuleNeedsPortal:
    'The office’s text modules are shared by its workstations through the portal, which cannot be reached right now: the phrase was not saved. Try again when the link is back.',
  textModuleChangedElsewhere:
    'This phrase was changed on another workstation of the office meanwhile. The list is being updated: read the phrase again, then redo your change.',
  textModulePortalBusy: 'The portal could not save the phrase for now: try again in a few minutes.',
  // — Sessions —
  wrongCredentials:
    'Wrong username or password. Check Caps Lock; after {{attempts}} failures in a row, the account is locked for {{minutes}} minutes.',
  wrongPassword:
    'Wrong password. Check Caps Lock; after {{attempts}} failures in a row, the account is locked for {{minutes}} minutes.',
  lockedOut:
    'Account locked after {{attempts}} failed attempts. Try again after {{untilTime}}, or ask your administrator to reset your password.',
  accountDeactivated: 'This account is deactivated. Ask your administrator.',
  accountNotFound: 'Account not found. Sign in again.',
  noSession: 'This call has no session: open Bureau normally.',
  sessionEnded: 'Your session has ended. Sign in again.',
  signInToContinue: 'Sign in again to continue.',
  sessionExpiredShort: 'Session expired.',
  passwordUnchanged: 'The new password must differ from the current one.',
  passwordHasUsername: 'The password must not contain your username.',
  alreadyInstalled:
    'Bureau already has accounts: sign in, or ask your administrator for an account.',
  enrolledDeskAccounts:
    'This workstation is enrolled in office {{office}}: its accounts come from the office directory when it syncs. Connect the workstation to the portal, then sign in with your usual account.',
  unknownOfficeCode: 'Unknown office code: “{{office}}”. Possible codes: {{known}}.',
  // — Cases: the workflow's gate —
  wrongStatus: 'Cannot {{deVerb}}: the case is {{status}}.',
  claimFirst: 'First claim the case to {{verb}}.',
  heldByOtherCannot: 'This case is claimed by {{holder}}: you cannot {{verb}}.',
  roleCannotWorkCases: 'Your role does not allow working on cases. Ask a clerk or a supervisor.',
  caseOfOtherOffice: 'This case belongs to another office: only its clerks can work on it.',
  caseOfOtherOfficeRead:
    'This case belongs to another office: only its staff can see it, with its documents, certificates and letters.',
  provisionalRequired:
    'You are offline and this case is not yours on the portal: your decision is provisional. If a colleague acted meanwhile, it will become a conflict to resolve. Confirm it as provisional.',
  caseInConflict:
    'This case is in conflict with the portal: resolve the conflict before any other action.',
  alreadyYours: 'You have already claimed this case.',
  heldByOtherTakeOver: 'This case is claimed by {{holder}}: use “Take over”.',
  heldByOther: 'This case is already claimed by {{holder}}.',
  heldByNobody: 'Nobody has claimed this case.',
  releaseHolderOnly: 'Only the holder or a supervisor can release this case.',
  takeOverSupervisorOnly: 'Only a supervisor can take over a claimed case.',
  heldByNoOther: 'No other clerk has claimed this case.',
  checklistLastPoint: 'Tick the last point of the checklist before approving.',
  checklistPoints: 'Tick the {{remaining}} remaining points of the checklist before approving.',
  signOffSupervisorOnly: 'Only a supervisor can {{verb}} a case awaiting sign-off.',
  fourEyes:
    'Four-eyes rule: you proposed this decision, another supervisor must sign it off. You can withdraw your proposal to take the case back.',
  notProposer:
    'Only the person who proposed this decision can withdraw it; a supervisor can send it back for review.',
  portalChangesUnconfirmed:
    'The portal changed data after the decision: {{changes}}. Check these changes, then confirm them (“I have checked these changes”) before you {{deVerb}}.',
  noPortalChangesWaiting: 'No change from the portal awaits confirmation on this case.',
  confirmChangesHolderOnly:
    'Only the clerk in charge of the case or a supervisor of the office can confirm the portal’s changes.',
  checkOutForColleagueSupervisorOnly: 'Only a supervisor can take a case offline for a colleague.',
  checkOutInConflict:
    'This case is in conflict with the portal: resolve the conflict before taking it offline.',
  heldByOtherNoCheckOut: 'This case is claimed by {{holder}}: it cannot be taken offline.',
  // — Cases: around the gate —
  caseNotInCache: 'This case is not in the local cache. Synchronize, then try again.',
  checkOutOffline:
    'Taking cases offline needs a connection to the portal: try again once the connection is back.',
  checkOutForColleaguesSupervisorOnly: 'Only a supervisor can take cases offline for a colleague.',
  colleagueNotActive: 'This colleague is not an active clerk of your office: choose another one.',
  heldOnPortal: 'Case claimed by {{holder}}.',
  checkedOutOnPortal: 'Case taken offline by {{holder}}.',
  unknownChecklistItems:
    'Unknown checklist point for this procedure: {{items}}. Reload the case and try again.',
  unknownDocuments:
    'Unknown document for this procedure: {{items}}. Reload the case and try again.',
  unknownFields: 'Unknown field for this procedure: {{items}}. Reload the case and try again.',
  unknownRejectReasons:
    'Unknown rejection reason for this procedure: {{items}}. Reload the case and try again.',
  // — Assignment —
  assignOnlySupervisor: 'Only a supervisor of the office can assign a case.',
  assignOtherOffice:
    'This case does not belong to your office: only a supervisor of its office can assign it.',
  assignClosed: 'Case closed ({{status}}): it can no longer be assigned.',
  assignInConflict: 'Case in conflict with the portal: resolve the conflict before assigning it.',
  assigneeLacksProcedure:
    '{{name}} does not handle procedure {{procedure}}: choose a clerk who handles it.',
  alreadyAssignedTo: 'Already assigned to {{name}}: nothing to change.',
  assignNotInCache: 'Case not found in the local cache: synchronize, then try again.',
  notAssignableMember:
    '“{{user}}” is not an active clerk of your office: choose a clerk from the list.',
  staffListStale: '“{{user}}” is not an active clerk of your office: reload the list of clerks.',
  noOtherAssignee: 'Choose at least one clerk other than the one whose cases you are reassigning.',
  clerkOfOtherOffice: 'This clerk does not belong to your office: choose a clerk of your office.',
  noChosenClerkHandles:
    'None of the chosen clerks handles procedure {{procedure}}: add a clerk who handles it.',
  // — Sync —
  caseNotInConflict: 'This case is not (or no longer) in conflict with the portal.',
  syncStoppedUnexpectedly:
    'Synchronization stopped on an unexpected error; it will resume by itself at the next attempt. If the message comes back, report it to the administrator.',
};

/** The actions refusals name, in English (French has two forms: « approuver », « d’approuver »). */
const englishVerbs: RefusalWords['verb'] = {
  claim: 'claim',
  release: 'release',
  takeOver: 'take over',
  tickChecklist: 'tick the checklist',
  requestInfo: 'request more information',
  approve: 'approve',
  reject: 'reject',
  issueCertificate: 'issue the certificate',
  signOffApprove: 'sign off',
  signOffReturn: 'send back for review',
  withdrawProposal: 'withdraw the proposal',
  checkOut: 'take offline',
  validateDecision: 'sign off the decision',
};

/** The words refusals name by a code (statuses, actions, an unnamed holder), in English. */
export const refusalWordsEn: RefusalWords = {
  status: {
    submitted: 'received',
    in_review: 'under review',
    info_requested: 'awaiting the applicant',
    pending_signoff: 'awaiting sign-off',
    approved: 'approved',
    issued: 'certificate issued',
    rejected: 'rejected',
    withdrawn: 'withdrawn',
  },
  verb: englishVerbs,
  deVerb: englishVerbs,
  anotherClerk: 'another clerk',
};

export const refusalWordsOf = (language: RefusalLanguage): RefusalWords =>
  language === 'en' ? refusalWordsEn : REFUSAL_WORDS_FR;
