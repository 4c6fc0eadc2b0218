/*
 * match_vowel: the spellings of a foreign name with one long vowel letter
 * more or less, or one letter for another of the same sound. Papers transcribe a name's vowels each their own way
 * (توكاييف, توكايف; كوردستان, كردستان; جاباروف, جباروف), while an Arabic
 * word's long vowels are its pattern and another pattern is another word
 * (مكتب, مكاتب; تكليف, تكاليف; تكيف, تكييف). So only a term no Arabic
 * pattern makes takes them: not ending in ة (a nisba less its ي is a
 * noun: سياسية, سياسة), and either five letters or more less a leading ال
 * whose consonants no root has (match_vowel_foreign: بشكيك, بيشكيك), or
 * six letters or more (a shorter word has neighbours: ديوان, ديون) and
 * either three long vowel letters
 * between its first letter and its last (no pattern holds three there but
 * plurals in ات of the long ones, which have no neighbours; a first ا is
 * a hamza's seat, a last ي or ا a nisba's or a tanween's: ألياف is no
 * spelling of آلاف, السياسي none of السيسي) or a place in ستان. Its
 * spellings, with ا و ي added or taken out past its first letter and
 * before its last, or one letter written as another papers write for its
 * sound (سوناطراك, سوناتراك), or, for a name with few such letters, any of
 * them so and a long vowel more or less (طشقند, تاشكند), are words of
 * their own that stand for it (canon). So are the adjectives of the
 * people a name in ستان is named after (match_people_spellings).
 */
#include <string.h>

#include "compat.h"
#include "match_int.h"

#define MATCH_VOWELTERM	6	/* letters a term needs, less ال */
#define MATCH_ROOTTERM	5	/* ... when its consonants are no root's */
#define MATCH_VOWELMANY	3	/* long vowel letters inside a word that
				   no pattern has */
#define MATCH_AR_LEN	2	/* bytes of an Arabic letter */
#define MATCH_PEOPLEMIN	5	/* letters of a people's name before ستان */
#define MATCH_SOUNDMAX	3	/* letters of match_sounds whose every
				   spelling a name's are made for */

static const char *const match_vowels[] = { "ا", "و", "ي" };

/*
 * The letters papers write for one foreign sound, each row one sound: ط
 * or ت for t (سوناطراك, سوناتراك), ص or س for s, ق or ك for k (نواكشوط,
 * نواقشوط), ض ذ or ز for z, غ or ج for g (شينجيانغ, شينجيانج).
 */
static const char *const match_sounds[][3] = {
	{ "ت", "ط", NULL }, { "س", "ص", NULL }, { "ك", "ق", NULL },
	{ "ز", "ض", "ذ" }, { "غ", "ج", NULL }
};

/* Whether the Arabic letter at s is a long vowel letter. */
static int
match_vowel_is(const char *s)
{
	size_t	 i;

	for (i = 0; i < nitems(match_vowels); i++)
		if (memcmp(s, match_vowels[i], MATCH_AR_LEN) == 0)
			return 1;
	return 0;
}

/* Whether s is Arabic letters only, two bytes each. */
static int
match_vowel_arabic(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	if (len % MATCH_AR_LEN != 0)
		return 0;
	for (i = 0; i < len; i += MATCH_AR_LEN)
		if (u[i] < 0xD8 || u[i] > 0xDB || (u[i + 1] & 0xC0) != 0x80)
			return 0;
	return 1;
}

/*
 * Whether the name s (less ال) has consonants no Arabic word has: four
 * that are not a pattern's added letters (س ل ت م ن ه ء), or five of
 * which three are not, and no prefix of a pattern first (م ت ي ن ا). An
 * Arabic word is a root of three or four letters in a pattern that adds
 * those, and a root of four with nothing added is rare and has no
 * neighbours by one long vowel but its own forms (برميل, براميل); so
 * بشكيك, قديروف and بودابست are names (not رحمون, whose رحمن is a word,
 * nor مكتب, تكليف).
 */
