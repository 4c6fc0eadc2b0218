/*
 * match_run: a document's fields into phrase hits: tokens (text.h), the
 * pattern words each stands for, the phrases that start at each token.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "match_int.h"
#include "text.h"

/* Whether token i stands for word id. */
static int
match_run_has(const struct match_run *r, size_t i, size_t id)
{
	size_t	 k;

	for (k = r->at.v[i]; k < r->at.v[i + 1]; k++)
		if (r->ids.v[k] == id)
			return 1;
	return 0;
}

/*
 * Whether phrase p occurs with its first word read up to token next - 1
 * (of ntok): its other words are tokens next on.
 */
static int
match_run_phrase_at(const struct match_run *r, size_t p, size_t next,
    size_t ntok)
{
	const struct match_phrase	*ph;
	size_t				 k;

	ph = &r->m->phrases.v[p];
	if (ntok - next < ph->nwords - 1)
		return 0;
	for (k = 1; k < ph->nwords; k++)
		if (!match_run_has(r, next + k - 1,
		    r->m->pwords.v[ph->words + k]))
			return 0;
	return 1;
}

/*
 * Whether token t holds the word w after the article (ال, بال, لل …): a
 * word of an indefinite phrase is then another construction (المعادن
 * نادرة is a sentence, not معادن نادرة). A token that holds w otherwise
 * spelled is taken as it is.
 */
static int
match_run_definite(const struct match *m, const struct text_token *t,
    size_t w)
{
	return match_arabic_definite(t->norm, t->normlen,
	    m->arena.data + m->words.v[w].key, m->words.v[w].len);
}

/*
 * Whether indefinite phrase p, found at tokens [i, first + nwords) with
 * its first word read from i to first, has each word without the article.
 */
static int
match_run_indefinite(const struct match_run *r, const struct text *t,
    size_t p, size_t i, size_t first)
{
	const struct match_phrase	*ph = &r->m->phrases.v[p];
	size_t				 k;

	if (match_run_definite(r->m, text_token(t, i),
	    r->m->pwords.v[ph->words]))
		return 0;
	for (k = 1; k < ph->nwords; k++)
		if (match_run_definite(r->m, text_token(t, first + k),
		    r->m->pwords.v[ph->words + k]))
			return 0;
	return 1;
}

/*
 * Whether token k is a definite nisba adjective (السعودية, الروسي): in
 * العلاقات السعودية الأوزبكية the noun of two states is before both.
 */
static int
match_run_nisba(const struct text_token *k)
{
	const char	*e = k->norm + k->normlen;

	return k->kind == TEXT_WORD && k->normlen > 8 &&
	    memcmp(k->norm, "ال", 4) == 0 && (memcmp(e - 2, "ي", 2) == 0 ||
	    memcmp(e - 4, "يه", 4) == 0);
}

/*
 * The words after which a name that is a person's too is a place's
 * (match_person_names), normalized: a preposition of place (في, إلى,
 * من) and the nouns of a city. Sorted by bytes, for bsearch.
 */
static const char *const match_place_words[] = {
	"العاصمه", "المدينه", "الي", "بلديه", "عاصمه", "في", "مدينه",
	"مطار", "من", "والي", "وفي", "ومن"
};

/* Compare a key with an entry of match_place_words, for bsearch. */
static int
match_place_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

/*
 * The surnames that make a name of match_person_names the person's
 * wherever it stands (من نور سلطان نزارباييف is from the man),
 * normalized. Sorted by bytes, for bsearch.
 */
static const char *const match_person_surnames[] = {
	"نزاربايف", "نزارباييف"
};

/*
 * Whether the name that is a person's too found from token i, its last
 * word at token last, stands where a place does: its first word after ب
 * (بنور سلطان), or after a word of match_place_words, perhaps with a
 * nisba between (العاصمة الكازاخية); not before the person's surname.
 */
static int
match_run_placed(const struct match_run *r, const struct text *t, size_t p,
    size_t i, size_t last)
{
	const struct match_word	*w;
	const struct text_token	*k = text_token(t, i);

	if (last + 1 < text_ntokens(t) && bsearch(text_token(t,
	    last + 1)->norm, match_person_surnames,
	    nitems(match_person_surnames), sizeof(*match_person_surnames),
	    match_place_cmp) != NULL)
		return 0;
	w = &r->m->words.v[r->m->pwords.v[r->m->phrases.v[p].words]];
	if (k->normlen == w->len + 2 && memcmp(k->norm, "ب", 2) == 0)
		return 1;
	if (i > 1 && match_run_nisba(text_token(t, i - 1)))
		i--;
	return i > 0 && text_token(t, i - 1)->kind == TEXT_WORD &&
	    bsearch(text_token(t, i - 1)->norm, match_place_words,
	    nitems(match_place_words), sizeof(*match_place_words),
	    match_place_cmp) != NULL;
}

