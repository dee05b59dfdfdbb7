import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { describeAuditRow, type AuditLookups } from '../../src/main/core/audit/auditDescription';
import { auditTable } from '../../src/main/core/audit/auditExport';
import type { AuditRow } from '../../src/shared/api/adminTypes';
import { frenchDetails, frenchSentence } from '../../src/shared/audit/auditFrench';
import {
  AUDIT_ROLE_FR,
  AUDIT_SENTENCES,
  AUDIT_STATUS_FR,
  fillSentence,
  hasSentence,
  sentenceParts,
  sentenceTemplate,
} from '../../src/shared/audit/auditSentences';
import { auditEn } from '../../src/renderer/src/admin/auditMessages';
import { fr } from '../../src/renderer/src/i18n/fr';
import { procedures } from '../support/testBureau';

const ACTION_CODE = /^[a-z]+\.[a-z]+(?:_[a-z]+)*$/;

function sourcesUnder(dir: string): ts.SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => {
      const path = join(dir, file);
      return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    });
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

/** A property's value: `action: …`, or the variable of a shorthand `action`. */
function propertyNamed(
  object: ts.ObjectLiteralExpression,
  name: string,
): { initializer: ts.Expression; node: ts.Node } | undefined {
  for (const property of object.properties) {
    if (property.name?.getText() !== name) continue;
    if (ts.isPropertyAssignment(property))
      return { initializer: property.initializer, node: property };
    if (ts.isShorthandPropertyAssignment(property))
      return { initializer: property.name, node: property };
  }
  return undefined;
}

/** The function a node sits in, with its name (a declaration's, or the variable holding it). */
function enclosingFunction(node: ts.Node): { fn: ts.SignatureDeclaration; name: string } | null {
  for (let current = node.parent; current; current = current.parent) {
    if (
      ts.isFunctionDeclaration(current) ||
      ts.isArrowFunction(current) ||
      ts.isFunctionExpression(current) ||
      ts.isMethodDeclaration(current)
    ) {
      let name = current.name?.getText() ?? '';
      // `const record = db.transaction((…) => …)` or `const record = (…) => …`.
      for (let holder: ts.Node = current.parent; !name && holder; holder = holder.parent) {
        if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) {
          name = holder.name.getText();
        }
        if (ts.isBlock(holder) || ts.isSourceFile(holder)) break;
      }
      if (name) return { fn: current, name };
    }
  }
  return null;
}

/**
 * Every audit action the core can write, read from its sources (no list kept by hand): the
 * `action` of each `audit.append({…})`, following a parameter through the helpers that pass it
 * (`record('backup.created', …)`, `check(…, 'session.sign_in_failed')` → `recordFailure`), and
 * each case change's `case.<history>` unless it names its own audit action.
 */
function actionsWrittenByTheCore(): Set<string> {
  const files = sourcesUnder(join(__dirname, '../../src/main'));
  const found = new Set<string>();
  const followed = new Set<string>();

  /** String literals an expression can evaluate to; parameters are followed to their callers. */
  function collect(expression: ts.Expression, scope: ts.Node): void {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      if (ACTION_CODE.test(expression.text)) found.add(expression.text);
    } else if (ts.isConditionalExpression(expression)) {
      collect(expression.whenTrue, scope);
      collect(expression.whenFalse, scope);
    } else if (ts.isParenthesizedExpression(expression)) {
      collect(expression.expression, scope);
    } else if (ts.isIdentifier(expression)) {
      const owner = enclosingFunction(scope);
      if (!owner) return;
      const index = owner.fn.parameters.findIndex(
        (parameter) => parameter.name.getText() === expression.text,
      );
      if (index >= 0) {
        followCalls(owner.name, index);
        return;
      }
      // A local `const action = cond ? 'a' : 'b'` in the same function.
      visit(owner.fn, (node) => {
        if (
          ts.isVariableDeclaration(node) &&
          node.name.getText() === expression.text &&
          node.initializer
        ) {
          collect(node.initializer, node);
        }
      });
    }
  }

  /** The `index`-th argument of every call to a function named `name`, in every file. */
  function followCalls(name: string, index: number): void {
    const key = `${name}#${index}`;
    if (followed.has(key)) return;
    followed.add(key);
    for (const file of files) {
      visit(file, (node) => {
        if (!ts.isCallExpression(node)) return;
        const callee = node.expression;
        const called = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
        const argument = node.arguments[index];
        if (called === name && argument) collect(argument, node);
      });
    }
  }

  for (const file of files) {
    visit(file, (node) => {
      // audit.append({ action: … }) (deps.audit, this.audit… all end with `audit.append`).
      if (
        ts.isCallExpression(node) &&
        /(?:^|\.)audit\.append$/.test(node.expression.getText()) &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const action = propertyNamed(node.arguments[0], 'action');
        if (action) collect(action.initializer, action.node);
      }
      // A case change: { history: 'approved', audit?: { action?: … } } → `case.approved`.
      if (ts.isObjectLiteralExpression(node)) {
        const history = propertyNamed(node, 'history');
        if (!history) return;
        const audit = propertyNamed(node, 'audit');
        const own =
          audit && ts.isObjectLiteralExpression(audit.initializer)
            ? propertyNamed(audit.initializer, 'action')
            : undefined;
        if (own) return collect(own.initializer, own.node);
        const kinds = new Set<string>();
        const literals = (expression: ts.Expression): void => {
          if (ts.isStringLiteral(expression)) kinds.add(expression.text);
          else if (ts.isConditionalExpression(expression)) {
            literals(expression.whenTrue);
            literals(expression.whenFalse);
          }
        };
        literals(history.initializer);
        for (const kind of kinds) found.add(`case.${kind}`);
      }
    });
  }
  return found;
}

