/**
 * What the word index (the search_words migration) can look up for a search. Its tokenizer splits
 * text into words: runs of ASCII letters and digits and of non-ASCII bytes, anything else between
 * them, ASCII case folded. A search matches text anywhere, so its own ends may fall inside words of
 * the captured text: only a word it holds whole (a separator on each side, within the search) must be
 * in the index as it is, and a last word that a separator precedes must start one. A first word that
 * nothing precedes could be the end of a longer one, and is not looked up. `bounded` text is known to
 * be whole (a header name), so all its words are.
 */

// Non-ASCII characters are word characters, as their UTF-8 bytes are to the tokenizer.
const WORD = /[A-Za-z0-9\u0080-\u{10FFFF}]+/gu;
// A shorter prefix would match so many words that scanning costs less.
const MIN_PREFIX = 3;

/** The FTS5 terms (ANDed by the caller) every capture holding `text` has in the index; none narrows nothing. */
export function wordTerms(text: string, bounded = false): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!bounded && start === 0) continue;
    // Words hold no quote: each is one FTS5 string, a prefix query when it may go on.
    if (bounded || end < text.length) terms.push(`"${match[0]}"`);
    else if ([...match[0]].length >= MIN_PREFIX) terms.push(`"${match[0]}" *`);
  }
  return terms;
}