/*
 * The words before a place's name that make it a club's, a firm's, a
 * restaurant's, a street's or a quarter's, a ship's, a film's or a
 * book's (نادي أستانا, FC Astana, Dynamo Samarkand, Air Astana, клуб
 * «Астана», شارع بخارى, حي سمرقند, السفينة أستانا, مسلسل طشقند), and those
 * after it (Astana Motors, Samarkand Restaurant, Almaty Grill, طشقند مول,
 * Bishkek Ave), normalized. Each sorted by bytes, for bsearch.
 */
static const char *const match_org_before[] = {
	"air", "dinamo", "dynamo", "fc", "динамо", "клуб", "ресторан", "اغنيه",
	"السفينه", "اير", "حي", "دينامو", "ديناميو", "روايه", "سفينه", "شارع",
	"فريق", "فندق", "فيلم", "مسلسل", "مطعم", "مقهي", "نادي"
};
static const char *const match_org_after[] = {
	"ave", "avenue", "cafe", "fc", "grill", "hotel", "mall", "motors",
	"plaza", "restaurant", "street", "tower", "بلازا", "موتورز", "مول"
};

/* Whether token k is a word of the sorted list v of n words. */
static int
match_run_listed(const struct text_token *k, const char *const *v, size_t n)
{
	return k->kind == TEXT_WORD && bsearch(k->norm, v, n, sizeof(*v),
	    match_place_cmp) != NULL;
}

/*
 * Whether token k is word j of phrase p without an affix: no longer than
 * it (a spelling of it, أستانة for أستانا, but not a nisba).
 */
static int
match_run_bare(const struct match *m, const struct match_phrase *p, size_t j,
    const struct text_token *k)
{
	return k->normlen <= m->words.v[m->pwords.v[p->words + j]].len;
}

/*
 * Whether token k is a word of the sorted list v of n words, alone or
 * after a proclitic of one letter, و ف ب ل (لمطعم كازاخستان).
 */
static int
match_run_listed_clitic(const struct text_token *k, const char *const *v,
    size_t n)
{
	return match_run_listed(k, v, n) || (k->kind == TEXT_WORD &&
	    k->normlen > 2 && (memcmp(k->norm, "و", 2) == 0 ||
	    memcmp(k->norm, "ف", 2) == 0 || memcmp(k->norm, "ب", 2) == 0 ||
	    memcmp(k->norm, "ل", 2) == 0) && bsearch(k->norm + 2, v, n,
	    sizeof(*v), match_place_cmp) != NULL);
}

/*
 * Whether a place's name p found at tokens i to last names a club, a firm
 * or a restaurant there (match_org_before, match_org_after): written
 * without an affix, as a nisba is an adjective (نادي كازاخستاني, a
 * Kazakh club).
 */
static int
match_run_named(const struct match *m, const struct match_phrase *p,
    const struct text *t, size_t i, size_t last)
{
	return (i > 0 && match_run_bare(m, p, 0, text_token(t, i)) &&
	    match_run_listed_clitic(text_token(t, i - 1), match_org_before,
	    nitems(match_org_before))) ||
	    (last + 1 < text_ntokens(t) &&
	    match_run_bare(m, p, p->nwords - 1, text_token(t, last)) &&
	    match_run_listed(text_token(t, last + 1), match_org_after,
	    nitems(match_org_after)));
}

/*
 * The words after which a city's nisba is a person's name, not the
 * adjective of a thing (الإمام البخاري, الشيخ السمرقندي, عبد الله
 * الطشقندي, رواه البخاري): titles of scholars, the word that ends names
 * of the form عبد الله and the verbs that name a hadith's narrator,
 * normalized. Sorted by bytes, for bsearch.
 */
static const char *const match_name_titles[] = {
	"اخرجه", "الامام", "الحافظ", "الشيخ", "العلامه", "الفقيه", "القاضي",
	"الله", "المحدث", "المفسر", "رواه"
};