describe('audit sentences', () => {
  const written = actionsWrittenByTheCore();

  it('finds the actions the core writes, through helpers and case changes', () => {
    for (const action of [
      'case.approved',
      'case.checklist_ticked',
      'case.certificate_issued',
      'certificate.revoked',
      'note.added',
      'session.signed_in',
      'session.locked_out',
      'session.sign_in_failed',
      'session.unlock_failed',
      'session.password_change_failed',
      'user.deactivated',
      'user.password_changed',
      'backup.created',
      'backup.restore_scheduled',
      'audit.verified',
      'installation.training_set_aside',
    ]) {
      expect(written, action).toContain(action);
    }
    // A case change naming its own audit action is not also `case.<history>`.
    expect(written).not.toContain('case.certificate_revoked');
  });

  it('has a French sentence for every action the core writes', () => {
    const missing = [...written].filter((action) => !hasSentence(action));
    expect(missing, 'add these to AUDIT_SENTENCES (src/shared/audit/auditSentences.ts)').toEqual(
      [],
    );
  });

  it('has the same sentences in English, with the same parameters', () => {
    const params = (template: string) =>
      sentenceParts(template)
        .flatMap((part) => ('param' in part ? [part.param] : []))
        .sort();
    for (const [category, group] of Object.entries(AUDIT_SENTENCES)) {
      for (const [name, template] of Object.entries(group)) {
        const english = (auditEn.sentences as Record<string, Record<string, string>>)[category]![
          name
        ]!;
        expect(params(english), `${category}.${name}`).toEqual(params(template));
      }
    }
  });

  it('says statuses and roles as the rest of the screens do', () => {
    expect(AUDIT_STATUS_FR).toEqual(fr.status);
    expect(AUDIT_ROLE_FR).toEqual(fr.roles);
  });

  it('fills a template, a missing parameter reading « — »', () => {
    const template = sentenceTemplate('case.assigned')!;
    expect(fillSentence(template, { actor: 'Ablavi Lawson', case: 'COM-CO-2026-000094' })).toBe(
      'Ablavi Lawson a affecté le dossier COM-CO-2026-000094 à —',
    );
    expect(sentenceTemplate('case.nope')).toBeUndefined();
  });
});

