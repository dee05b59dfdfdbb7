import { Group, Loader, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SameApplicantCase } from '../../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import { formatDate } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';
import { useCaseDetail } from '../caseQueries';

type Field =
  | 'reference'
  | 'procedure'
  | 'status'
  | 'submittedAt'
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'email'
  | 'address'
  | 'company'
  | 'nif'
  | 'rccm';

const FIELDS: readonly Field[] = [
  'reference',
  'procedure',
  'status',
  'submittedAt',
  'name',
  'idNumber',
  'phone',
  'email',
  'address',
  'company',
  'nif',
  'rccm',
];

/** Fields the two cases should not share unless one duplicates the other: never marked. */
const OWN: ReadonlySet<Field> = new Set(['reference', 'status', 'submittedAt']);

/**
 * The main fields of two cases side by side (« Comparer »), what differs marked: the clerk sees
 * at a glance whether the second one repeats the first.
 */
export function CompareCasesModal({
  opened,
  detail,
  other,
  onClose,
}: {
  opened: boolean;
  detail: CaseDetail;
  other: SameApplicantCase;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = useCaseDetail(other.id);
  const valueOf = (of: CaseDetail, field: Field): string => {
    const { record, row } = of;
    switch (field) {
      case 'reference':
        return row.reference;
      case 'procedure':
        return row.procedureCode;
      case 'status':
        return t(`status.${row.status}` as 'status.submitted');
      case 'submittedAt':
        return formatDate(record.submittedAt, language);
      case 'name':
        return `${record.applicant.firstName} ${record.applicant.lastName}`;
      case 'idNumber':
        return record.applicant.idNumber ?? '—';
      case 'phone':
        return record.applicant.phone;
      case 'email':
        return record.applicant.email;
      case 'address':
        return `${record.applicant.address}, ${record.applicant.city}`;
      case 'company':
        return record.company?.name ?? '—';
      case 'nif':
        return record.company?.nif ?? '—';
      case 'rccm':
        return record.company?.rccm ?? '—';
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={t('linked.compareTitle', { a: detail.row.reference, b: other.reference })}
      data-testid="linked-compare-modal"
    >
      {query.isPending ? (
        <Group gap="xs" aria-busy="true">
          <Loader size="xs" />
          <Text size="sm">{t('linked.compareLoading')}</Text>
        </Group>
      ) : query.isError ? (
        <Text size="sm" c="red.8" role="alert">
          {errorMessage(query.error, String(query.error))}
        </Text>
      ) : (
        <Table striped withTableBorder fz="sm" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('linked.compareField')}</Table.Th>
              <Table.Th>{detail.row.reference}</Table.Th>
              <Table.Th>{other.reference}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {FIELDS.map((field) => {
              const left = valueOf(detail, field);
              const right = valueOf(query.data, field);
              const differs = !OWN.has(field) && left !== right;
              return (
                <Table.Tr key={field} data-testid={`compare-${field}`} data-differs={differs}>
                  <Table.Th scope="row" fw={500}>
                    {t(`linked.fields.${field}`)}
                    {differs && (
                      <Text span size="xs" c="orange.9" fw={700} ml={6}>
                        ({t('linked.compareDiffers')})
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{left}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{right}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