/*
 * The words of a name that a definite word after them continues (أبو
 * الليث, عبد الرحمن, ابن القيم), normalized. Sorted by bytes, for bsearch.
 */
static const char *const match_name_heads[] = {
	"ابا", "ابن", "ابو", "ابي", "ام", "بن", "بنت", "عبد"
};

/* Whether token k is an Arabic word (its first byte in U+0600-U+06FF). */
static int
match_run_arabic(const struct text_token *k)
{
	unsigned char	 c = (unsigned char)k->norm[0];

	return k->kind == TEXT_WORD && k->normlen > 0 && c >= 0xd8 &&
	    c <= 0xdb;
}

/*
 * Whether Arabic token k is a noun that a definite adjective cannot
 * follow: no article and no pronoun (ه ها هم, or ة, which the normal form
 * writes ه) at its end. صحيح البخاري, رواه البخاري are a name's.
 */
static int
match_run_bare_noun(const struct text_token *k)
{
	return match_run_arabic(k) && !match_arabic_definite(k->norm,
	    k->normlen, "", 0) && memcmp(k->norm + k->normlen - 2, "ه",
	    2) != 0 && (k->normlen < 4 || (memcmp(k->norm + k->normlen - 4,
	    "ها", 4) != 0 && memcmp(k->norm + k->normlen - 4, "هم", 4) != 0 &&
	    memcmp(k->norm + k->normlen - 4, "نا", 4) != 0));
}

/*
 * Whether token k, where phrase p's word w was found, holds it after the
 * article: a city's name in any of its spellings (البخاري of بخارى, found
 * as بخارا too), another word as itself, not a people's other word that
 * the phrase found there (القيرغيزي for قيرغيزستان).
 */
static int
match_run_definite_of(const struct match *m, const struct match_phrase *p,
    const struct match_word *w, const struct text_token *k)
{
	if (p->place == MATCH_PLACE_CITY)
		return match_arabic_definite(k->norm, k->normlen, "", 0);
	return match_arabic_definite(k->norm, k->normlen, m->arena.data +
	    w->key, w->len);
}

/*
 * Whether one-word phrase p, its word without the article, found whole
 * at token i as a definite word ending in ي (البخاري, السمرقندي: a nisba,
 * or a name ending so after the article), is a person's name there:
 * after a noun that no adjective with the article may follow (صحيح
 * البخاري, أحمد البخاري), a scholar's title or a verb of narration
 * (الإمام البخاري, رواه البخاري) or a name's head and its definite word
 * (أبو الليث السمرقندي). The adjective of a thing follows a definite noun
 * (الورق السمرقندي), a state's adjective its pronoun (نظيره الكازاخي); at
 * a text's start nothing tells them apart.
 */
static int
match_run_surname(const struct match *m, const struct match_phrase *p,
    const struct text *t, size_t i)
{
	const struct match_word	*w = &m->words.v[m->pwords.v[p->words]];
	const struct text_token	*k = text_token(t, i), *b;

	if (p->nwords != 1 || i == 0 || k->normlen <= w->len ||
	    memcmp(k->norm + k->normlen - 2, "ي", 2) != 0 ||
	    match_arabic_definite(m->arena.data + w->key, w->len, "", 0) ||
	    !match_run_definite_of(m, p, w, k))
		return 0;
	b = text_token(t, i - 1);
	if (match_run_bare_noun(b) || match_run_listed(b, match_name_titles,
	    nitems(match_name_titles)))
		return 1;
	return i > 1 && match_arabic_definite(b->norm, b->normlen, "", 0) &&
	    match_run_listed(text_token(t, i - 2), match_name_heads,
	    nitems(match_name_heads));
}

/* Whether token k is a digit, as a score's goals. */
static int
match_run_goals(const struct text_token *k)
{
	return k->kind == TEXT_WORD && k->normlen == 1 && k->norm[0] >= '0' &&
	    k->norm[0] <= '9';
}

/*
 * Whether tokens j and j + 1 of t are a score (1-3, ٢-٠): two digits
 * joined by a hyphen, not in a date of three (5-12-2026) nor apart as a
 * dateline writes a day and a month (أستانا - 3 - 12).
 */