static int
match_vowel_foreign(const char *s, size_t len)
{
	static const char	 prefix[] = "متينا";
	static const char	 augment[] = "سلتمنهء";
	size_t			 i, k, c = 0, r = 0;
	int			 aug;

	for (i = 0; i + 1 < sizeof(prefix); i += 2)
		if (memcmp(s, prefix + i, 2) == 0)
			return 0;
	for (i = 0; i < len; i += MATCH_AR_LEN) {
		if (match_vowel_is(s + i))
			continue;
		c++;
		for (aug = 0, k = 0; k + 1 < sizeof(augment); k += 2)
			aug |= memcmp(s + i, augment + k, 2) == 0;
		r += !aug;
	}
	return r >= 4 || (c >= 5 && r >= 3);
}

/*
 * Where a term's name starts (past a leading ال), or SIZE_MAX when no
 * pattern could have made it (above).
 */
static size_t
match_vowel_start(const char *s, size_t len)
{
	size_t	 at = 0, i, n, v = 0;

	if (len >= 4 && memcmp(s, "ال", 4) == 0)
		at = 4;
	n = (len - at) / MATCH_AR_LEN;
	if (!match_vowel_arabic(s + at, len - at) || n < MATCH_ROOTTERM ||
	    memcmp(s + len - MATCH_AR_LEN, "ه", MATCH_AR_LEN) == 0)
		return SIZE_MAX;
	if (match_vowel_foreign(s + at, len - at))
		return at;
	if (n < MATCH_VOWELTERM)
		return SIZE_MAX;
	if (memcmp(s + len - 8, "ستان", 8) == 0)
		return at;
	for (i = at + MATCH_AR_LEN; i + MATCH_AR_LEN < len; i += MATCH_AR_LEN)
		v += match_vowel_is(s + i);
	return v >= MATCH_VOWELMANY ? at : SIZE_MAX;
}

/*
 * Add one spelling of word id, unless a word has it already: a term of
 * its own, or another's spelling, keeps it.
 */
static void
match_vowel_add(struct match *m, size_t id, const char *s, size_t len)
{
	struct match_word	*w, *t;
	size_t			 v, n = m->words.n;

	if ((v = match_word_get(m, MATCH_W_EXACT, s, len)) < n)
		return;
	w = &m->words.v[v];
	t = &m->words.v[id];
	w->affix = t->affix;
	w->definite = t->definite;
	w->article = t->article;
	w->letters = t->letters;
	w->proper = t->proper;
	w->canon = id;
}

/*
 * Add form (len bytes, the name starting at byte at) and its spellings
 * with one long vowel letter more or less past its first letter and
 * before its last.
 */
static void
match_vowel_edits(struct match *m, size_t id, const char *key, size_t len,
    size_t at)
{
	char	 form[MATCH_FORMLEN];
	size_t	 i, k;

	match_vowel_add(m, id, key, len);
	for (i = at + MATCH_AR_LEN; i + MATCH_AR_LEN < len;
	    i += MATCH_AR_LEN) {
		if (!match_vowel_is(key + i))
			continue;
		memcpy(form, key, i);
		memcpy(form + i, key + i + MATCH_AR_LEN,
		    len - i - MATCH_AR_LEN);
		match_vowel_add(m, id, form, len - MATCH_AR_LEN);
	}
	for (i = at + MATCH_AR_LEN; i < len; i += MATCH_AR_LEN)
		for (k = 0; k < nitems(match_vowels); k++) {
			memcpy(form, key, i);
			memcpy(form + i, match_vowels[k], MATCH_AR_LEN);
			memcpy(form + i + MATCH_AR_LEN, key + i, len - i);
			match_vowel_add(m, id, form, len + MATCH_AR_LEN);
		}
}

/* The row of match_sounds the Arabic letter at s is in, or nitems. */
static size_t
match_vowel_sound(const char *s)
{
	size_t	 r, a;

	for (r = 0; r < nitems(match_sounds); r++)
		for (a = 0; a < 3 && match_sounds[r][a] != NULL; a++)
			if (memcmp(s, match_sounds[r][a], MATCH_AR_LEN) == 0)
				return r;
	return nitems(match_sounds);
}

/*
 * Add the spellings of form (len bytes, its name from byte at) with each
 * of its letters from byte i on that has a row in match_sounds written as
 * any letter of the row, and each such spelling's with a long vowel more
 * or less (match_vowel_edits): papers that write a name's sounds their
 * own way write its vowels so too (طشقند, تاشكند, طاشقند; توكاييف,
 * توقايف).
 */
