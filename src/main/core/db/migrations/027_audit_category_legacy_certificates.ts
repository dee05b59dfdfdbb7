/**
 * Two reads that walked a whole table (issue 18/19):
 * - the audit journal filtered by a kind of action (« Dossiers », « Certificats », …) compared a
 *   prefix of every row's action while walking `seq` down: on a large journal, a rare kind read
 *   the whole log. The kind is the action's text up to its first dot; indexed with `seq`, one
 *   kind is a range read newest first that stops at the page's size.
 * - an enrolled desk asks at every sync for the certificates it issued before enrolment that the
 *   portal's registry has not yet received (`registry_state = 'legacy'`, oldest first): a partial
 *   index holds only those, so once they are imported the question reads an empty index instead
 *   of every certificate ever issued.
 */
export const sql = /* sql */ `
CREATE INDEX audit_log_by_category ON audit_log (substr(action, 1, instr(action, '.')), seq);
CREATE INDEX certificates_registry_legacy ON certificates (issued_at, number)
  WHERE registry_state = 'legacy';
`;