static int
match_run_score(const struct text *t, size_t j)
{
	size_t	 n = text_ntokens(t);

	return j + 1 < n && match_run_goals(text_token(t, j)) &&
	    match_run_goals(text_token(t, j + 1)) &&
	    text_token(t, j + 1)->hyphen && !text_token(t, j)->hyphen &&
	    (j + 2 >= n || !text_token(t, j + 2)->hyphen);
}

/*
 * Whether a city's name found at tokens i to last stands beside a score,
 * where it names the city's club (أستانا 1-3 تشيلسي, النصر 0-2 باختاكور
 * طشقند); a state's name there is its national team's, the state's. At
 * a text's start a day and a month follow a dateline's city alike
 * (أستانا 6-9 (بنا)).
 */
static int
match_run_scored(const struct match_phrase *p, const struct text *t,
    size_t i, size_t last)
{
	return p->place == MATCH_PLACE_CITY && ((i >= 2 &&
	    match_run_score(t, i - 2)) || (i > 0 &&
	    match_run_score(t, last + 1)));
}

/*
 * Persian آستانه, Astana as Persian writes it, is also a noun: the
 * threshold, in در آستانه X "on the verge of X" (the verge of a deal, of
 * the new year), and the town آستانه اشرفیه in Gilan. After در or از it
 * is the city when a word that says so follows (در آستانه از ... استقبال
 * کرد, در آستانه با, در آستانه پایتخت), the noun before any other word.
 * All normalized; the lists sorted by bytes, for bsearch.
 */
static const char match_threshold[] = "استانه";
static const char match_threshold_town[] = "اشرفيه";
static const char *const match_threshold_before[] = { "از", "در" };
static const char *const match_threshold_city[] = {
	"از", "با", "بايتخت", "بركزار", "به", "ديدار", "را", "شد", "كه", "و"
};

/* Whether token k is the word w of n bytes. */
static int
match_run_is(const struct text_token *k, const char *w, size_t n)
{
	return k->kind == TEXT_WORD && k->normlen == n &&
	    memcmp(k->norm, w, n) == 0;
}

/*
 * Whether token i of t is Persian آستانه the threshold or the Gilan
 * town, not the city (match_threshold).
 */
static int
match_run_threshold(const struct text *t, size_t i)
{
	const struct text_token	*next;

	if (!match_run_is(text_token(t, i), match_threshold,
	    sizeof(match_threshold) - 1) || i + 1 >= text_ntokens(t))
		return 0;
	next = text_token(t, i + 1);
	if (match_run_is(next, match_threshold_town,
	    sizeof(match_threshold_town) - 1))
		return 1;
	return i > 0 && match_run_listed(text_token(t, i - 1),
	    match_threshold_before, nitems(match_threshold_before)) &&
	    next->kind == TEXT_WORD && !match_run_listed(next,
	    match_threshold_city, nitems(match_threshold_city));
}

/*
 * Whether the last token of phrase p, at token last, takes its word* with
 * an ending of MATCH_TAILMAX letters at most (earths, earthy), not with a
 * word glued on (earthquake), when the phrase asks (p->tail).
 */
#define MATCH_TAILMAX	3
static int
match_run_tail(const struct match *m, const struct match_phrase *p,
    const struct text *t, size_t last)
{
	const struct match_word	*w = &m->words.v[m->pwords.v[p->words +
				    p->nwords - 1]];

	return !p->tail || text_token(t, last)->normlen <= w->len +
	    MATCH_TAILMAX;
}

/*
 * A word that says Central Asia or Iran beside a name of C5+1 that is the
 * Iran talks' too (match_run_context), normalized, found at the start of
 * a token or after its proclitics; or two, in two tokens side by side.
 */
struct match_ctxword {
	const char	*a, *b;		/* b NULL for a word alone */
	size_t		 alen, blen;
	int		 iran;		/* says Iran, not Central Asia */
};
#define MATCH_CW(a)	{ a, NULL, sizeof(a) - 1, 0, 0 }
#define MATCH_CW2(a, b)	{ a, b, sizeof(a) - 1, sizeof(b) - 1, 0 }
#define MATCH_CWI(a)	{ a, NULL, sizeof(a) - 1, 0, 1 }

/*
 * Central Asia: the region, its peoples and states, its capitals; then
 * the Iran talks: Iran, its capital, the nuclear file. Each word's first
 * four bytes are its key in match->ctx.
 */
