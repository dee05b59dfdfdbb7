import type { TextareaProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX_LENGTH } from '../../../../shared/api/contract/common';
import { formatNumber } from '../../format/numbers';
import { useLanguage } from '../../shell/useLanguage';
import { TextModuleTextarea } from '../../textModules/TextModuleTextarea';
import type { TextModuleSource } from '../../textModules/useTextModules';
import classes from './CommentField.module.css';

/** Near the end, the counter turns orange: the clerk sees it before the box stops taking text. */
const WARN_AT = 0.9;

/**
 * A decision's comment: the contract's length limit, a counter under the box (« 1 840 / 2 000 »),
 * and a box that grows to a few lines then scrolls, so the dialog's buttons stay in view. Given
 * the case and the box (`textModules`), `::` and a few letters insert one of its phrases.
 */
export function CommentField(
  props: {
    value: string;
    onChange: (value: string) => void;
    hint?: string;
    textModules?: TextModuleSource;
  } & Omit<TextareaProps, 'value' | 'onChange' | 'description' | 'maxLength'>,
) {
  const { value, onChange, hint, textModules, ...rest } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const count = value.length;
  const max = COMMENT_MAX_LENGTH;
  const tone = count >= max ? 'full' : count >= max * WARN_AT ? 'near' : 'room';
  return (
    <TextModuleTextarea
      autosize
      minRows={3}
      maxRows={8}
      {...rest}
      textModules={textModules}
      value={value}
      onChange={onChange}
      maxLength={max}
      error={
        count > max
          ? t('forms.tooLong', {
              max: formatNumber(max, language),
              count: formatNumber(count, language),
            })
          : rest.error
      }
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        <span className={classes.below}>
          <span>{hint ?? (textModules ? t('textModules.field.hint') : undefined)}</span>
          <span className={classes.counter} data-tone={tone} data-testid="comment-counter">
            {t('forms.counter', {
              count: formatNumber(count, language),
              max: formatNumber(max, language),
            })}
          </span>
        </span>
      }
    />
  );
}
