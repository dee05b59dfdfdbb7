import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import { useApiMutation } from '../../api/queries';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { useSessionStore } from '../../stores/sessionStore';
import { TextModuleTextarea } from '../../textModules/TextModuleTextarea';
import { refreshCase } from '../caseQueries';

/** Internal notes: plain text, kept in order, shared with the office (not the applicant). */
export function NotesPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [body, setBody] = useState('');
  const { notes } = detail.review;
  const role = useSessionStore((state) => state.user?.role);
  const canWrite = role === 'agent' || role === 'superviseur';

  const addNote = useApiMutation('notes.add', {
    onSuccess: async (_added, { applicationId }) => {
      setBody('');
      notifications.show({ color: 'togo', message: t('review.noteAdded') });
      await refreshCase(applicationId);
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: t('review.failed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    },
  });

  const add = () => {
    const text = body.trim();
    // Ctrl+Entrée while a note is on its way does not send it twice.
    if (!text || addNote.isPending) return;
    addNote.mutate({ applicationId: detail.row.id, body: text });
  };

  return (
    <Stack gap="sm" data-testid="notes">
      {notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('review.notesEmpty')}
        </Text>
      ) : (
        notes.map((note) => (
          <Paper key={note.id} withBorder p="xs" radius="sm" bg="var(--mantine-color-gray-light)">
            <Text size="xs" c="dimmed">
              {note.author.displayName} · {formatDateTime(note.at, language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {note.body}
            </Text>
          </Paper>
        ))
      )}
      {canWrite && (
        <>
          <TextModuleTextarea
            aria-label={t('review.notePlaceholder')}
            placeholder={t('review.notePlaceholder')}
            value={body}
            onChange={setBody}
            textModules={{ detail, context: 'note' }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) add();
            }}
            autosize
            minRows={2}
            maxLength={10_000}
          />
          <Group justify="flex-end">
            <Button size="xs" onClick={add} loading={addNote.isPending} disabled={!body.trim()}>
              {t('review.addNote')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