static const struct match_ctxword match_ctx_words[] = {
	MATCH_CW2("اسيا", "الوسطي"), MATCH_CW2("وسط", "اسيا"),
	MATCH_CW2("central", "asia"), MATCH_CW2("централ", "ази"),
	MATCH_CW("كازاخ"), MATCH_CW("قازاق"), MATCH_CW("قزاق"),
	MATCH_CW("اوزبك"), MATCH_CW("قيرغيز"), MATCH_CW("قرغيز"),
	MATCH_CW("طاجيك"), MATCH_CW("تركمان"), MATCH_CW("استانا"),
	MATCH_CW("الماتي"), MATCH_CW("طشقند"), MATCH_CW("سمرقند"),
	MATCH_CW("بيشكيك"), MATCH_CW("دوشنبه"), MATCH_CW("kazakh"),
	MATCH_CW("uzbek"), MATCH_CW("kyrgyz"), MATCH_CW("tajik"),
	MATCH_CW("turkmen"), MATCH_CW("astana"), MATCH_CW("almaty"),
	MATCH_CW("tashkent"), MATCH_CW("samarkand"), MATCH_CW("казах"),
	MATCH_CW("узбек"), MATCH_CW("кыргыз"), MATCH_CW("киргиз"),
	MATCH_CW("таджик"), MATCH_CW("туркмен"), MATCH_CW("астан"),
	MATCH_CW("алмат"), MATCH_CW("ташкент"), MATCH_CW("самарканд"),
	MATCH_CWI("ايران"), MATCH_CWI("طهران"), MATCH_CWI("نووي"),
	MATCH_CWI("iran"), MATCH_CWI("tehran"), MATCH_CWI("nuclear"),
	MATCH_CWI("иран"), MATCH_CWI("тегеран"), MATCH_CWI("ядерн")
};

#define MATCH_REGION_NEAR	20	/* tokens from 5+1 to Central Asia */
#define MATCH_IRAN_NEAR		8	/* tokens from 5+1 to Iran, at most */
#define MATCH_CLITIC_BYTES	8	/* وبال: proclitics before a word */

/* The slot of match->ctx where the four bytes head are first looked for. */
static size_t
match_ctx_slot(uint32_t head)
{
	return (size_t)((head * 2654435761u) >> 25) & (MATCH_CTX_SLOTS - 1);
}

/*
 * Index match_ctx_words in m->ctx by their first four bytes, once: a
 * token is then asked about each of them in a probe or two. The first
 * word, put in an empty table, holds its own slot once it is built.
 */
void
match_context_index(struct match *m)
{
	uint32_t	 head;
	size_t		 j, s;

	memcpy(&head, match_ctx_words[0].a, sizeof(head));
	if (m->ctx[match_ctx_slot(head)] != 0)
		return;
	for (j = 0; j < nitems(match_ctx_words); j++) {
		memcpy(&head, match_ctx_words[j].a, sizeof(head));
		for (s = match_ctx_slot(head); m->ctx[s] != 0;
		    s = (s + 1) & (MATCH_CTX_SLOTS - 1))
			continue;
		m->ctx[s] = head | (uint64_t)(j + 1) << 32;
	}
}

/* Whether the two bytes at s are a letter of a proclitic: و ف ب ل ك ا. */
static int
match_run_clitic_letter(const char *s)
{
	static const char	 letters[] = "وفبلكا";
	size_t			 k;

	for (k = 0; k < sizeof(letters) - 1; k += 2)
		if (s[0] == letters[k] && s[1] == letters[k + 1])
			return 1;
	return 0;
}

/*
 * The bytes of token k after its article (ال, وال, بال, وبال, لل, ولل …),
 * or 0 when it has none.
 */
static size_t
match_run_after_article(const struct text_token *k)
{
	size_t	 off;

	for (off = 0; off <= 4 && off + 4 < k->normlen; off += 2) {
		if (memcmp(k->norm + off, "ال", 4) == 0 ||
		    memcmp(k->norm + off, "لل", 4) == 0)
			return k->normlen - off - 4;
		if (!match_run_clitic_letter(k->norm + off))
			break;
	}
	return 0;
}

/*
 * Whether one-word phrase p, a city's name written without the article,
 * is found at token k with the article and no ending, its last letter ة
 * or ي: الأستانة is Istanbul, the Ottomans' "threshold" (الأستانة
 * العلية), not Astana (which a writer may give the article as it is,
 * الأستانا), and البخاري, where a name ends in ى, is its nisba, the
 * imam's name.
 */
