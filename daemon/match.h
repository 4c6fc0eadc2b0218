/*
 * match: the watch-list language; topics compiled into one matcher. Pure.
 *
 * An expression: phrases (a run of words matched as consecutive tokens),
 * AND, OR, NOT (uppercase only; "and" is a word), parentheses, "quotes" for
 * a literal phrase, word* for a prefix, ~word for the spelling variants of
 * a transliterated name (same consonant skeleton once ا و ي ء are dropped,
 * 3 consonants at least), a NEAR/n b (phrases a and b in one field, in
 * either order, with at most n tokens between them; either side may be
 * phrases joined by OR in parentheses), and title:, summary:
 * or content: before a phrase or group to restrict where it may match.
 * Precedence: NOT > AND > OR; two operands with no operator between them
 * are ANDed (adjacent words are one phrase).
 *
 * A text word matches a term word when equal after text.h normalization;
 * term words of 4 letters or more also match with Arabic proclitics
 * (و ف ب ك ل ال and combinations, لل) and a closed list of suffixes
 * (Arabic nisba ي يه يين يون …, English s es ies, Russian case endings);
 * an English plural in a term stands for its singular (`rare earths` is
 * `rare earth`, so the text's rare-earth, rare earth and rare earths all
 * match it).
 */
#ifndef RAQIB_MATCH_H
#define RAQIB_MATCH_H

#include <stddef.h>

struct buf;
struct text;

enum match_field {
	MATCH_TITLE = 1,
	MATCH_SUMMARY = 2,
	MATCH_CONTENT = 4,
	MATCH_ALL = 7
};

/* Where an expression is wrong: 1-based byte column and a message. */
struct match_error {
	int	 column;
	char	 msg[160];
};

/* The text of one item, borrowed for the call; any field may be NULL. */
struct match_doc {
	const char	*title;
	const char	*summary;
	const char	*content;
	const char	*source;	/* source name; NULL: not known, so
					   sources = restrictions do not apply */
};

/*
 * The title's and the summary's tokens when the caller has them already
 * (text_tokenize() of the whole field), borrowed; NULL: the field is read.
 */
struct match_tokens {
	const struct text	*title;
	const struct text	*summary;
};

/*
 * A topic that fired; field is 0 (no span) when only a NOT made it hold.
 * The first hit prefers the title; text_field is the first hit in the
 * item's text (summary, then content), 0 when the hits are all in the
 * title: the sentence a notification shows.
 */
struct match_hit {
	size_t			 topic;	/* index returned by match_topic_add */
	char			*terms;	/* terms that fired, as written, ", "-joined */
	enum match_field	 field;	/* field of the first hit */
	size_t			 start;	/* its byte span in that field's */
	size_t			 end;	/*   original text */
	enum match_field	 text_field;
	size_t			 text_start, text_end;
};

struct match_result {
	struct match_hit	*v;
	size_t			 n;
};

struct match;

struct match	*match_new(void);
/* A new topic matching in the given fields (0: all); its index, or -1. */
long		 match_topic_add(struct match *, const char *name, unsigned fields);
/* Restrict a topic to items of the named sources (each call adds one). */
int		 match_topic_source_add(struct match *, size_t topic,
		    const char *source);
size_t		 match_ntopics(const struct match *);
/* The topic's name, owned by the matcher; NULL past the end. */
const char	*match_topic_name(const struct match *, size_t topic);
/* Add a `match` (exclude == 0) or `exclude` expression; -1 with *err filled. */
int		 match_expr_add(struct match *, size_t topic, const char *expr,
		    int exclude, struct match_error *err);
/* Parse an expression alone (config checking); -1 with *err filled. */
int		 match_expr_check(const char *expr, struct match_error *err);
/*
 * The most words a phrase has (1 when none has more): a text cut in pieces
 * loses no phrase when each piece repeats that many tokens but one of the
 * piece before.
 */
size_t		 match_phrase_words(const struct match *);
/* Freeze the matcher after all adds. */
void		 match_compile(struct match *);
/*
 * The topics that fire on doc, in topic order; -1 when not compiled. The
 * matcher remembers the words of recent tokens (a memo it alone reads), so
 * one matcher serves one thread at a time.
 */
int		 match_doc(const struct match *, const struct match_doc *,
		    struct match_result *);
/* match_doc() reading the fields the caller has tokenized from tok. */
int		 match_doc_tokens(const struct match *, const struct match_doc *,
		    const struct match_tokens *, struct match_result *);
void		 match_result_free(struct match_result *);
/*
 * Append to out how the matcher sees doc (`raqib match --explain`): the
 * normalized tokens of each field, then for each topic (or only the given
 * one; SIZE_MAX: all) whether it fires, each match and exclude expression
 * as written and whether it holds, and each of its phrases: its words as
 * compared (word*, ~skeleton, "(exact)" when too short for clitics and
 * suffixes) and where it was first found. -1 when not compiled.
 */
int		 match_explain(const struct match *, const struct match_doc *,
		    size_t topic, struct buf *out);
/*
 * A query for a full-text index of text_index()'s forms (text.h) that every
 * document the topic fires on passes, in FTS5's query syntax: quoted words,
 * "stem"* prefixes, AND, OR, parentheses (match_filter.c says why it can't
 * miss). Into out (replacing what it held): 1 when written, 0 when nothing
 * narrower than every document holds (out is then empty), -1 when not
 * compiled or no such topic.
 */
int		 match_filter(const struct match *, size_t topic,
		    struct buf *out);
void		 match_free(struct match *);

#endif