static void
match_vowel_sounds(struct match *m, size_t id, char *form, size_t len,
    size_t at, size_t i)
{
	char	 keep[MATCH_AR_LEN];
	size_t	 r, b;

	for (; i < len; i += MATCH_AR_LEN)
		if ((r = match_vowel_sound(form + i)) < nitems(match_sounds))
			break;
	if (i >= len) {
		match_vowel_edits(m, id, form, len, at);
		return;
	}
	memcpy(keep, form + i, MATCH_AR_LEN);
	for (b = 0; b < 3 && match_sounds[r][b] != NULL; b++) {
		memcpy(form + i, match_sounds[r][b], MATCH_AR_LEN);
		match_vowel_sounds(m, id, form, len, at, i + MATCH_AR_LEN);
	}
	memcpy(form + i, keep, MATCH_AR_LEN);
}

/*
 * Add the spellings of key (len bytes, its name from byte at) with one of
 * its letters written as another of its sound's row, and nothing else.
 */
static void
match_vowel_swaps(struct match *m, size_t id, const char *key, size_t len,
    size_t at)
{
	char	 form[MATCH_FORMLEN];
	size_t	 i, r, b;

	memcpy(form, key, len);
	for (i = at; i < len; i += MATCH_AR_LEN) {
		if ((r = match_vowel_sound(key + i)) == nitems(match_sounds))
			continue;
		for (b = 0; b < 3 && match_sounds[r][b] != NULL; b++) {
			memcpy(form + i, match_sounds[r][b], MATCH_AR_LEN);
			match_vowel_add(m, id, form, len);
		}
		memcpy(form + i, key + i, MATCH_AR_LEN);
	}
}

/*
 * Add the spellings of word id, its name starting at byte at of its key:
 * of a name with MATCH_SOUNDMAX letters of match_sounds or fewer, every
 * way of writing them with a long vowel more or less; of a longer one,
 * whose ways are too many (قيرغيزستان has five), one letter written
 * another way or one long vowel more or less.
 */
static void
match_vowel_word(struct match *m, size_t id, size_t at)
{
	char	 key[MATCH_FORMLEN];
	size_t	 len = m->words.v[id].len, i, n = 0;

	if (len + MATCH_AR_LEN >= MATCH_FORMLEN)
		return;
	memcpy(key, m->arena.data + m->words.v[id].key, len);
	for (i = at; i < len; i += MATCH_AR_LEN)
		n += match_vowel_sound(key + i) < nitems(match_sounds);
	if (n <= MATCH_SOUNDMAX) {
		match_vowel_sounds(m, id, key, len, at, at);
		return;
	}
	match_vowel_edits(m, id, key, len, at);
	match_vowel_swaps(m, id, key, len, at);
}

/* Add the spellings of every term word no Arabic pattern made. */
void
match_vowel_spellings(struct match *m)
{
	size_t	 id, n = m->words.n, at;

	for (id = 0; id < n; id++) {
		if (m->words.v[id].kind != MATCH_W_EXACT)
			continue;
		at = match_vowel_start(m->arena.data + m->words.v[id].key,
		    m->words.v[id].len);
		if (at != SIZE_MAX)
			match_vowel_word(m, id, at);
	}
}

/*
 * How a script writes a country named after its people (كازاخستان,
 * Kazakhstan): the ending, a linking vowel a stem may end in (Uzbekistan,
 * dropped), the vowels a people's stem does not end in, and what makes
 * the people's adjective of the stem: the nisba, which takes the nisba's
 * endings (كازاخي, الكازاخية, كازاخيون); the English adjective as it
 * stands (Kazakh), which takes no suffix: Kazakhs are the people, as
 * الكازاخ, which no form here makes, and they live in other states too.
 * Russian has an adjective of its own for the state (казахстанский), and
 * the people's (казахский, the stem with the case endings of -ский) is
 * no form of it but beside a noun of the state (казахский лидер), as
 * the others. Each adjective stands for the country beside a noun of the
 * state, on the side its script puts it (match_people_noun). English and
 * Russian also name such a country with the stem and -ia (Turkmenia,
 * Туркмения, Tataria), a name of its own; Arabic's يا is the accusative
 * of the nisba too (وفداً تركمانياً, a Turkmen delegation), and none.
 */
