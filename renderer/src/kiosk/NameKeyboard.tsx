import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'simple-keyboard/build/index.modern.esm.js';
import 'simple-keyboard/build/css/index.css';
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';

type Mode = 'pinyin' | 'latin';

/** Pinyin syllable → candidate characters, from simple-keyboard-layouts' Chinese layout. */
const PINYIN_CANDIDATES = (chinese as unknown as { layoutCandidates: Record<string, string> }).layoutCandidates;

/** Letters only, large: a name needs no digits or punctuation beyond the middle dot and hyphen. */
const LAYOUTS: Record<Mode, Record<string, string[]>> = {
  pinyin: {
    default: ['q w e r t y u i o p', 'a s d f g h j k l', 'z x c v b n m {bksp}', '{latin} · {space} {clear}'],
  },
  latin: {
    default: ['q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m {bksp}', "{pinyin} - ' {space} {clear}"],
    shift: ['Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M {bksp}', "{pinyin} - ' {space} {clear}"],
  },
};

const CANDIDATES_PER_PAGE = 8;
export const NAME_MAX_LENGTH = 50;

interface Candidates {
  /** The pinyin at the end of the name that the characters replace. */
  syllable: string;
  characters: string[];
}

/**
 * The name keyboard: simple-keyboard with large keys, pinyin → characters through
 * the Chinese layout's candidate list, and a Latin mode for other names. The
 * candidates are shown as real buttons (touch, Tab and Enter all work), found by
 * simple-keyboard's own matching of the pinyin typed last.
 */
export function NameKeyboard({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  const [mode, setMode] = useState<Mode>('pinyin');
  const [candidates, setCandidates] = useState<Candidates | null>(null);
  const [page, setPage] = useState(0);
  const latest = useRef({ value, onChange, setMode });
  latest.current = { value, onChange, setMode };

  // One simple-keyboard for the step's life; destroyed (with what it holds) when the step ends.
  useEffect(() => {
    const instance = new Keyboard(container.current!, {
      layout: LAYOUTS.pinyin,
      layoutName: 'default',
      useButtonTag: true,
      disableCaretPositioning: true,
      disableButtonHold: true,
      // We show the candidates ourselves (as buttons); the layout's table still drives the matching.
      enableLayoutCandidates: false,
      layoutCandidates: PINYIN_CANDIDATES,
      maxLength: NAME_MAX_LENGTH,
      onChange: (input: string) => latest.current.onChange(input),
      onKeyPress: (button: string) => {
        if (button === '{clear}') latest.current.onChange('');
        else if (button === '{latin}') latest.current.setMode('latin');
        else if (button === '{pinyin}') latest.current.setMode('pinyin');
        else if (button === '{shift}') {
          instance.setOptions({ layoutName: instance.options.layoutName === 'shift' ? 'default' : 'shift' });
        }
      },
    });
    instance.setInput(latest.current.value);
    keyboard.current = instance;
    return () => {
      keyboard.current = null;
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    keyboard.current?.setOptions({
      layout: LAYOUTS[mode],
      layoutName: 'default',
      layoutCandidates: mode === 'pinyin' ? PINYIN_CANDIDATES : undefined,
    });
  }, [mode]);

  // Key labels in the visitor's language.
  useEffect(() => {
    keyboard.current?.setOptions({
      display: {
        '{bksp}': `⌫ ${t('kioskFlow.keys.backspace')}`,
        '{space}': t('kioskFlow.keys.space'),
        '{clear}': t('kioskFlow.keys.clear'),
        '{shift}': `⇧ ${t('kioskFlow.keys.capitals')}`,
        '{latin}': t('kioskFlow.keys.latin'),
        '{pinyin}': t('kioskFlow.keys.pinyin'),
      },
    });
  }, [t]);

  // Typed on the screen or on a physical keyboard: keep simple-keyboard and the candidates in step.
  useEffect(() => {
    const instance = keyboard.current;
    if (!instance) return;
    if (instance.getInput() !== value) instance.setInput(value);
    const found = mode === 'pinyin' ? instance.getInputCandidates(value) : {};
    setCandidates(found.candidateKey && found.candidateValue ? { syllable: found.candidateKey, characters: found.candidateValue.split(' ') } : null);
    setPage(0);
  }, [value, mode]);

  const choose = (character: string) => {
    if (!candidates) return;
    onChange(value.slice(0, value.length - candidates.syllable.length) + character);
  };

  const pages = candidates ? Math.ceil(candidates.characters.length / CANDIDATES_PER_PAGE) : 0;
  const shown = candidates?.characters.slice(page * CANDIDATES_PER_PAGE, (page + 1) * CANDIDATES_PER_PAGE) ?? [];

  return (
    <div className="name-keyboard">
      <div className="candidate-bar" role="group" aria-label={t('kioskFlow.name.candidates')} data-testid="candidates">
        {candidates ? (
          <>
            <button type="button" className="candidate-page" disabled={page === 0} onClick={() => setPage(page - 1)} aria-label={t('kioskFlow.name.previousCandidates')}>
              ‹
            </button>
            {shown.map((character, index) => (
              <button key={`${page}-${index}`} type="button" className="candidate" lang="zh-CN" onClick={() => choose(character)}>
                {character}
              </button>
            ))}
            <button type="button" className="candidate-page" disabled={page >= pages - 1} onClick={() => setPage(page + 1)} aria-label={t('kioskFlow.name.moreCandidates')}>
              ›
            </button>
          </>
        ) : (
          <p className="candidate-hint">{mode === 'pinyin' ? t('kioskFlow.name.pinyinHint') : t('kioskFlow.name.latinHint')}</p>
        )}
      </div>
      <div ref={container} className="simple-keyboard" />
    </div>
  );
}
