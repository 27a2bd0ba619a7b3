/**
 * Words by language: how a word of a report, or of a search, becomes an index term. The same
 * functions run where an index is built (the page, the search worker, the CLI's split format) and
 * where it is searched, so the two always agree; `ANALYSIS` names them, and an index or a split
 * folder made with another analysis is not read.
 *
 * A word is folded (case, accents, Arabic letter variants: see `foldText`), then, for the language
 * of the report (its own `language`, else the catalogue's, else English): English, French and
 * Spanish stop words are left out, and the word is stemmed (Snowball-family stemmers from
 * @orama/stemmers); Arabic loses its article and common affixes (a light stemmer). Other
 * languages are folded only.
 */
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import { foldText } from './text.js';

export { ANALYSIS } from './text.js';

/** The languages analysed beyond folding. */
export type Analysed = 'en' | 'fr' | 'es' | 'ar';

/**
 * Function words, folded, as the Snowball project lists them (less the forms a tokenizer splits at
 * the apostrophe), with the question words a visitor types: they say little about a report.
 */
const STOP: Record<Exclude<Analysed, 'ar'>, Set<string>> = {
  en: /*#__PURE__*/ words(
    'a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once only or other ought our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves',
  ),
  fr: /*#__PURE__*/ words(
    'a ai au aux avec avez avons c ce ceci cela ces cet cette comment d dans de des du elle elles en est et etaient etait ete etre eu eux il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ont ou par pas pour pourquoi qu quand que quel quelle quelles quels qui s sa sans se ses son sont sur t ta te tes toi ton tu un une vos votre vous y',
  ),
  es: /*#__PURE__*/ words(
    'a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde durante e el ella ellas ellos en entre era eran es esa esas ese eso esos esta estan estas este esto estos fue fueron ha han hay la las le les lo los me mi mis muy ni no nos o os para pero por porque que quien quienes se sea ser si sin sobre son su sus te tu tus un una unas uno unos y ya yo',
  ),
};

function words(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** English plurals a suffix-stripping stemmer cannot see, in the words reports on trafficking use most. */
const IRREGULAR: Record<string, string> = { women: 'woman', men: 'man', children: 'child' };

const STEM: Record<Analysed, (word: string) => string> = {
  en: (word) => englishStem(IRREGULAR[word] ?? word),
  fr: frenchStem,
  es: spanishStem,
  ar: arabicStem,
};

const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

/**
 * A light Arabic stemmer (after Larkey's light10), on folded text (ة is ه, ى is ي already): the
 * article and its prefixed forms, then a leading و, then common suffixes, keeping two letters at least.
 */
export function arabicStem(word: string): string {
  for (const prefix of ARABIC_PREFIXES)
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) {
      word = word.slice(prefix.length);
      break;
    }
  if (word.length > 3 && word.startsWith('و')) word = word.slice(1);
  for (const suffix of ARABIC_SUFFIXES)
    if (word.endsWith(suffix) && word.length - suffix.length >= 2) word = word.slice(0, -suffix.length);
  return word;
}

export const ARABIC = /[\u0600-\u06ff]/;

/** The analysis of a language code ("fr-CA" is French); null for a language only folded. */
export function analysed(language: string | undefined): Analysed | null {
  const primary = (language ?? 'en').toLowerCase().split(/[-_]/)[0]!;
  return primary in STEM ? (primary as Analysed) : null;
}

/** Whether a folded word is a stop word of a language. */
export const isStop = (term: string, language: Analysed | null): boolean =>
  language !== null && language !== 'ar' && STOP[language].has(term);

/**
 * The index term of one folded word in a language: stemmed, or null for a stop word (unless
 * `keepStop`). A word in Arabic script is stemmed as Arabic whatever the language.
 */
export function termOf(folded: string, language: Analysed | null, keepStop = false): string | null {
  if (folded === '') return null;
  if (ARABIC.test(folded)) return arabicStem(folded);
  if (language === null || language === 'ar') return folded;
  if (!keepStop && isStop(folded, language)) return null;
  // A catalogue has far fewer distinct words than words: each is stemmed once.
  const memo = (stems[language] ??= new Map());
  let stem = memo.get(folded);
  if (stem === undefined) memo.set(folded, (stem = STEM[language](folded)));
  return stem;
}

/** Each language's stems so far, by folded word. */
const stems: Partial<Record<Analysed, Map<string, string>>> = {};

/** The words of a text, folded: runs of letters, marks and digits. */
export const foldedWords = (text: string): string[] =>
  text
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .map(foldText)
    .filter((word) => word !== '');

/**
 * The index terms of a report's field in its language. Stop words are kept in titles only, so a
 * search made only of stop words still finds the titles that hold them.
 */
export function analyse(text: string, language: Analysed | null, keepStop = false): string[] {
  const terms: string[] = [];
  for (const word of text.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const term = termOf(foldText(word), language, keepStop);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** The languages a catalogue's reports are analysed in: each report's own, the catalogue's, else English. */
export function languagesOf(reports: readonly { language?: string }[], language?: string): (Analysed | null)[] {
  const all = new Set<Analysed | null>([analysed(language)]);
  for (const report of reports) if (report.language) all.add(analysed(report.language));
  return [...all];
}

/**
 * A searched word as the index may hold it: its term in each of the catalogue's languages, so that
 * a French word finds French reports by another form, whatever the catalogue's own language. A
 * word that is a stop word in one of them is `stop` (left out while the search has other words).
 */
export function queryTerms(word: string, languages: readonly (Analysed | null)[]): { terms: string[]; stop: boolean } {
  const folded = foldText(word);
  const stop = languages.some((language) => isStop(folded, language));
  const terms = new Set<string>();
  for (const language of languages) terms.add(termOf(folded, language, true) ?? folded);
  return { terms: [...terms], stop };
}
