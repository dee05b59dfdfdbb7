// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query';
import { act, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../shared/api/adminTypes';
import { AuditSentence } from '../../src/admin/auditText';
import { renderWithProviders } from '../dom';

const row: AuditRow = {
  seq: 12,
  at: '2026-11-09T08:05:00.000Z',
  actorId: 'u-sup',
  actorName: 'Ablavi Lawson',
  officeCode: 'LOM',
  action: 'case.assigned',
  entityType: 'application',
  entityId: 'app-000094-x',
  summary: { from: null, to: 'u-a0e46eb1' },
  description: {
    sentence: 'case.assigned',
    params: { person: { kind: 'text', text: 'Kossi Agbodjan' } },
    case: { id: 'app-000094-x', reference: 'COM-CO-2026-000094' },
    person: { id: 'u-a0e46eb1', name: 'Kossi Agbodjan' },
    details: [],
  },
};

afterEach(async () => {
  await act(() => i18next.changeLanguage('fr'));
});

describe('an audit row’s sentence', () => {
  it('names the people and links the case by its reference, in French then in English', async () => {
    const { container } = renderWithProviders(
      <p data-testid="sentence">
        <AuditSentence row={row} />
      </p>,
      new QueryClient(),
    );
    expect(screen.getByTestId('sentence').textContent).toBe(
      'Ablavi Lawson a affecté le dossier COM-CO-2026-000094 à Kossi Agbodjan',
    );
    const link = screen.getByTestId('audit-case-link');
    expect(link.getAttribute('href')).toBe('#/cases/app-000094-x');
    expect(link.textContent).toBe('COM-CO-2026-000094');
    expect([...container.querySelectorAll('strong')].map((node) => node.textContent)).toEqual([
      'Ablavi Lawson',
      'Kossi Agbodjan',
    ]);

    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('sentence').textContent).toBe(
      'Ablavi Lawson assigned case COM-CO-2026-000094 to Kossi Agbodjan',
    );
  });
});
