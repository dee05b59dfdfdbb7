import { Modal } from '@mantine/core';
import { ChangePasswordForm } from './ChangePasswordForm';

export function ChangePasswordDialog({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} withCloseButton={false} centered size="md">
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}
