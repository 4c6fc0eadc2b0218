/* text: Unicode and Arabic normalization, tokens, snippets. Pure. */
#ifndef RAQIB_TEXT_H
#define RAQIB_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum text_kind {
	TEXT_WORD,	/* a run of letters and digits */
	TEXT_SYMBOL	/* one symbol character, such as + or & */
};

/* One token; norm is owned by the struct text it came from. */
struct text_token {
	const char	*norm;		/* normalized, NUL-terminated UTF-8 */
	size_t		 normlen;
	size_t		 start;		/* byte span in the ORIGINAL input */
	size_t		 end;
	enum text_kind	 kind;
	unsigned char	 joined;	/* a word of the hashtag the token
					   before is a word of (text_tokenize) */
	unsigned char	 hyphen;	/* a word joined to the word before
					   by a hyphen or dash, no space
					   between (Kazakh-Chinese); chars,
					   so that the token stays 40 bytes */
};

struct text;

/*
 * Normalize and tokenize (README.md, "The match language").
 * Input need not be NUL-terminated nor valid UTF-8 (invalid bytes separate
 * tokens).
 *
 * NFKC + case fold (utf8proc), then: Arabic marks, tatweel, bidi and
 * zero-width characters and the soft hyphen are removed without splitting
 * the word, but for a ZWNJ before ال + two letters or before a Persian
 * suffix that ends the word (ها های ی ای ام ات اش تر ترین مان تان شان),
 * which ends it there (قزاقستانی‌ها is قزاقستاني ها); أ إ آ ٱ → ا,
 * ى ی → ي, ة ھ ہ ۃ → ه, ک گ ڭ → ك, پ → ب, چ ژ → ج, and also ؤ → و,
 * ئ → ي (hamza seats vary between writers), ё → е; Arabic-Indic and
 * Persian digits → 0-9. A word is a run of letters, digits and the marks
 * that remain; a digit run or another script's letter ends before an
 * Arabic letter (٢٠١٥م → 2015 م), and an Arabic letter before another
 * script's (كازاخستانKazakhstan → كازاخستان kazakhstan). A
 * symbol (Sm, Sc, So, and # % & @) is a token of its own; all other
 * punctuation separates, and so do the minus sign and the fraction,
 * division and big slashes, so that a compound joined by any hyphen, dash
 * or slash is its words. A lone "s" after word + apostrophe is dropped.
 * An HTML tag left in the text (a feed's escaped markup) is not read: one
 * of an element inside a line (<b>, <wbr>, <span …>) joins what is on
 * either side, one that breaks it (<br>, <p>, <li>) separates.
 * A word written right after # or @ is the words its capitals begin
 * (text_camel_cuts: #KazakhstanElections is kazakhstan elections,
 * @KazakhstanMFA kazakhstan mfa), when
 * its code points and its norm's line up one for one.
 * A word that mixes Latin (digits count as Latin), Cyrillic and Greek is
 * read in the script most of its letters are in, ties going to Latin: its
 * other letters that look like one of that script become it (С5 with a
 * Cyrillic С is c5, Казахстан with a Latin K is казахстан). A word in one
 * script keeps its letters.
 */
struct text			*text_tokenize(const char *, size_t);
size_t				 text_ntokens(const struct text *);
/* The tokens that are joined to the one before them: 0 when no hashtag split. */
size_t				 text_njoined(const struct text *);
const struct text_token		*text_token(const struct text *, size_t);
/* The tokens in order, text_ntokens() of them: token i is text_token(t, i). */
const struct text_token		*text_tokens(const struct text *);
/* One more owner of a text: each text_free() drops one, the last frees. */
struct text			*text_hold(struct text *);
void				 text_free(struct text *);

/*
 * A memo of the texts tokenized last: syndicated news carries one headline
 * and one summary into many feeds, and each is tokenized once. It keeps
 * up to TEXT_MEMO_SETS * 2 texts of at most TEXT_MEMO_TEXT bytes (longer
 * ones are tokenized anew), dropping the older of two whose hashes meet.
 * text_memo_tokenize() gives what text_tokenize() would, to be freed with
 * text_free(); it outlives the memo being emptied (text_memo_clear()) or
 * freed. Not for use by two threads at once.
 */