describe('describing a row', () => {
  const procedure = procedures().find((entry) => entry.rejectReasons.length > 0)!;
  const lookups: AuditLookups = {
    caseOf: (id) => (id === 'app-000094-x' ? { reference: 'COM-CO-2026-000094', procedure } : null),
    nameOf: (id) => ({ 'u-a0e46eb1': 'Kossi Agbodjan', 'u-sup': 'Ablavi Lawson' })[id] ?? null,
  };
  const rowOf = (
    action: string,
    summary: Record<string, unknown>,
    entity: { type: string; id: string | null } = { type: 'application', id: 'app-000094-x' },
  ): AuditRow => ({
    seq: 7,
    at: '2026-11-09T08:05:00.000Z',
    actorId: 'u-sup',
    actorName: 'Ablavi Lawson',
    officeCode: 'LOM',
    action,
    entityType: entity.type,
    entityId: entity.id,
    summary,
    description: describeAuditRow(
      { action, entityType: entity.type, entityId: entity.id, summary },
      lookups,
    ),
  });

  it('names the case by its reference and says the decision in French', () => {
    const reason = procedure.rejectReasons[0]!;
    const row = rowOf('case.rejected', {
      from: 'in_review',
      to: 'rejected',
      reasonCodes: [reason.code],
      comment: 'Pièce illisible',
    });
    expect(frenchSentence(row)).toBe('Ablavi Lawson a rejeté le dossier COM-CO-2026-000094');
    expect(frenchDetails(row.description.details)).toBe(
      `Statut : En instruction → Rejetée ; Motifs : ${reason.label.fr} ; Commentaire : Pièce illisible`,
    );
    expect(row.description.case).toEqual({ id: 'app-000094-x', reference: 'COM-CO-2026-000094' });
  });

  it('names the checklist point and whether it was ticked', () => {
    const item = procedure.checklist[0]!;
    const ticked = rowOf('case.checklist_ticked', {
      from: 'in_review',
      to: 'in_review',
      itemId: item.id,
      checked: true,
    });
    expect(frenchSentence(ticked)).toBe(
      `Ablavi Lawson a coché « ${item.label.fr} » sur le dossier COM-CO-2026-000094`,
    );
    expect(ticked.description.details).toEqual([]);
    const unticked = rowOf('case.checklist_ticked', { itemId: item.id, checked: false });
    expect(frenchSentence(unticked)).toMatch(/^Ablavi Lawson a décoché « /);
  });

  it('names people instead of ids: an assignee, an account', () => {
    const assigned = rowOf('case.assigned', { from: null, to: 'u-a0e46eb1' });
    expect(frenchSentence(assigned)).toBe(
      'Ablavi Lawson a affecté le dossier COM-CO-2026-000094 à Kossi Agbodjan',
    );
    expect(assigned.description.person).toEqual({ id: 'u-a0e46eb1', name: 'Kossi Agbodjan' });
    const updated = rowOf(
      'user.updated',
      {
        username: 'kossi.agbodjan',
        before: { role: 'agent' },
        after: { role: 'superviseur' },
      },
      { type: 'user', id: 'u-a0e46eb1' },
    );
    expect(frenchSentence(updated)).toBe('Ablavi Lawson a modifié le compte de Kossi Agbodjan');
    expect(frenchDetails(updated.description.details)).toBe(
      'Rôle : Agent instructeur → Superviseur ; Identifiant : kossi.agbodjan',
    );
  });

  it('says an account as created, not as « — → … », and a reset in words', () => {
    const account = { type: 'user', id: 'u-a0e46eb1' };
    const created = rowOf(
      'user.created',
      {
        username: 'kossi.agbodjan',
        after: {
          displayName: 'Kossi Agbodjan',
          role: 'agent',
          officeCode: 'LOM',
          procedureCodes: [],
        },
      },
      account,
    );
    expect(frenchDetails(created.description.details)).toBe(
      'Nom : Kossi Agbodjan ; Rôle : Agent instructeur ; Bureau : LOM ; Procédures : toutes ; Identifiant : kossi.agbodjan',
    );
    const reset = rowOf(
      'user.password_reset',
      { username: 'kossi.agbodjan', lockOutLifted: true, mustChangePassword: true },
      account,
    );
    expect(frenchDetails(reset.description.details)).toBe(
      'Identifiant : kossi.agbodjan ; Blocage levé : oui ; Nouveau mot de passe exigé à la connexion : oui',
    );
  });

  it('says days the French way and leaves out what is empty', () => {
    const row = rowOf(
      'holidays.saved',
      {
        added: [{ date: '2026-11-24', label: 'Journée de deuil national', provisional: false }],
        removed: [],
        edited: [],
        recomputedDeadlines: 3,
      },
      { type: 'holiday_calendar', id: '2026' },
    );
    expect(frenchSentence(row)).toBe('Ablavi Lawson a modifié les jours fériés de 2026');
    expect(frenchDetails(row.description.details)).toBe(
      'Ajoutés : 24/11/2026 — Journée de deuil national ; Échéances recalculées : 3',
    );
    expect(row.description.case).toBeNull();
  });

  it('falls back to the code for an action it does not know, and to « Le système »', () => {
    const row = { ...rowOf('case.teleported', {}), actorId: null, actorName: null };
    expect(frenchSentence(row)).toBe('Le système : action « case.teleported »');
  });

  it('exports one French row per entry: sentence, case, person, details, code', () => {
    const rows = [
      rowOf('case.approved', { from: 'in_review', to: 'approved' }),
      rowOf('case.assigned', { from: null, to: 'u-a0e46eb1' }),
    ];
    const table = auditTable(rows);
    expect(table.headers).toEqual([
      'N°',
      'Date et heure (UTC)',
      'Auteur',
      'Action',
      'Dossier',
      'Personne concernée',
      'Détails',
      'Bureau',
      'Code de l’action',
    ]);
    expect(table.rows[0]).toEqual([
      { kind: 'number', value: 7 },
      { kind: 'text', value: '09/11/2026 08:05' },
      { kind: 'text', value: 'Ablavi Lawson' },
      { kind: 'text', value: 'Ablavi Lawson a approuvé le dossier COM-CO-2026-000094' },
      { kind: 'text', value: 'COM-CO-2026-000094' },
      { kind: 'text', value: null },
      { kind: 'text', value: 'Statut : En instruction → Approuvée' },
      { kind: 'text', value: 'LOM' },
      { kind: 'text', value: 'case.approved' },
    ]);
    expect(table.rows[1]![5]).toEqual({ kind: 'text', value: 'Kossi Agbodjan' });
    expect(table.headers).toHaveLength(table.widths.length);
  });
});