static int
match_run_article_city(const struct match *m, const struct match_phrase *p,
    const struct text_token *k)
{
	const struct match_word	*w = &m->words.v[m->pwords.v[p->words]];
	const char		*key = m->arena.data + w->key, *last;
	size_t			 rest;

	if (p->place != MATCH_PLACE_CITY || p->nwords != 1 ||
	    match_arabic_definite(key, w->len, "", 0))
		return 0;
	rest = match_run_after_article(k);
	if (rest == 0 || rest > w->len)
		return 0;
	last = k->norm + k->normlen - 2;
	return memcmp(last, "ي", 2) == 0 || (memcmp(last, "ه", 2) == 0 &&
	    memcmp(key + w->len - 2, "ه", 2) != 0);
}

/* Whether token x holds the n bytes w at its start. */
static int
match_run_holds(const struct text_token *x, const char *w, size_t n)
{
	return x->kind == TEXT_WORD && x->normlen >= n &&
	    memcmp(x->norm, w, n) == 0;
}

/*
 * Whether the word w stands at byte off of token k of t (with the next
 * token its second word, if it has one).
 */
static int
match_run_word_off(const struct text *t, size_t k, size_t off,
    const struct match_ctxword *w)
{
	const struct text_token	*x = text_token(t, k);

	if (off + w->alen > x->normlen ||
	    memcmp(x->norm + off, w->a, w->alen) != 0)
		return 0;
	return w->b == NULL || (k + 1 < text_ntokens(t) &&
	    match_run_holds(text_token(t, k + 1), w->b, w->blen));
}

/*
 * Whether a word of match_ctx_words that says Iran (iran) or Central Asia
 * stands at token k of t: at its start, or in Arabic after proclitics of
 * MATCH_CLITIC_BYTES at most (وأوزبكستان, الكازاخستانية); what follows is
 * its ending (Kazakhstan's, Центральной).
 */
static int
match_run_word_at(const struct match *m, const struct text *t, size_t k,
    int iran)
{
	const struct text_token		*x = text_token(t, k);
	const struct match_ctxword	*w;
	uint32_t			 head;
	size_t				 off, s;

	if (x->kind != TEXT_WORD)
		return 0;
	for (off = 0; off + sizeof(head) <= x->normlen; off += 2) {
		memcpy(&head, x->norm + off, sizeof(head));
		for (s = match_ctx_slot(head); m->ctx[s] != 0;
		    s = (s + 1) & (MATCH_CTX_SLOTS - 1)) {
			w = &match_ctx_words[(m->ctx[s] >> 32) - 1];
			if ((uint32_t)m->ctx[s] == head && w->iran == iran &&
			    match_run_word_off(t, k, off, w))
				return 1;
		}
		if (off >= MATCH_CLITIC_BYTES ||
		    !match_run_clitic_letter(x->norm + off))
			break;
	}
	return 0;
}

/*
 * Whether a word that says Iran (iran) or Central Asia stands within near
 * tokens of tokens i to last of t, looked for from the nearest out.
 */
static int
match_run_near_words(const struct match *m, const struct text *t, size_t i,
    size_t last, size_t near, int iran)
{
	size_t	 d, ntok = text_ntokens(t);

	for (d = 1; d <= near; d++)
		if ((i >= d && match_run_word_at(m, t, i - d, iran)) ||
		    (last + d < ntok && match_run_word_at(m, t, last + d,
		    iran)))
			return 1;
	return 0;
}

/*
 * Whether a name of C5+1 that is the Iran talks' too, found at tokens i
 * to last, is C5+1's: Central Asia near, Iran and the nuclear file not.
 * The answer is kept for the next phrase found at the same tokens (5+1
 * is a word of several phrases).
 */
static int
match_run_context(struct match_run *r, const struct text *t, size_t i,
    size_t last)
{
	if (r->ctx_set && r->ctx_i == i && r->ctx_last == last)
		return r->ctx_ok;
	r->ctx_set = 1;
	r->ctx_i = i;
	r->ctx_last = last;
	r->ctx_ok = match_run_near_words(r->m, t, i, last, MATCH_REGION_NEAR,
	    0) && !match_run_near_words(r->m, t, i, last, MATCH_IRAN_NEAR, 1);
	return r->ctx_ok;
}