#define TEXT_MEMO_SETS	2048
#define TEXT_MEMO_TEXT	1024	/* bytes */
struct text_memo;
struct text_memo		*text_memo_new(void);
void				 text_memo_clear(struct text_memo *);
void				 text_memo_free(struct text_memo *);
struct text			*text_memo_tokenize(struct text_memo *,
				    const char *, size_t);

/*
 * Where the words of a CamelCase word s start, as byte offsets into s: at
 * a capital after a small letter, and at a capital before a small one
 * after a capital or a digit (KazakhstanElections, USAToday, G7Summit,
 * ВыборыВКазахстане); at most
 * max of them. The tokenizer reads a hashtag so (#KazakhstanElections is
 * kazakhstan elections). 0 when s has none, or invalid UTF-8.
 */
#define TEXT_CAMEL_MAX	16
size_t	 text_camel_cuts(const char *s, size_t len, size_t *cut, size_t max);

/* The normalized tokens joined by single spaces; caller frees. */
char	*text_normalize(const char *, size_t);

/*
 * A name made of the words of s as written, joined by '-': ASCII letters in
 * lower case, what tokens drop (harakat, tatweel, bidi and zero-width
 * marks) left out, symbols and punctuation gone; at most maxchars
 * characters, cut between words when it can be. "" when s has no word.
 * Caller frees.
 */
char	*text_slug(const char *s, size_t len, size_t maxchars);

/* A copy that is valid UTF-8: each invalid byte becomes U+FFFD. Caller frees. */
char	*text_utf8_clean(const char *, size_t);
int	 text_utf8_valid(const char *, size_t);
/* Whether a code point is a letter or a combining mark (Unicode's L and M). */
int	 text_is_letter(uint32_t);

/*
 * About maxchars characters of s around the byte span [hs, he), cut at word
 * boundaries, whitespace folded, with "…" where cut. *ohs and *ohe receive
 * the span inside the returned string (caller frees).
 */
char	*text_snippet(const char *s, size_t len, size_t hs, size_t he,
	    size_t maxchars, size_t *ohs, size_t *ohe);
/*
 * The sentence of s that holds the byte span [hs, he) (from the end of the
 * one before to its own . ! ? ؟ … ۔ or line break), as text_snippet gives
 * it: at most about maxchars characters around the span, "…" where cut
 * inside the sentence. hs = he = 0 gives the opening sentence.
 */
char	*text_sentence(const char *s, size_t len, size_t hs, size_t he,
	    size_t maxchars, size_t *ohs, size_t *ohe);

/*
 * A form of a token for a full-text index: the normalized form (colocated
 * 0), or one more form of the same token (colocated 1); [start, end) is the
 * token's byte span in the original input. Non-zero stops text_index().
 */
typedef int	(*text_index_cb)(const char *form, size_t formlen,
		    size_t start, size_t end, int colocated, void *arg);

/*
 * The forms a full-text index keeps of a text, in order: each token's
 * normalized form as text_tokenize() gives it and, for a word that starts
 * with an Arabic proclitic (و ف ب ك ل ال and their combinations, لل: the
 * matcher's list, match.h), the word without it, and without the article
 * that follows it, while two characters remain. Every base form the
 * matcher tries after taking off a proclitic is one of them, and so is
 * that form without its article: so a search for a term's stem finds
 * every word the matcher accepts for it.
 * Returns cb's non-zero value when it stopped, else 0.
 */
int	 text_index(const char *, size_t, text_index_cb cb, void *arg);
/* The same forms of a text text_tokenize() has read. */
int	 text_index_tokens(const struct text *, text_index_cb cb, void *arg);
/*
 * A number that changes whenever text_index() would give some text other
 * forms: a hash of the tables of folds, scripts and look-alikes, of the
 * Unicode version utf8proc normalizes by, and of the forms of probe words
 * with proclitics, articles and glued scripts. An index built under
 * another number may lack forms a search asks for now. A change to how
 * forms are made that none of these shows must extend the probe words.
 */
uint64_t text_index_version(void);

#endif
