import { Combobox, Group, Text, Textarea, useCombobox, type TextareaProps } from '@mantine/core';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fillPlaceholders, placeholdersLeft } from '../../../shared/textModules/placeholders';
import { textModuleTrigger } from '../../../shared/textModules/matchTextModules';
import type { TextModule } from '../../../shared/textModules/textModule';
import { useLanguage } from '../shell/useLanguage';
import classes from './TextModuleTextarea.module.css';
import { useTextModuleMatches, useTextModuleValues, type TextModuleSource } from './useTextModules';

/** The first words of a phrase, as the list shows them under its title. */
const FIRST_WORDS = 90;
const firstWords = (text: string) =>
  text.length <= FIRST_WORDS ? text : `${text.slice(0, FIRST_WORDS).replace(/\s+\S*$/, '')}…`;

export type TextModuleTextareaProps = Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  /** The case and the box: typing `::` then offers the phrases for them. Absent: a plain box. */
  textModules?: TextModuleSource;
};

/**
 * A text box where `::` and a few letters open the list of the case's phrases (the Zammad
 * habit): ↑/↓ move, Enter or Tab insert the phrase with the case's values, Escape closes the list
 * and leaves the text as typed; a click inserts too. The box keeps its own keys otherwise (the
 * caller's `onKeyDown`, Ctrl+Entrée, runs as before). The text box is the combobox's input
 * (aria-haspopup, aria-controls, aria-activedescendant), the phrases a listbox; a polite live
 * region says how many phrases match. Placeholders left unfilled stay visible, said under the box.
 */
export function TextModuleTextarea(props: TextModuleTextareaProps) {
  const { value, onChange, textModules, onKeyDown, ...rest } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const box = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  /** Where the `::` the clerk closed with Escape starts: it does not open again. */
  const [dismissed, setDismissed] = useState<number | null>(null);
  /** The highlighted phrase, for the search it was chosen in (a new search starts on its best). */
  const [choice, setChoice] = useState<{ query: string; index: number }>({ query: '', index: 0 });
  const trigger = textModules && caret !== null ? textModuleTrigger(value, caret) : null;
  const live = trigger !== null && trigger.start !== dismissed;
  const { modules, loading } = useTextModuleMatches(textModules, live ? trigger.query : null);
  const valuesNow = useTextModuleValues(textModules?.detail ?? null, live);
  const opened = live;
  const combobox = useCombobox({ opened });
  const optionId = useId();
  const idOf = (index: number) => `${optionId}-option-${index}`;
  const left = textModules ? placeholdersLeft(value) : [];

  const query = live ? trigger.query : '';
  const active = choice.query === query ? choice.index : 0;
  const setActive = (next: (index: number) => number) => setChoice({ query, index: next(active) });

  const track = () => setCaret(box.current?.selectionStart ?? null);

  const insert = (module: TextModule) => {
    if (!trigger) return;
    const filled = fillPlaceholders(module.body, valuesNow()).text;
    const next = value.slice(0, trigger.start) + filled + value.slice(caret ?? value.length);
    const at = trigger.start + filled.length;
    onChange(next);
    setCaret(at);
    // Once React has written the new text, the caret goes after the phrase.
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(at, at);
    });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (opened && !event.nativeEvent.isComposing) {
      const count = modules.length;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(trigger.start);
        return;
      }
      if (count > 0 && plain && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
        return;
      }
      if (count > 0 && plain && !event.shiftKey && (event.key === 'Enter' || event.key === 'Tab')) {
        event.preventDefault();
        insert(modules[Math.min(active, count - 1)]!);
        return;
      }
    }
    onKeyDown?.(event);
  };

  const textarea = (
    <Textarea
      {...rest}
      ref={box}
      value={value}
      onChange={(event) => {
        const text = event.currentTarget.value;
        onChange(text);
        setCaret(event.currentTarget.selectionStart);
        // The `::` closed with Escape is gone (erased): a new one there may open.
        if (dismissed !== null && text.slice(dismissed, dismissed + 2) !== '::') setDismissed(null);
      }}
      onSelect={track}
      onClick={track}
      onKeyDown={handleKeyDown}
      onBlur={(event) => {
        setCaret(null);
        rest.onBlur?.(event);
      }}
    />
  );
  if (!textModules) return textarea;

  const count = modules.length;
  const values = count > 0 ? valuesNow() : {};
  return (
    <div>
      <Combobox
        store={combobox}
        onOptionSubmit={(id) => {
          const module = modules.find((entry) => entry.id === id);
          if (module) insert(module);
        }}
        position="bottom-start"
        middlewares={{ flip: true, shift: true }}
        withinPortal
        zIndex={400}
        width="target"
      >
        <Combobox.Target
          withKeyboardNavigation={false}
          aria-autocomplete="list"
          aria-activedescendant={opened && count > 0 ? idOf(active) : undefined}
        >
          {textarea}
        </Combobox.Target>
        <Combobox.Dropdown data-testid="text-module-list">
          {/* Mantine keeps a closed dropdown in the page: no listbox there unless it is open
              (the case page reads an open listbox as « Escape is the list's »). */}
          {opened && (
            <Combobox.Options aria-label={t('textModules.field.listLabel')}>
              {count === 0 ? (
                <Combobox.Empty>
                  {loading
                    ? t('textModules.field.loading')
                    : t('textModules.field.none', { query: trigger?.query ?? '' })}
                </Combobox.Empty>
              ) : (
                modules.map((module, index) => (
                  <Combobox.Option
                    key={module.id}
                    value={module.id}
                    id={idOf(index)}
                    selected={index === active}
                    aria-selected={index === active}
                    onMouseEnter={() => setActive(() => index)}
                    className={classes.option}
                    data-testid="text-module-option"
                    data-keyword={module.keyword}
                  >
                    <Group gap={8} wrap="nowrap" align="baseline">
                      <Text span size="sm" ff="monospace" className={classes.keyword}>
                        ::{module.keyword}
                      </Text>
                      <Text span size="sm" fw={600}>
                        {(language === 'en' && module.title.en) || module.title.fr}
                      </Text>
                    </Group>
                    <Text size="xs" className={classes.preview} lineClamp={1}>
                      {firstWords(fillPlaceholders(module.body, values).text)}
                    </Text>
                  </Combobox.Option>
                ))
              )}
            </Combobox.Options>
          )}
        </Combobox.Dropdown>
      </Combobox>
      <span className={classes.liveRegion} aria-live="polite" role="status">
        {opened && count > 0 ? t('textModules.field.found', { count }) : ''}
      </span>
      {left.length > 0 && (
        <Text size="xs" className={classes.left} data-testid="text-module-left">
          {t('textModules.field.left', { placeholders: left.join(', ') })}
        </Text>
      )}
    </div>
  );
}