/*
 * Whether phrase p, found at tokens i to its last (its first word read
 * from tokens i to first), reads as the phrase where it stands: its
 * indefinite, placed, tail, place and context conditions, those it has.
 */
static int
match_run_fits(struct match_run *r, const struct text *t, size_t p,
    size_t i, size_t first)
{
	const struct match_phrase	*ph = &r->m->phrases.v[p];
	size_t				 last = first + ph->nwords - 1;

	return (!ph->indefinite || match_run_indefinite(r, t, p, i, first)) &&
	    (!ph->placed || match_run_placed(r, t, p, i, last)) &&
	    match_run_tail(r->m, ph, t, last) &&
	    (!ph->place || !match_run_named(r->m, ph, t, i, last)) &&
	    (i != first || (!match_run_surname(r->m, ph, t, i) &&
	    !(ph->place && match_run_threshold(t, i)) &&
	    !match_run_article_city(r->m, ph, text_token(t, i)))) &&
	    !match_run_scored(ph, t, i, last) &&
	    (!ph->context || match_run_context(r, t, i, last));
}

/*
 * Record a phrase found at tokens [i, i + nwords) of a field, its first
 * word read from tokens i to first.
 */
static void
match_run_hit(struct match_run *r, const struct text *t, unsigned field,
    size_t p, size_t i, size_t first)
{
	struct match_phit	 h;
	size_t			 n = r->m->phrases.v[p].nwords;

	h.phrase = p;
	h.field = field;
	h.ti = i;
	h.tj = first + n - 1;
	h.start = text_token(t, i)->start;
	h.end = text_token(t, h.tj)->end;
	MATCH_PUT(&r->hits, h);
}

/*
 * Whether token k is a word in Latin letters: in Arabic text a firm's or a
 * brand's name (Kaspi.kz الكازاخية, UzAuto Motors الأوزبكية), which a
 * people's adjective after it makes one of the state.
 */
