import { Alert, Button, Group, Modal, Stack, Text, type MantineSize } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';

export interface ConfirmFormDialogProps<TData, TVariables> {
  opened?: boolean;
  title: ReactNode;
  size?: MantineSize | string;
  /** On the dialog itself. */
  testId?: string;
  /** What the change does and the fields it needs; a field with `data-autofocus` gets the focus. */
  children: ReactNode;
  /** The change: its pending state is the dialog's busy state, its error the failure shown. */
  mutation: UseMutationResult<TData, unknown, TVariables>;
  /** What to send; null while the form is incomplete (the submit button stays disabled). */
  variables: TVariables | null;
  /** Called once the change succeeded (usually a toast, then closing). */
  onDone?(data: TData): void;
  onClose(): void;
  /** The confirming button; null hides it (a result is shown instead, with `actions`). */
  submit: { label: ReactNode; color?: string; icon?: ReactNode; testId?: string } | null;
  /** Defaults to « Annuler ». */
  cancelLabel?: ReactNode;
  /** More buttons, after « Annuler ». */
  actions?: ReactNode;
  /**
   * Where the focus lands on opening: `cancel` for a change that cannot be undone easily (Enter
   * then cancels), `content` for the field marked `data-autofocus` in the children.
   */
  initialFocus?: 'cancel' | 'content';
  failureTestId?: string;
  /**
   * Given, the submit button stays enabled while `variables` is null and pressing it calls this
   * (the form then shows beside each field what is missing) instead of staying greyed out.
   */
  onInvalidSubmit?(): void;
  /** The form shows the refusal beside its fields: no alert for it here. */
  failureShownInForm?: boolean;
}

/**
 * The one confirmation dialog with a form: says what will happen, sends the change on « submit »
 * or Enter, shows it busy (cancel, Escape and the close button wait meanwhile), shows the core's
 * French reason when it refuses, and closes on Escape otherwise.
 */
export function ConfirmFormDialog<TData, TVariables>({
  opened = true,
  mutation,
  variables,
  ...props
}: ConfirmFormDialogProps<TData, TVariables>) {
  const { t } = useTranslation();
  const busy = mutation.isPending;
  const failure =
    mutation.isError && !props.failureShownInForm
      ? errorMessage(mutation.error, t('app.unexpectedError'))
      : null;
  const canSubmit = variables !== null && !busy;

  const close = () => {
    if (busy) return;
    // A refusal is not shown again at the next opening.
    if (mutation.isError) mutation.reset();
    props.onClose();
  };
  const submit = () => {
    if (variables === null && !busy) props.onInvalidSubmit?.();
    if (!canSubmit || props.submit === null) return;
    mutation.mutate(variables, { onSuccess: (data) => props.onDone?.(data) });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      closeOnEscape={!busy}
      closeOnClickOutside={!busy}
      title={props.title}
      size={props.size ?? 'lg'}
      data-testid={props.testId}
    >
      <form
        // The form says what is missing beside each field, in the app's language; the browser's
        // own bubble (in the system's language) would stop the submit before it could.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {props.children}
          {failure !== null && (
            <Alert color="red" variant="light" role="alert" data-testid={props.failureTestId}>
              <Text size="sm">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={close}
              disabled={busy}
              data-autofocus={props.initialFocus === 'cancel' || undefined}
            >
              {props.cancelLabel ?? t('app.cancel')}
            </Button>
            {props.actions}
            {props.submit && (
              <Button
                type="submit"
                color={props.submit.color}
                leftSection={props.submit.icon}
                loading={busy}
                disabled={variables === null && !props.onInvalidSubmit}
                data-testid={props.submit.testId}
              >
                {props.submit.label}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
