import { Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconBan,
  IconCalendarX,
  IconFileUnknown,
  IconKeyOff,
  IconSchool,
  IconShieldCheck,
  IconShieldX,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationResult, VerificationVerdict } from '../../../shared/api/certificateTypes';
import { InfoList } from '../case/InfoList';
import { formatDate, formatDateTime } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { procedureByCode, useSessionStore } from '../stores/sessionStore';
import classes from './Certificates.module.css';

const LOOK: Record<VerificationVerdict, { color: string; Icon: typeof IconShieldCheck }> = {
  authentic: { color: 'green', Icon: IconShieldCheck },
  // A training certificate: genuine signature, no value. Never the green of « Authentique ».
  specimen: { color: 'grape', Icon: IconSchool },
  forged: { color: 'red', Icon: IconShieldX },
  revoked: { color: 'orange', Icon: IconBan },
  cancelled: { color: 'orange', Icon: IconBan },
  key_revoked: { color: 'red', Icon: IconKeyOff },
  expired: { color: 'orange', Icon: IconCalendarX },
  unknown_key: { color: 'gray', Icon: IconKeyOff },
  unreadable: { color: 'gray', Icon: IconFileUnknown },
};

/**
 * The verdict, large and unmistakable (colour, icon and word), with the core's French sentence
 * and what the certificate says. It takes the focus when it appears so a screen reader reads it.
 */
/** `LR-LOM-2026-000123`: the number of a decision letter, never of a certificate. */
const LETTER_NUMBER = /^LR-[A-Z0-9]{2,12}-\d{4}-\d{6}$/;

export function VerdictCard({ result, source }: { result: VerificationResult; source: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { color, Icon } = LOOK[result.verdict];
  const facts = result.facts;
  /** A decision letter's QR code (issue 20 §1): the same verifier, an addressee and a date. */
  const letter = facts !== null && LETTER_NUMBER.test(facts.number);

  useEffect(() => {
    headingRef.current?.focus();
  }, [result]);

  const procedure = facts ? procedureByCode(procedures, facts.procedureCode) : undefined;
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      className={classes.verdict}
      bg={`var(--mantine-color-${color}-light)`}
      style={{ borderColor: `var(--mantine-color-${color}-filled)` }}
      data-testid="verdict"
      data-verdict={result.verdict}
    >
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="center">
          <ThemeIcon size={64} radius="xl" color={color} variant="filled">
            <Icon size={38} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              {t('certificates.verify.verdictLabel')}
            </Text>
            <Title
              order={2}
              size="h1"
              c={`var(--mantine-color-${color}-light-color)`}
              ref={headingRef}
              tabIndex={-1}
              data-testid="verdict-title"
              style={{ outline: 'none' }}
            >
              {t(`certificates.verify.verdicts.${result.verdict}`)}
            </Title>
          </div>
        </Group>
        <Text size="md" fw={500} data-testid="verdict-message">
          {result.message}
        </Text>
        {result.verdict === 'revoked' && (result.revokedAt || result.revocationReason) && (
          <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-body)">
            <Text size="sm" fw={600}>
              {t('certificates.revokedOn', {
                date: result.revokedAt ? formatDateTime(result.revokedAt, language) : '—',
              })}
            </Text>
            {result.revocationReason && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                « {result.revocationReason} »
              </Text>
            )}
          </Paper>
        )}
        {facts && (
          <Paper withBorder p="md" radius="sm" bg="var(--mantine-color-body)">
            <InfoList
              items={[
                {
                  label: t('certificates.fields.number'),
                  value: (
                    <Text span ff="monospace" fw={600} size="sm" data-testid="verdict-number">
                      {facts.number}
                    </Text>
                  ),
                },
                ...(facts.training
                  ? [
                      {
                        label: t('certificates.verify.specimenMark'),
                        value: (
                          <Text span fw={700} size="sm" data-testid="verdict-specimen">
                            {t('certificates.verify.specimenMarkValue')}
                          </Text>
                        ),
                      },
                    ]
                  : []),
                {
                  label: t(letter ? 'letters.verify.addressee' : 'certificates.fields.holder'),
                  value: facts.holder,
                },
                {
                  label: t('certificates.fields.procedure'),
                  value: (
                    <Group gap={6} wrap="nowrap" component="span">
                      <Badge variant="outline" color="gray" radius="sm" tt="none" ff="monospace">
                        {facts.procedureCode}
                      </Badge>
                      {procedure?.title[language]}
                    </Group>
                  ),
                },
                ...Object.entries(facts.keyFacts).map(([label, value]) => ({ label, value })),
                {
                  label: t(letter ? 'letters.verify.issuedOn' : 'certificates.fields.issuedOn'),
                  value: formatDate(facts.issuedOn, language),
                },
                // A decision letter notifies; it has no validity to state.
                ...(letter
                  ? []
                  : [
                      {
                        label: t('certificates.fields.expiresOn'),
                        value: facts.expiresOn
                          ? formatDate(facts.expiresOn, language)
                          : t('certificates.noExpiry'),
                      },
                    ]),
                { label: t('certificates.fields.office'), value: facts.officeCode },
                {
                  label: t('certificates.fields.keyId'),
                  value: (
                    <Text span ff="monospace" size="xs">
                      {facts.keyId}
                    </Text>
                  ),
                },
              ]}
            />
          </Paper>
        )}
        <Text size="xs" c="dimmed">
          {source}
        </Text>
      </Stack>
    </Paper>
  );
}