static const struct match_people_form {
	const char	*end;
	const char	*link;
	const char	*vowels;
	const char	*adj;
	int		 affix;
	int		 side;		/* enum match_people */
	const char	*land;		/* the name in -ia, NULL: none */
} match_peoples[] = {
	{ "ستان", "ي", "اوي", "ي", 1, MATCH_PEOPLE_AFTER_NOUN, NULL },
	{ "stan", "i", "aeiouy", "", 0, MATCH_PEOPLE_BEFORE_NOUN, "ia" },
	{ "стан", "и", "аеиоуыэюя", "", 1, MATCH_PEOPLE_BEFORE_NOUN, "ия" }
};

/* Whether the stem s[0, len) ends in one of the characters of set. */
static int
match_people_vowel(const char *s, size_t len, const char *set)
{
	size_t	 i, cl;

	for (i = 0; set[i] != '\0'; i += cl) {
		cl = ((unsigned char)set[i] < 0x80) ? 1 : 2;
		if (len >= cl && memcmp(s + len - cl, set + i, cl) == 0)
			return 1;
	}
	return 0;
}

/*
 * The length of the people's stem of word id when its key is a people's
 * name of five letters or more (less ال: الباكستان is باك's), ending in a
 * consonant, and the ending of p: a shorter stem, or one in a vowel, is
 * the word of another people or of a faith (عرب, كرد, ترك of عربستان,
 * كردستان, تركستان; Hindu, Kurd). 0 when it is none.
 */
static size_t
match_people_stem(const struct match *m, size_t id,
    const struct match_people_form *p)
{
	const struct match_word	*w = &m->words.v[id];
	const char		*key = m->arena.data + w->key;
	size_t			 elen = strlen(p->end), llen = strlen(p->link);
	size_t			 stem, at = 0;

	/* The adjective and -ia are no longer than the ending they take off. */
	if (w->len <= elen || w->len >= MATCH_FORMLEN ||
	    memcmp(key + w->len - elen, p->end, elen) != 0)
		return 0;
	stem = w->len - elen;
	if (stem > llen && memcmp(key + stem - llen, p->link, llen) == 0)
		stem -= llen;
	if (stem >= 4 && memcmp(key, "ال", 4) == 0)
		at = 4;
	if (match_cplen(key + at, stem - at) < MATCH_PEOPLEMIN ||
	    match_people_vowel(key, stem, p->vowels))
		return 0;
	return stem;
}

/*
 * Add the people's adjective of word id, and its country's name in -ia,
 * when it names a country after its people with the ending of p.
 */
static void
match_people_word(struct match *m, size_t id,
    const struct match_people_form *p)
{
	const struct match_word	*w = &m->words.v[id];
	char			 form[MATCH_FORMLEN];
	size_t			 alen = strlen(p->adj), canon = w->canon;
	size_t			 stem, v;

	if ((stem = match_people_stem(m, id, p)) == 0)
		return;
	memcpy(form, m->arena.data + w->key, stem);
	memcpy(form + stem, p->adj, alen);
	v = m->words.n;
	match_vowel_add(m, canon, form, stem + alen);
	if (m->words.n > v) {
		m->words.v[v].affix = p->affix;
		m->words.v[v].people = p->side;
	}
	if (p->land == NULL)
		return;
	memcpy(form + stem, p->land, strlen(p->land));
	match_vowel_add(m, canon, form, stem + strlen(p->land));
}

/*
 * Add the people's adjectives of every term word that names a country
 * after its people, and of each of its spellings: a reader takes الرئيس
 * الكازاخي and the Kazakh President for Kazakhstan's.
 */
void
match_people_spellings(struct match *m)
{
	size_t	 id, n = m->words.n, k;

	for (id = 0; id < n; id++) {
		if (m->words.v[id].kind != MATCH_W_EXACT)
			continue;
		for (k = 0; k < nitems(match_peoples); k++)
			match_people_word(m, id, &match_peoples[k]);
	}
}
