import {
  Modal,
  SegmentedControl,
  Stack,
  Text,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../format/locale';
import { useLanguage } from '../shell/useLanguage';
import { useDesktopStore } from './desktopStore';
import { isZoomStep, ZOOM_STEPS } from './zoomSteps';

const SCHEMES: MantineColorScheme[] = ['light', 'dark', 'auto'];

/** Theme (light, dark, the system's) and display size; both kept on this computer. */
export function DisplaySettingsDialog() {
  const { t } = useTranslation();
  const language = useLanguage();
  const opened = useDesktopStore((state) => state.displayOpen);
  const zoom = useDesktopStore((state) => state.zoom);
  // Mantine keeps the choice in localStorage itself (its default colour-scheme manager).
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const percent = new Intl.NumberFormat(localeFor(language), {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const close = () => useDesktopStore.getState().setDisplayOpen(false);
  return (
    <Modal opened={opened} onClose={close} title={t('desktop.display.title')} size="lg">
      <Stack gap="lg">
        <Stack gap={6}>
          <Text fw={600} size="sm" id="display-theme">
            {t('desktop.display.theme')}
          </Text>
          <SegmentedControl
            aria-labelledby="display-theme"
            value={colorScheme}
            onChange={(value) => setColorScheme(value as MantineColorScheme)}
            data={SCHEMES.map((scheme) => ({
              value: scheme,
              label: t(`desktop.display.${scheme}`),
            }))}
            fullWidth
          />
        </Stack>
        <Stack gap={6}>
          <Text fw={600} size="sm" id="display-zoom">
            {t('desktop.display.zoom')}
          </Text>
          <SegmentedControl
            aria-labelledby="display-zoom"
            value={String(zoom)}
            onChange={(value) => {
              const step = Number(value);
              if (isZoomStep(step)) useDesktopStore.getState().setZoom(step);
            }}
            data={ZOOM_STEPS.map((step) => ({
              value: String(step),
              label: percent.format(step / 100),
            }))}
            fullWidth
          />
          <Text size="sm" c="dimmed">
            {t('desktop.display.zoomHint')}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed">
          {t('desktop.display.saved')}
        </Text>
      </Stack>
    </Modal>
  );
}
