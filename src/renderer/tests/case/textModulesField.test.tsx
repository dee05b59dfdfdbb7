// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, CurrentUser } from '../../../shared/api/types';
import type { TextModule } from '../../../shared/textModules/textModule';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));

const { CommentField } = await import('../../src/case/review/CommentField');
const { RejectDialog } = await import('../../src/case/review/RejectDialog');
const { useSessionStore } = await import('../../src/stores/sessionStore');

const detail = {
  row: {
    id: 'c1',
    reference: 'COM-IMPEX-2026-000123',
    procedureCode: 'COM-IMPEX',
    applicantName: 'Akossiwa Mensah',
    companyName: 'Ets Agbodjan & Fils',
    submittedAt: '2026-03-01T09:15:00.000Z',
    officeCode: 'LOM',
  },
  record: { applicant: { gender: 'F' } },
  procedure: {
    title: { fr: "Carte d'importateur / d'exportateur", en: 'Importer / exporter card' },
    rejectReasons: [{ code: 'NIF', label: { fr: 'NIF incohérent', en: 'NIF inconsistent' } }],
    documents: [],
    sections: [],
  },
} as unknown as CaseDetail;

const phrase = (keyword: string, body: string, extra: Partial<TextModule> = {}): TextModule => ({
  id: `shipped:*:${keyword}`,
  origin: 'shipped',
  keyword,
  title: { fr: `Titre ${keyword}`, en: null },
  body,
  procedureCode: null,
  contexts: ['reject'],
  officeCode: null,
  updatedAt: null,
  updatedBy: null,
  retiredAt: null,
  ...extra,
});

const MODULES: TextModule[] = [
  phrase('illisible', 'Pièce illisible dans la demande {{reference}} de {{demandeur}}.'),
  phrase('identite', 'Identité de {{demandeur}} non vérifiable.'),
  phrase('inconnu', 'Bonjour {{demandeuse}}, dossier {{reference}}.'),
  phrase('interne', 'Note interne.', { contexts: ['note'] }),
  phrase('autre-proc', 'Pour une autre procédure.', { procedureCode: 'ART-CP' }),
];

beforeEach(() => {
  useSessionStore.setState({
    user: {
      id: 'u1',
      displayName: 'Kossi Agbodjan',
      role: 'agent',
      officeCode: 'LOM',
    } as CurrentUser,
  });
  fake.call.mockImplementation((method: string) =>
    method === 'textModules.list'
      ? Promise.resolve(MODULES)
      : method === 'admin.office.get'
        ? Promise.resolve({ code: 'LOM', name: 'Direction régionale de Lomé' })
        : Promise.reject(new Error(`unexpected ${method}`)),
  );
});

function Field(props: { onKeyDown?: () => void }) {
  const [value, setValue] = useState('');
  return (
    <CommentField
      label="Commentaire"
      value={value}
      onChange={setValue}
      onKeyDown={props.onKeyDown}
      textModules={{ detail, context: 'reject' }}
    />
  );
}

const box = () => screen.getByRole('textbox') as HTMLTextAreaElement;
/** Types `text` at the end of the box, as the browser would (value and caret). */
function type(text: string) {
  box().focus();
  const next = box().value + text;
  fireEvent.change(box(), { target: { value: next, selectionStart: next.length } });
  box().setSelectionRange(next.length, next.length);
  fireEvent.select(box());
}
const key = (name: string, extra: Record<string, unknown> = {}) =>
  fireEvent.keyDown(box(), { key: name, code: name, ...extra });
// The dropdown's transition never ends in jsdom (no layout): its content counts as hidden there.
const options = () => screen.queryAllByRole('option', { hidden: true });
const listbox = () => screen.queryByRole('listbox', { hidden: true });
/** The box no longer points at an open list (the closed dropdown may linger in jsdom). */
const closed = () => box().getAttribute('aria-controls') === null;
/** requestAnimationFrame moves the caret after an insertion. */
const frame = () => act(() => new Promise((resolve) => requestAnimationFrame(resolve)));

