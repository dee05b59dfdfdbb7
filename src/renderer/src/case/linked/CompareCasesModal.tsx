import { Group, Loader, Modal, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SameApplicantCase } from '../../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../../shared/api/types';
import type { FieldDefinition } from '../../../../shared/catalog/procedureSchema';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { errorMessage } from '../../api/errorMessage';
import { formatDate } from '../../format/dates';
import { formatKilobytes } from '../../format/numbers';
import type { Language } from '../../i18n/language';
import { useLanguage } from '../../shell/useLanguage';
import { useCaseDetail } from '../caseQueries';
import { fieldValueText } from '../fieldValueText';
import classes from './CompareCasesModal.module.css';

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

/** One line of the comparison: a label, each side's value, whether they differ. */
interface Line {
  key: string;
  label: string;
  left: string;
  right: string;
  /** Values that should differ (a reference) are never marked. */
  compared: boolean;
  /** Whether the two differ, when it is not their text (documents: their bytes). */
  differs?: boolean;
}

interface LineGroup {
  id: string;
  title: string;
  lines: Line[];
}

function mainValue(of: CaseDetail, field: Field, t: TFunction, language: Language): string {
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
}

/**
 * The procedure's form, field by field, labelled by its definition and valued as the case page
 * says them (`fieldValueText`). Two procedures: each side's fields under its own sections, a
 * field the other procedure does not ask for said « non demandé ».
 */
function formGroups(
  left: CaseDetail,
  right: CaseDetail,
  t: TFunction,
  language: Language,
): LineGroup[] {
  const absent = t('linked.compareNotAsked');
  const valueOf = (of: CaseDetail, field: FieldDefinition | undefined, id: string) =>
    field ? fieldValueText(field, of.record.form[id] ?? null, language, t) : absent;
  const fieldsOf = (of: CaseDetail) =>
    new Map(of.procedure.sections.flatMap((section) => section.fields.map((f) => [f.id, f])));
  const leftFields = fieldsOf(left);
  const rightFields = fieldsOf(right);
  const same = left.procedure.code === right.procedure.code;
  const groups: LineGroup[] = left.procedure.sections.map((section) => ({
    id: `form-${section.id}`,
    title: same
      ? t('linked.compareFormSection', { section: section.title[language] })
      : t('linked.compareFormOf', {
          procedure: left.procedure.code,
          section: section.title[language],
        }),
    lines: section.fields.map((field) => ({
      key: `form-${field.id}`,
      label: field.label[language],
      left: valueOf(left, field, field.id),
      right: valueOf(right, rightFields.get(field.id), field.id),
      compared: true,
    })),
  }));
  if (!same) {
    for (const section of right.procedure.sections) {
      const only = section.fields.filter((field) => !leftFields.has(field.id));
      if (only.length === 0) continue;
      groups.push({
        id: `form-other-${section.id}`,
        title: t('linked.compareFormOf', {
          procedure: right.procedure.code,
          section: section.title[language],
        }),
        lines: only.map((field) => ({
          key: `form-${field.id}`,
          label: field.label[language],
          left: absent,
          right: valueOf(right, field, field.id),
          compared: true,
        })),
      });
    }
  }
  return groups;
}

/**
 * The documents by kind (labels from each side's procedure): name and size on each side, and
 * whether the files are the same (SHA-256) — a file sent again under another kind is said too.
 */
function documentGroup(
  left: CaseDetail,
  right: CaseDetail,
  t: TFunction,
  language: Language,
): LineGroup {
  const labelOf = (code: string) =>
    (
      left.procedure.documents.find((document) => document.code === code) ??
      right.procedure.documents.find((document) => document.code === code)
    )?.label[language] ?? code;
  const codes = [
    ...new Set([...left.record.documents, ...right.record.documents].map((d) => d.code)),
  ];
  const rightHashes = new Set(right.record.documents.map((document) => document.sha256));
  const leftHashes = new Set(left.record.documents.map((document) => document.sha256));
  const describe = (document: PortalDocument | undefined, otherHashes: Set<string>) =>
    document
      ? t('linked.compareDocument', {
          name: document.fileName,
          size: t('units.kilobytes', { value: formatKilobytes(document.size, language) }),
          same: otherHashes.has(document.sha256)
            ? t('linked.compareSameFile')
            : t('linked.compareOtherFile'),
        })
      : t('linked.compareNoDocument');
  return {
    id: 'documents',
    title: t('linked.compareDocuments'),
    lines: codes.map((code) => {
      const own = left.record.documents.find((document) => document.code === code);
      const other = right.record.documents.find((document) => document.code === code);
      return {
        key: `document-${code}`,
        label: labelOf(code),
        left: describe(own, rightHashes),
        right: describe(other, leftHashes),
        compared: true,
        // Same kind, same bytes: nothing to see; anything else is marked.
        differs: !(own && other && own.sha256 === other.sha256),
      };
    }),
  };
}

/**
 * Two cases side by side (« Comparer »): the applicant's and company's main fields, then the
 * procedure's form with its own labels and formats, then the documents (names, sizes, whether
 * the files are the same). What differs is marked in words and colour: the clerk sees at a
 * glance whether the second one repeats the first.
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
  const groups = (right: CaseDetail): LineGroup[] => [
    {
      id: 'main',
      title: t('linked.compareMain'),
      lines: FIELDS.map((field) => ({
        key: field,
        label: t(`linked.fields.${field}`),
        left: mainValue(detail, field, t, language),
        right: mainValue(right, field, t, language),
        compared: !OWN.has(field),
      })),
    },
    ...formGroups(detail, right, t, language),
    documentGroup(detail, right, t, language),
  ];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size={1040}
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
        <Table withTableBorder fz="sm" layout="fixed" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="24%">{t('linked.compareField')}</Table.Th>
              <Table.Th>{detail.row.reference}</Table.Th>
              <Table.Th>{other.reference}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          {groups(query.data).map((group) => (
            <Table.Tbody key={group.id} data-testid={`compare-group-${group.id}`}>
              <Table.Tr className={classes.groupRow}>
                <Table.Th colSpan={3} scope="colgroup" className={classes.groupTitle}>
                  {group.title}
                </Table.Th>
              </Table.Tr>
              {group.lines.map((line) => {
                const differs = line.compared && (line.differs ?? line.left !== line.right);
                return (
                  <Table.Tr
                    key={line.key}
                    data-testid={`compare-${line.key}`}
                    data-differs={differs}
                    className={differs ? classes.differs : undefined}
                  >
                    <Table.Th scope="row" fw={500}>
                      {line.label}
                      {differs && (
                        <span className={classes.differsWord}>({t('linked.compareDiffers')})</span>
                      )}
                    </Table.Th>
                    <Table.Td className={classes.value}>{line.left}</Table.Td>
                    <Table.Td className={classes.value}>{line.right}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          ))}
        </Table>
      )}
    </Modal>
  );
}