static int
match_run_latin(const struct text_token *k)
{
	unsigned char	 c = (unsigned char)k->norm[0];

	return k->kind == TEXT_WORD && ((c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'));
}

/*
 * Whether a people's adjective w read from tokens i to first has a noun of
 * the state on the side it needs one (match_people_noun), after it
 * another state's nisba in Arabic (match_run_nisba), or a firm's Latin
 * name in Arabic (match_run_latin). Before a noun,
 * the words hyphened to it are one compound adjective with it
 * (Kazakh-Chinese border, Kyrgyz-Tajik border deal): the noun follows
 * the last of them.
 */
static int
match_run_people(const struct match_word *w, const struct text *t, size_t i,
    size_t first)
{
	size_t	 k = first + 1, n = text_ntokens(t);

	if (w->people == MATCH_PEOPLE_AFTER_NOUN)
		return (i > 0 && (match_people_noun(text_token(t, i - 1)) ||
		    match_run_latin(text_token(t, i - 1)))) ||
		    (i > 1 && match_run_nisba(text_token(t, i - 1)) &&
		    match_people_noun(text_token(t, i - 2)));
	while (k < n && text_token(t, k)->hyphen)
		k++;
	return k < n && match_people_noun(text_token(t, k));
}

/*
 * Find the phrases that start with one of the words r->ids holds from
 * ids[0] to ids[1], read from tokens i to first: a people's adjective the
 * phrases of its country, beside a noun of the state.
 */
static void
match_run_starts_with(struct match_run *r, const struct text *t,
    unsigned field, const size_t ids[2], size_t i, size_t first)
{
	const struct match_word	*w;
	size_t			 k, j, p, ntok = text_ntokens(t);

	for (k = ids[0]; k < ids[1]; k++) {
		w = &r->m->words.v[r->ids.v[k]];
		if (w->people) {
			if (!match_run_people(w, t, i, first))
				continue;
			w = &r->m->words.v[w->canon];
		}
		for (j = w->first; j < w->first + w->nfirst; j++) {
			p = r->m->firsts.v[j];
			if (match_run_phrase_at(r, p, first + 1, ntok) &&
			    match_run_fits(r, t, p, i, first))
				match_run_hit(r, t, field, p, i, first);
		}
	}
}

/* Find the phrases that start at token i. */
static void
match_run_starts(struct match_run *r, const struct text *t, unsigned field,
    size_t i)
{
	match_run_starts_with(r, t, field, &r->at.v[i], i, i);
}

/*
 * Find the phrases whose first word is the words of one hashtag, tokens i
 * to j, glued as it was written: a term typed as one word in lower case
 * (kazmunaygas) finds #KazMunayGas, which the tokenizer reads as its
 * words. Only a whole hashtag: words written apart are not glued.
 */
static void
match_run_glued(struct match_run *r, const struct text *t, unsigned field,
    size_t i, size_t j)
{
	const struct text_token	*v = text_tokens(t);
	char			 word[MATCH_TOKMAX];
	size_t			 k, len = 0, ids[2];

	for (k = i; k <= j; k++) {
		if (v[k].normlen > sizeof(word) - len)
			return;
		memcpy(word + len, v[k].norm, v[k].normlen);
		len += v[k].normlen;
	}
	/* Its words in a slot of their own past the field's tokens'. */
	ids[0] = r->ids.n;
	MATCH_PUT(&r->at, ids[0]);
	match_run_word(r, word, len);
	ids[1] = r->ids.n;
	match_run_starts_with(r, t, field, ids, i, j);
	r->ids.n = ids[0];
	r->at.n--;
}

/* Find the phrases that start with a hashtag's words glued (match_run_glued). */
static void
match_run_hashtags(struct match_run *r, const struct text *t, unsigned field)
{
	const struct text_token	*v = text_tokens(t);
	size_t			 i, j, n = text_ntokens(t);

	for (i = 0; i + 1 < n; i = j + 1) {
		for (j = i; j + 1 < n && v[j + 1].joined; j++)
			continue;
		if (j > i)
			match_run_glued(r, t, field, i, j);
	}
}

/*
 * Look a field's tokens up (match_run_field() reads them), with room for a
 * word for each made at once.
 */
static void
match_run_field_tokens(struct match_run *r, const struct text *t)
{
	size_t	 n = text_ntokens(t);

	r->ids.n = r->at.n = r->with.n = 0;
	r->ctx_set = 0;
	MATCH_RESERVE(&r->at, n + 1);
	MATCH_RESERVE(&r->ids, n);
	match_run_tokens(r, text_tokens(t), n);
	MATCH_PUT(&r->at, r->ids.n);
}

/* Find every phrase in one field's tokens (match_run_field_tokens()). */
static void
match_run_field(struct match_run *r, const struct text *t, unsigned field)
{
	size_t	 i;

	for (i = 0; i < r->with.n; i++)
		match_run_starts(r, t, field, r->with.v[i]);
	if (text_njoined(t) > 0)
		match_run_hashtags(r, t, field);
}

/* Order phrase hits by phrase, field, then position. */
static int
match_phit_cmp(const void *a, const void *b)
{
	const struct match_phit	*x = a, *y = b;

	if (x->phrase != y->phrase)
		return x->phrase < y->phrase ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	if (x->ti != y->ti)
		return x->ti < y->ti ? -1 : 1;
	return 0;
}

/*
 * Find the phrases in every field a topic reads, its tokens from tok
 * (may be NULL) when the caller made them.
 */
void
match_run_doc(struct match_run *r, const struct match_doc *doc,
    const struct match_tokens *tok)
{
	const char		*texts[] = { doc->title, doc->summary,
				    doc->content };
	const struct text	*given[] = { tok ? tok->title : NULL,
				    tok ? tok->summary : NULL, NULL };
	const char		*last = NULL;
	const struct text	*t = NULL;
	struct text		*own = NULL;
	size_t			 i;

	for (i = 0; i < nitems(texts); i++) {
		if (texts[i] == NULL || !(r->m->fields & match_field_order[i]))
			continue;
		/* One text in several fields (raqib match) is read once. */
		if (texts[i] != last) {
			text_free(own);
			own = NULL;
			if ((t = given[i]) == NULL)
				t = own = text_tokenize(texts[i],
				    strlen(texts[i]));
			match_run_field_tokens(r, t);
			last = texts[i];
		}
		match_run_field(r, t, match_field_order[i]);
	}
	text_free(own);
	if (r->hits.n > 0)
		qsort(r->hits.v, r->hits.n, sizeof(*r->hits.v), match_phit_cmp);
}

/* Release a run's vectors. */
void
match_run_free(struct match_run *r)
{
	MATCH_VEC_FREE(&r->ids);
	MATCH_VEC_FREE(&r->at);
	MATCH_VEC_FREE(&r->with);
	MATCH_VEC_FREE(&r->hits);
}