describe('CommentField: « :: » and a few letters insert a phrase (issue 20 §1)', () => {
  it('lists the phrases of the case’s procedure and box that match, as a listbox', async () => {
    renderWithProviders(<Field />, new QueryClient());
    type('Bonjour ::i');
    await waitFor(() =>
      expect(options().map((option) => option.dataset.keyword)).toEqual([
        'identite',
        'illisible',
        'inconnu',
      ]),
    );
    // The note-only and the other procedure's phrases are not offered in a rejection.
    expect(box().getAttribute('aria-haspopup')).toBe('listbox');
    expect(box().getAttribute('aria-controls')).toBe(listbox()!.id);
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    // Title and first words, with the case's values.
    expect(options()[1]!.textContent).toContain('Titre illisible');
    expect(options()[1]!.textContent).toContain(
      'Pièce illisible dans la demande COM-IMPEX-2026-000123 de Akossiwa Mensah.',
    );
    expect(screen.getByRole('status').textContent).toContain('3 phrases');
    type('ll');
    await waitFor(() =>
      expect(options().map((option) => option.dataset.keyword)).toEqual(['illisible']),
    );
  });

  it('a box that is only drawn asks for nothing; each « :: » reads the phrases afresh', async () => {
    const asked = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);
    renderWithProviders(<Field />, new QueryClient());
    type('Bonjour');
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Drawn with its case (the case view's first frame): no request for phrases nor the office.
    expect(asked('textModules.list')).toHaveLength(0);
    expect(asked('admin.office.get')).toHaveLength(0);
    type(' ::i');
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(asked('textModules.list')).toHaveLength(1);
    expect(asked('admin.office.get')).toHaveLength(1);
    key('Escape');
    type(' ::');
    // A phrase an administrator just added would be there: the list is read again.
    await waitFor(() => expect(asked('textModules.list')).toHaveLength(2));
  });

  it('↓ moves, Enter inserts the phrase with the case filled in, in place of « ::… »', async () => {
    renderWithProviders(<Field />, new QueryClient());
    type('Madame, ::i');
    await waitFor(() => expect(options()).toHaveLength(3));
    key('ArrowDown');
    expect(box().getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    key('ArrowDown');
    key('ArrowDown');
    key('ArrowUp');
    key('ArrowUp');
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    key('Enter');
    expect(box().value).toBe(
      'Madame, Pièce illisible dans la demande COM-IMPEX-2026-000123 de Akossiwa Mensah.',
    );
    await waitFor(() => expect(closed()).toBe(true));
    await frame();
    expect(box().selectionStart).toBe(box().value.length);
  });

  it('Tab inserts too; an unknown placeholder stays visible and is flagged', async () => {
    renderWithProviders(<Field />, new QueryClient());
    type('::inc');
    await waitFor(() => expect(options()).toHaveLength(1));
    key('Tab');
    expect(box().value).toBe('Bonjour {{demandeuse}}, dossier COM-IMPEX-2026-000123.');
    expect(screen.getByTestId('text-module-left').textContent).toBe(
      'À compléter avant l’envoi : {{demandeuse}}',
    );
  });

  it('Escape closes the list and leaves the text as typed; more letters do not reopen it', async () => {
    const onKeyDown = vi.fn();
    renderWithProviders(<Field onKeyDown={onKeyDown} />, new QueryClient());
    type('Voir ::il');
    await waitFor(() => expect(options()).toHaveLength(1));
    key('Escape');
    await waitFor(() => expect(closed()).toBe(true));
    expect(box().value).toBe('Voir ::il');
    expect(onKeyDown).not.toHaveBeenCalled();
    type('l');
    expect(closed()).toBe(true);
    // Enter, arrows and the caller's keys belong to the box again.
    key('Enter', { ctrlKey: true });
    expect(onKeyDown).toHaveBeenCalledTimes(1);
  });

  it('a click on a phrase inserts it', async () => {
    renderWithProviders(<Field />, new QueryClient());
    type('::ide');
    await waitFor(() => expect(options()).toHaveLength(1));
    fireEvent.click(options()[0]!);
    expect(box().value).toBe('Identité de Akossiwa Mensah non vérifiable.');
  });

  it('says when nothing matches, and « 10::30 » opens nothing', async () => {
    renderWithProviders(<Field />, new QueryClient());
    type('::zz');
    await waitFor(() => expect(screen.getByText('Aucune phrase pour « zz ».')).toBeTruthy());
    fireEvent.change(box(), { target: { value: '' } });
    type('à 10::30');
    expect(closed()).toBe(true);
  });

  it('in the reject dialog, Escape in the list closes the list, not the dialog', async () => {
    const onClose = vi.fn();
    renderWithProviders(
      <RejectDialog detail={detail} opened onClose={onClose} onConfirm={() => {}} busy={false} />,
      new QueryClient(),
    );
    // The dialog puts the focus on its first field once open; the clerk then goes to the box.
    await waitFor(() => expect(document.activeElement?.tagName).toBe('BUTTON'));
    type('::ill');
    await waitFor(() => expect(options()).toHaveLength(1));
    key('Escape');
    await waitFor(() => expect(closed()).toBe(true));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('reject-dialog')).toBeTruthy();
    key('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
