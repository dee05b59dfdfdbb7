import { Button, Loader, type ButtonProps } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A print button that keeps the focus while the pages are prepared: Mantine's `loading` disables
 * the button, which drops the focus to the page, and Escape in a dialog would then leave the case.
 */
export function PrintButton({
  printing,
  onPrint,
  children,
  testId,
  ...props
}: ButtonProps & {
  printing: boolean;
  onPrint: () => void;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Button
      {...props}
      leftSection={printing ? <Loader size={14} color="currentColor" /> : <IconPrinter size={16} />}
      aria-busy={printing || undefined}
      onClick={() => {
        if (!printing) onPrint();
      }}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
