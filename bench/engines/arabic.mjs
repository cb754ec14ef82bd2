// The Arabic normaliser given to the JS engines' tuned variants (the same rules as the
// Atlas's normalize.rs/analyze.rs in spirit, written from this list):
// - strip tashkeel U+064B–U+065F, U+0670 and tatweel U+0640; Latin accents (NFKD + marks);
// - fold أ إ آ ٱ → ا, ؤ → و, ئ → ي, ة → ه, ى → ي (and Persian ی ک → ي ك);
// - Arabic-Indic and Persian digits → 0–9; Latin lower-cased;
// - split into runs of Arabic letters, digits and other letters (so "ال47" → "ال", "47");
// - strip the clitics/article و ف ب ك ل ال وال بال كال فال لل from an Arabic word while the
//   rest keeps ≥ 2 letters (repeatedly, so a word and its prefixed forms meet: وبالمغرب → مغرب);
// - drop the Atlas's stopwords (the same list as analyze.rs).

const MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;
const FOLD = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و', 'ئ': 'ي', 'ة': 'ه', 'ى': 'ي', 'ی': 'ي',
  'ک': 'ك',
};
for (let d = 0; d < 10; d++) {
  FOLD[String.fromCharCode(0x0660 + d)] = String(d);
  FOLD[String.fromCharCode(0x06f0 + d)] = String(d);
}
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
const TOKEN_RE = /[\u0621-\u064a\u066e-\u06d3\u06d5]+|[0-9]+|[^\s\p{P}\p{S}\u0600-\u06ff0-9]+/gu;
const ARABIC_RE = /^[\u0621-\u064a\u066e-\u06d3\u06d5]/;
const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ك', 'ل'];

export const STOPWORDS = new Set([
  'في', 'من', 'على', 'الي', 'الى', 'عن', 'مع', 'و', 'او', 'ثم', 'هذا', 'هذه', 'ذلك', 'التي',
  'الذي', 'ال', 'the', 'of', 'and', 'in', 'a', 'an', 'to', 'de', 'la', 'le', 'les', 'des', 'du',
  'et', 'en', 'el', 'y', 'los', 'las', 'del',
]);

/** Character-level normalisation of a whole text (no tokenising). */
export function normalizeText(s) {
  // The hamza/madda forms decompose under NFKD to a bare letter + a mark we strip; FOLD
  // catches them as well for text that is already composed.
  return s
    .replace(FOLD_RE, (c) => FOLD[c])
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLD_RE, (c) => FOLD[c])
    .toLowerCase();
}

/** Strips leading clitics and the article while at least 2 letters remain. */
export function stripPrefixes(w) {
  for (;;) {
    const p = PREFIXES.find((p) => w.startsWith(p) && [...w].length - [...p].length >= 2);
    if (!p) return w;
    w = w.slice(p.length);
  }
}

/** One already-normalised token → its indexed form, or null for a stopword. */
export function processToken(t) {
  if (STOPWORDS.has(t)) return null;
  return ARABIC_RE.test(t) ? stripPrefixes(t) : t;
}

/** A text → its indexed terms (normalised, split, prefixes stripped, no stopwords). */
export function arabicTerms(text) {
  const out = [];
  for (const t of normalizeText(String(text ?? '')).match(TOKEN_RE) ?? []) {
    const p = processToken(t);
    if (p) out.push(p);
  }
  return out;
}

/** The same, joined by spaces (for engines that take strings, e.g. Fuse.js's getFn). */
export function arabicNormalize(text) {
  return arabicTerms(text).join(' ');
}

/** Tokeniser for MiniSearch: split the normalised text (processTerm then maps each token). */
export function arabicTokenize(text) {
  return normalizeText(String(text ?? '')).match(TOKEN_RE) ?? [];
}
