import { Alert, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProvisionalNotice } from './provisionalNotice';

/** The frame every decision shares: what will happen, the fields, and a confirm that says it. */
export function DecisionModal({
  opened,
  onClose,
  title,
  what,
  confirmLabel,
  confirmColor = 'togo',
  onConfirm,
  canConfirm = true,
  busy,
  children,
  testId,
  irreversible = true,
  preview,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  what: string;
  confirmLabel: string;
  confirmColor?: string;
  onConfirm: () => void;
  canConfirm?: boolean;
  busy: boolean;
  children?: ReactNode;
  testId: string;
  /** A decision cannot be taken back; a claim or a take-over can (« Libérer »). */
  irreversible?: boolean;
  /** Beside the fields: the letter the decision will send (issue 20 §1). */
  preview?: ReactNode;
}) {
  const { t } = useTranslation();
  const provisional = useContext(ProvisionalNotice);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={preview ? 'min(1240px, 96vw)' : 'lg'}
      data-testid={testId}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (canConfirm && !busy) onConfirm();
        }}
      >
        <Group align="flex-start" gap="lg" wrap="nowrap">
          <Stack gap="md" style={{ flex: '1 1 0', minWidth: 0 }}>
            <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
              <Text size="sm">{what}</Text>
              {irreversible && (
                <Text size="sm" fw={600} mt={4}>
                  {t('review.irreversible')}
                </Text>
              )}
            </Alert>
            {provisional && (
              <Alert variant="light" color="orange" data-testid={`${testId}-provisional`}>
                <Text size="sm">{t('review.provisional.warning')}</Text>
              </Alert>
            )}
            {children}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={busy}>
                {t('review.cancel')}
              </Button>
              <Button
                type="submit"
                color={confirmColor}
                loading={busy}
                disabled={!canConfirm}
                data-testid={`${testId}-confirm`}
              >
                {provisional
                  ? t('review.provisional.label', { label: confirmLabel })
                  : confirmLabel}
              </Button>
            </Group>
          </Stack>
          {preview && <Box style={{ flex: '1.15 1 0', minWidth: 0 }}>{preview}</Box>}
        </Group>
      </form>
    </Modal>
  );
}
