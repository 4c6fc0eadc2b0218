/* Unit tests for match.c: the watch-list language and the matcher. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "compat.h"
#include "match.h"
#include "text.h"
#include "fixture.h"

/* A one-topic matcher with one match expression, compiled. */
static struct match *
one_topic(const char *expr, const char *exclude)
{
	struct match		*m;
	struct match_error	 err;

	m = match_new();
	assert_non_null(m);
	assert_int_equal(match_topic_add(m, "t", MATCH_ALL), 0);
	if (match_expr_add(m, 0, expr, 0, &err) == -1)
		fail_msg("%s: column %d: %s", expr, err.column, err.msg);
	if (exclude != NULL && match_expr_add(m, 0, exclude, 1, &err) == -1)
		fail_msg("%s: column %d: %s", exclude, err.column, err.msg);
	match_compile(m);
	return m;
}

/* Whether expr fires on an item with this title (and exclude does not). */
static int
fires_ex(const char *expr, const char *exclude, const char *title)
{
	struct match		*m = one_topic(expr, exclude);
	struct match_doc	 doc = { title, NULL, NULL, NULL };
	struct match_result	 res;
	int			 n;

	assert_int_equal(match_doc(m, &doc, &res), 0);
	n = (int)res.n;
	match_result_free(&res);
	match_free(m);
	return n;
}

/* The error column of a bad expression (and that it is bad). */
static int
error_column(const char *expr)
{
	struct match_error	 err;

	memset(&err, 0, sizeof(err));
	assert_int_equal(match_expr_check(expr, &err), -1);
	assert_true(err.msg[0] != '\0');
	return err.column;
}

/* Thirty-six words of filler: a NEAR/5 that is far too short. */
#define FAR6	" كلمة كلمة كلمة كلمة كلمة كلمة"
#define FAR36	FAR6 FAR6 FAR6 FAR6 FAR6 FAR6

/* Whether expr, with exclude (or none), fires on an item with this title. */
static const struct fire_case {
	const char	*expr;
	const char	*exclude;
	const char	*title;
	int		 fires;
} fire_cases[] = {
	/* A proclitic ل on the name. */
	{ "كازاخستان", NULL,
	    "زيارة وزير الخارجية السابق أنتوني بلينكن لكازاخستان "
	    "وأوزبكستان", 1 },
	/* The nisba adjective الكازاخستاني. */
	{ "كازاخستان", NULL,
	    "أجرى وزير الخارجية الكازاخستاني، يرميك كوشيرباييف", 1 },
	/* The feminine adjective after tatweel and a slash. */
	{ "كازاخستان", NULL, "أصـــداء/ الكازاخستانية", 1 },
	/* An English possessive in capitals. */
	{ "Kazakhstan", NULL, "KAZAKHSTAN’S exports", 1 },
	/* C5+1 written with spaces. */
	{ "C5+1", NULL, "ضمن صيغة C5 + 1 – كازاخستان وقيرغيزستان", 1 },
	/*
	 * An acronym with a number, written in capitals, also apart: G 7,
	 * COP-29, C 5+1; not another number, and not the English word a.
	 */
	{ "G7", NULL, "G 7 leaders meet", 1 },
	{ "COP29", NULL, "COP-29 ends with a deal", 1 },
	{ "C5+1", NULL, "the C 5 + 1 format", 1 },
	{ "G7", NULL, "the G 77 bloc", 0 },
	{ "COP29", NULL, "COP 28 in Dubai", 0 },
	{ "A4", NULL, "a 4% rise", 0 },
	/*
	 * Arabic words that look the same glued, the first ending in a
	 * letter that joins no next one, match glued; not others.
	 */
	{ "عبد الله", NULL, "استقبل الملك عبدالله الوفد", 1 },
	{ "أبو ظبي", NULL, "وصل إلى أبوظبي", 1 },
	{ "نور سلطان", NULL, "العاصمة نورسلطان", 1 },
	{ "الشرق الأوسط", NULL, "الشرقالأوسط", 0 },
	/*
	 * A compound name glued whose head ends so (أبو عبد بور دار) also
	 * matches apart; another word that ends so is a name of its own.
	 */
	{ "أبوظبي", NULL, "صندوق أبو ظبي للتنمية", 1 },
	{ "عبدالله", NULL, "وزير الخارجية عبد الله بن زايد", 1 },
	{ "بورسعيد", NULL, "محافظ بور سعيد", 1 },
	{ "نورسلطان", NULL, "الرئيس نور سلطان نزارباييف", 0 },
	/* A city's Persian آباد, glued or apart. */
	{ "عشق آباد", NULL, "عشقاباد تستضيف منتدى الغاز", 1 },
	{ "عشقاباد", NULL, "عشق أباد تحتضن القمة", 1 },
	{ "عشق آباد", NULL, "إسلام آباد تستضيف الوزراء", 0 },
	/*
	 * A CamelCase hashtag is its words; a term in CamelCase finds it
	 * both as a hashtag and whole.
	 */
	{ "Kazakhstan", NULL, "Voters queue early #KazakhstanElections", 1 },
	{ "rare earths", NULL, "#RareEarthMetals rally", 1 },
	{ "Казахстан", NULL, "#ВыборыВКазахстане: явка", 1 },
	{ "Oman", NULL, "#WomanOfTheYear award", 0 },
	{ "G7", NULL, "#G7Summit in Apulia", 1 },
	/* A term's + also matches it written out, as a word or in a hashtag. */
	{ "C5+1", NULL, "Follow #C5plus1 for live updates", 1 },
	{ "C5+1", NULL, "the C5 plus 1 format", 1 },
	{ "أوبك+", NULL, "أوبك بلس تبقي على سياستها", 1 },
	{ "C5+1", NULL, "#P5plus1 talks", 0 },
	/* 5+1 is C5+1 near Central Asia, the P5+1 near Iran. */
	{ "C5+1", NULL, "قمة 5+1 في سمرقند تبحث ممر النقل", 1 },
	{ "C5+1", NULL, "Leaders of the Kazakh, Uzbek and Kyrgyz states at the "
	    "5+1 summit", 1 },
	{ "C5+1", NULL, "محادثات 5+1 مع طهران في ألماتي تنتهي دون اتفاق", 0 },
	{ "C5+1", NULL, "اجتماع 5+1 في فيينا", 0 },
	{ "KazMunayGas", NULL, "#KazMunayGas output rises", 1 },
	{ "KazMunayGas", NULL, "KazMunayGas output rises", 1 },
	/*
	 * A term typed as one word in lower case finds a CamelCase hashtag
	 * written so, whole (Latin, Cyrillic, with a digit), and as the
	 * first word of a phrase; not words written apart, in two hashtags,
	 * nor a part of one hashtag.
	 */
	{ "kazmunaygas", NULL, "#KazMunayGas output rises", 1 },
	{ "kazakhstanelections", NULL, "Voters queue #KazakhstanElections", 1 },
	{ "выборывказахстане", NULL, "#ВыборыВКазахстане: явка", 1 },
	{ "g7summit", NULL, "#G7Summit in Apulia", 1 },
	{ "kazmunaygas output", NULL, "#KazMunayGas output rises", 1 },
	{ "kazmunaygas", NULL, "KazMunay Gas output rises", 0 },
	{ "kazmunaygas", NULL, "#KazMunay Gas output rises", 0 },
	{ "kazmunaygas", NULL, "#KazMunay #Gas output rises", 0 },
	{ "munaygas", NULL, "#KazMunayGas output rises", 0 },
	{ "kazmunaygas output", NULL, "#KazMunayGas shares, output rises", 0 },
	/* Hashtags with no capitals inside are read whole, as before. */
	{ "c5plus1", NULL, "Follow #C5plus1 for live updates", 1 },
	{ "كازاخستان", NULL, "#كازاخستان تنتخب", 1 },
	{ "cop29", NULL, "#cop29 ends", 1 },
	/* C5+1 fires on B5+1, its business forum, wherever it stands. */
	{ "C5+1", NULL, "المنتدى الدولي B5+1", 1 },
	/* C5+1 does not fire on P5+1, nor on E5+1 of another meeting. */
	{ "C5+1", NULL, "محادثات مجموعة P5+1 بشأن البرنامج النووي", 0 },
	{ "C5+1", NULL, "اجتماع E5+1 في بروكسل", 0 },
	/* 5+1 does not fire on P5+1. */
	{ "5+1", NULL, "محادثات مجموعة P5+1 بشأن البرنامج النووي", 0 },
	/* 5+1 AND a two-word phrase. */
	{ "5+1 AND آسيا الوسطى", NULL,
	    "قمة مجموعة 5+1 التي تضم الولايات المتحدة وخمس دول من آسيا "
	    "الوسطى", 1 },
	/* A five-word Arabic phrase with hamza and teh marbuta. */
	{ "مجموعة الدول الخمس زائد واحد", NULL,
	    "اجتماعات مجموعة الدول الخمس زائد واحد (C5+1)", 1 },
	/* المعادن النادرة after a proclitic و. */
	{ "المعادن النادرة", NULL,
	    "تتمتع دول آسيا الوسطى بثروات ضخمة من الطاقة والمعادن "
	    "النادرة", 1 },
	/* نادرًا alone is no false alarm for المعادن النادرة. */
	{ "المعادن النادرة", NULL,
	    "شهد حجم التبادل التجاري … توافقًا نادرًا بين الحزبين", 0 },
	/* A three-word phrase before a colon. */
	{ "المعادن الأرضية النادرة", NULL,
	    "المعادن الأرضية النادرة: شهدت زيادة قدرها 4.6 أضعاف", 1 },
	/* A prefix word over a hyphen and a plural. */
	{ "rare earth*", NULL, "Rare-earth elements and rare earths", 1 },
	/* A phrase's last word* takes an ending, not an English compound. */
	{ "rare earth*", NULL, "A rare earthquake jolted Oklahoma", 0 },
	{ "rare earth*", NULL, "Rare earthenware jars found in Gaza", 0 },
	{ "rare earth*", NULL, "Rare earths miner posts profit", 1 },
	{ "earth*", NULL, "An earthquake jolted Oklahoma", 1 },
	{ "Центральн* Ази*", NULL, "центральной азиатской степи", 1 },
	/* ASCII digits match Arabic-Indic digits. */
	{ "2015", NULL, "في عام ٢٠١٥، خلال الجمعية العامة", 1 },
	/* NEAR/5 does not fire on words 40 apart. */
	{ "أستانا NEAR/5 واشنطن", NULL, "جدية أستانا في تعزيز" FAR36 " واشنطن",
	    0 },
	/*
	 * Hamza before waw in either seat: most of the press writes مسؤول
	 * and شؤون, Egypt's writes مسئول and شئون; the same word to a reader.
	 */
	{ "مسؤول", NULL, "قال المسئول إن الزيارة تأجلت", 1 },
	{ "مسئول", NULL, "أكد مسؤول صيني", 1 },
	{ "وزير الشؤون الخارجية", NULL, "وزير الشئون الخارجية", 1 },
	{ "رئيس المسئولين", NULL, "رئيس المسؤولين", 1 },
	/*
	 * The accusative tanween's alef, harakat or not: تطبيعاً is تطبيع,
	 * مسؤولاً مسؤول; a word of three letters still matches only itself.
	 */
	{ "تطبيع", NULL, "رفضت الحكومة تطبيعاً مع الاحتلال", 1 },
	{ "اتفاق", NULL, "وقع الطرفان اتفاقا نهائيا", 1 },
	{ "وزير الخارجية", NULL, "عين وزيراً للخارجية", 1 },
	{ "سلم", NULL, "سلما", 0 },
	/* ه + ا is the pronoun ها: عملها (its work) is no currency, عملة. */
	{ "عملة", NULL, "تواصل اللجنة عملها", 0 },
	{ "منطقة", NULL, "رفض منطقها", 0 },
	/*
	 * A word of three letters after the article and after و ب ل (and وب
	 * ول فب فل): غاز is الغاز and بالغاز, نفط للنفط, مصر بمصر, غزة وغزة,
	 * حزب الله لحزب الله; but not after ف alone or a ك: مال is not كمال (a
	 * name), تاب is not كتاب, مصر not فمصر; nor a word of two letters.
	 */
	{ "غاز", NULL, "ارتفاع أسعار الغاز في أوروبا", 1 },
	{ "نفط", NULL, "صادرات البلاد من النفط والغاز", 1 },
	{ "نفط", NULL, "منظمة الدول المصدرة للنفط", 1 },
	{ "مصر", NULL, "زيارة الوفد بمصر", 1 },
	/*
	 * A word of three letters takes the masculine nisba (مصري, المصريين),
	 * not the feminine ية, which makes nouns of such words.
	 */
	{ "مصر", NULL, "الجنيه المصري يتراجع", 1 },
	{ "مصر", NULL, "رجال أعمال مصريون", 1 },
	{ "مصر", NULL, "وللمصريين", 1 },
	{ "قطر", NULL, "لاعب قطري", 1 },
	{ "مال", NULL, "وزير المالية", 0 },
	{ "تعز", NULL, "تعزية في وفاة الشيخ", 0 },
	{ "بحر", NULL, "البحرين", 0 },
	{ "غزة", NULL, "الضفة الغربية وغزة", 1 },
	{ "قطر", NULL, "رسالة لقطر", 1 },
	{ "حزب الله", NULL, "مواقع تابعة لحزب الله", 1 },
	{ "ولي العهد", NULL, "اجتمع وولي العهد", 1 },
	{ "مصر", NULL, "وبمصر", 1 },
	{ "مصر", NULL, "ولمصر", 1 },
	{ "مال", NULL, "قال كمال", 0 },
	{ "تاب", NULL, "معرض الكتاب", 0 },
	{ "مصر", NULL, "فمصر", 0 },
	{ "مصر", NULL, "كمصر", 0 },
	{ "مصر", NULL, "فبمصر", 1 },
	{ "مصر", NULL, "وكمصر", 0 },
	{ "حي", NULL, "في الحي القديم", 0 },
	{ "سد", NULL, "وسد", 0 },
	/* A final ئ typed as ى + ء, as older Egyptian print does. */
	{ "لاجئ", NULL, "حق كل لاجىء في العودة", 1 },
	{ "شاطئ", NULL, "على شاطىء البحر المتوسط", 1 },
	{ "المحيط الهادئ", NULL, "جزر المحيط الهادىء", 1 },
	/* شيء (a thing) is not the name شي (Xi). */
	{ "شي", NULL, "لم يتغير شيء", 0 },
	/* ئ before another letter keeps its seat: رئيس is not رؤيس. */
	{ "رئيس", NULL, "رؤيس", 0 },
	/* Harakat on the text. */
	{ "كازاخستان", NULL, "كَازَاخِسْتَان", 1 },
	/* A zero-width non-joiner inside the word. */
	{ "كازاخستان", NULL, "كازا\u200Cخستان", 1 },
	/* Arabic glued to Latin: two words, as a reader sees them. */
	{ "Kazakhstan", NULL, "كازاخستانKazakhstan", 1 },
	{ "C5+1", NULL, "قمة بـC5+1 في نيويورك", 1 },
	{ "CIA", NULL, "مدير الـCIA", 1 },
	/* Arabic presentation forms. */
	{ "كازاخستان", NULL, "ﻛﺎﺯﺍﺧﺴﺘﺎﻥ", 1 },
	/* The Urdu hehs and teh marbuta of a Persian or Urdu keyboard. */
	{ "الهند", NULL, "زيارة إلى الھند", 1 },
	{ "القاهرة", NULL, "مؤتمر القاهرۃ", 1 },
	{ "القاهرة", NULL, "مؤتمر القاهرہ", 1 },
	/* The ه of a Kurdish keyboard, its letter ە. */
	{ "السليمانية", NULL, "محافظة السلیمانیە", 1 },
	/* Persian p, zh and g are the letters the press writes for them. */
	{ "باكستان", NULL, "وزير خارجية پاكستان يزور طشقند", 1 },
	{ "جاباروف", NULL, "الرئيس القرغيزي ژاپاروف", 1 },
	{ "الكاظمي", NULL, "الگاظمي يستقبل السفير", 1 },
	/*
	 * Russian: exact, case-insensitive, case endings and the -ский
	 * adjective.
	 */
	{ "Казахстан", NULL, "КАЗАХСТАН и США", 1 },
	{ "Казахстан", NULL, "Визит в Казахстане", 1 },
	{ "Казахстан", NULL, "экспорт Казахстана", 1 },
	{ "Казахстан", NULL, "казахстанский уран", 1 },
	{ "Россия", NULL, "санкции против России", 1 },
	{ "Путин", NULL, "переговоры с Путиным", 1 },
	{ "Токаев", NULL, "встреча с Токаевым", 1 },
	{ "Казахстан", NULL, "Казах и Узбек", 0 },
	/*
	 * Adjectives in -инский of names in -а -ы, demonyms in -цы of
	 * names in -н; not -ец on another stem, which makes a new noun.
	 */
	{ "Астана", NULL, "Астанинский международный форум", 1 },
	{ "Алматы", NULL, "алматинские власти", 1 },
	{ "Казахстан", NULL, "казахстанцы за рубежом", 1 },
	{ "Иран", NULL, "встреча с иранцами", 1 },
	{ "Бишкек", NULL, "бишкекского мэра", 1 },
	{ "образ", NULL, "новый образец", 0 },
	{ "Астана", NULL, "Настала пора", 0 },
	/* NOT excludes within an expression; lowercase not is a word. */
	{ "Kazakhstan NOT football", NULL, "Kazakhstan exports grow", 1 },
	{ "Kazakhstan NOT football", NULL, "Kazakhstan football cup", 0 },
	{ "Kazakhstan AND NOT football", NULL, "Kazakhstan football", 0 },
	{ "NOT football", NULL, "anything else", 1 },
	{ "kazakhstan not football", NULL, "Kazakhstan exports", 0 },
	/* An exclude expression stops the topic from firing. */
	{ "5+1", "P5+1", "قمة 5+1 في واشنطن", 1 },
	{ "5+1", "P5+1", "قمة 5+1 ومحادثات P5+1", 0 },
	{ "C5+1", "title:sport", "C5+1 sport", 0 },
	/* AND binds tighter than OR; NOT tighter than AND. */
	{ "a1 OR b1 AND c1", NULL, "a1", 1 },
	{ "(a1 OR b1) AND c1", NULL, "a1", 0 },
	{ "NOT a1 AND b1", NULL, "b1", 1 },
	{ "NOT a1 AND b1", NULL, "a1 b1", 0 },
	{ "x1 (y1 OR z1)", NULL, "z1 then x1", 1 },
	/* Operator words are uppercase only; lowercase and is part of a phrase. */
	{ "salt and pepper", NULL, "salt and pepper", 1 },
	{ "salt and pepper", NULL, "salt or pepper", 0 },
	{ "salt AND pepper", NULL, "pepper or salt", 1 },
	/* Quotes make a literal phrase of operator words. */
	{ "\"ROCK AND ROLL\"", NULL, "rock and roll hall", 1 },
	{ "\"ROCK AND ROLL\"", NULL, "rock music and roll", 0 },
	{ "\"AT&T\" deal", NULL, "AT&T deal signed", 1 },
	/* Words of a phrase must be consecutive tokens. */
	{ "rare earth", NULL, "rare earths", 1 },
	{ "rare earth", NULL, "rare and earth", 0 },
	{ "Rare earth", NULL, "RARE-EARTH", 1 },
	{ "Kazakhstan exports", NULL, "KAZAKHSTAN’S exports", 1 },
	/* NEAR fires within n tokens in either order, never across fields. */
	{ "أستانا NEAR/5 واشنطن", NULL,
	    "جدية أستانا في تعزيز علاقتها مع واشنطن", 1 },
	{ "Astana NEAR/3 Washington", NULL, "Washington and then Astana", 1 },
	{ "Astana NEAR/2 Washington", NULL, "Astana a b Washington", 1 },
	{ "Astana NEAR/2 Washington", NULL, "Astana a b c Washington", 0 },
	/* ~word matches the spellings of a transliterated name, not other words. */
	{ "~موخامبيت", NULL, "كما أكد علي مخامبيت.", 1 },
	{ "~تستينوف", NULL, "ووفقًا لأليشر تاستنوف، الخبير البارز", 1 },
	{ "~تستينوف", NULL, "وبحسب عليشر تستينوف", 1 },
	{ "~تستينوف", NULL, "تستير", 0 },
	/* Prefix words match longer words, including after proclitics. */
	{ "uran*", NULL, "Uranium exports", 1 },
	{ "uran*", NULL, "Iran news", 0 },
	{ "كازاخ*", NULL, "الوفد الكازاخي", 1 },
	/* The article and للـ forms match a term written with the article. */
	{ "الولايات المتحدة", NULL, "زيارة للولايات المتحدة", 1 },
	{ "الولايات المتحدة", NULL, "وبالولايات المتحدة", 1 },
	{ "المعادن النادرة", NULL, "صادرات بالمعادن النادرة", 1 },
	{ "روسيا", NULL, "العقوبات الروسية على", 1 },
	{ "أمريكا", NULL, "السياسة الأمريكية", 1 },
	/*
	 * A name written with the article matches its nisba adjective without it
	 * (مسؤول صيني is a Chinese official), but not the bare word (هند is a
	 * name, جزائر means islands), and a word whose alef carries a hamza has
	 * no article to drop (ماني, a surname, is not ألمانيا).
	 */
	{ "الصين", NULL, "مسؤول صيني", 1 },
	{ "الصين", NULL, "سفن صينية", 1 },
	{ "العراق", NULL, "ووزير عراقي", 1 },
	{ "الجزائر", NULL, "لاعبون جزائريون", 1 },
	{ "الهند", NULL, "الممثلة هند صبري", 0 },
	{ "الجزائر", NULL, "جزائر القمر", 0 },
	{ "ألمانيا", NULL, "ساديو ماني", 0 },
	{ "ألمانيا", NULL, "وزير ألماني", 1 },
	/*
	 * A term that is a nisba itself (السعودية, سورية) matches its other
	 * nisba forms, with or without the article; not a verb that ends as
	 * its stem does (قضى, هوى are no قضية, هوية).
	 */
	{ "السعودية", NULL, "أكد الجانب السعودي", 1 },
	{ "السعودية", NULL, "مستثمرون سعوديون", 1 },
	{ "السعودية", NULL, "بين الشركتين السعوديتين", 1 },
	{ "سورية", NULL, "عودة اللاجئين السوريين", 1 },
	{ "قضية", NULL, "قضى الرئيس عطلته في الجبال", 0 },
	{ "الهوية", NULL, "هوى المؤشر بنسبة 3%", 0 },
	/*
	 * A term without the article matches the definite and the indefinite
	 * text; a word written with it stays definite (the article is part of
	 * names such as الجزائر, whose bare جزائر means islands), and so does a
	 * phrase that names one body or place (البنك الدولي, الأمم المتحدة);
	 * another phrase of words with ال matches them all without it, and
	 * only so (المعادن نادرة is a sentence).
	 */
	{ "معادن نادرة", NULL, "تصدير معادن نادرة", 1 },
	{ "معادن نادرة", NULL, "صادرات المعادن النادرة", 1 },
	{ "معادن نادرة", NULL, "وللمعادن النادرة", 1 },
	{ "المعادن النادرة", NULL, "تصدير معادن نادرة", 1 },
	{ "المعادن النادرة", NULL, "وبمعادن نادرة تغري أستانا المستثمرين", 1 },
	{ "العناصر الأرضية النادرة", NULL, "سبعة عناصر أرضية نادرة", 1 },
	{ "الحزام والطريق", NULL, "مبادرة حزام وطريق صينية", 1 },
	{ "المعادن النادرة", NULL, "المعادن نادرة في هذه الجبال", 0 },
	{ "المعادن النادرة", NULL, "معادن النادرة", 0 },
	{ "البنك الدولي", NULL, "إنشاء بنك دولي للتنمية", 0 },
	{ "الأمم المتحدة", NULL, "ملوك وأمم متحدة", 0 },
	{ "البحر الأحمر", NULL, "مطعم بحر أحمر", 0 },
	{ "الجزائر", NULL, "جزائر القمر", 0 },
	/* Short terms (three letters or fewer) match exactly only. */
	{ "تاب", NULL, "قرأت كتاب التاريخ", 0 },
	{ "ال", NULL, "الكازاخستانية", 0 },
	{ "مصر", NULL, "زيارة مصر", 1 },
	{ "5", NULL, "P5+1", 0 },
	{ "CIA", NULL, "CIAs", 0 },
	/* A term word never matches an unrelated longer word through suffixes. */
	{ "كازاخستان", NULL, "كازاخستانيونس", 0 },
	{ "Kazakh", NULL, "Kazakhstan", 0 },
	{ "earth", NULL, "earthquake", 0 },
	{ "النادرة", NULL, "نادرة", 0 },
	/*
	 * Sound plurals, duals and possessive pronouns, with ة as ت before
	 * them, on words of four letters or more less the article.
	 */
	{ "مسؤول", NULL, "كبار المسؤولين في أستانا", 1 },
	{ "مسؤول", NULL, "مسؤولون كازاخيون يزورون القاهرة", 1 },
	{ "مستثمر", NULL, "وفد من المستثمرين العرب", 1 },
	{ "عقوبة", NULL, "واشنطن تفرض العقوبات على موسكو", 1 },
	{ "شركة", NULL, "الشركات الكازاخستانية في السوق", 1 },
	{ "حكومة", NULL, "قالت كازاخستان إن حكومتها الجديدة", 1 },
	{ "حكومة", NULL, "اتفاق بين حكومتي البلدين", 1 },
	{ "حكومة", NULL, "بين الحكومتين", 1 },
	{ "علاقة", NULL, "تعزيز علاقاتها مع الصين", 1 },
	{ "رئيس", NULL, "وصل رئيسها إلى أستانا", 1 },
	{ "سفارة", NULL, "أعلنت سفارتنا في الرياض", 1 },
	{ "موقف", NULL, "موقفنا ثابت", 1 },
	{ "حكومة", NULL, "حكومتكم الجديدة", 1 },
	{ "رئيس", NULL, "استقبل رئيسهما", 1 },
	{ "مال", NULL, "مالنا", 0 },
	{ "استثمار", NULL, "الاستثمارات الصينية", 1 },
	{ "الجانب", NULL, "بين الجانبين", 1 },
	/* A term's final ىء is ئ, as the text's is; شيء is too short. */
	{ "شاطىء", NULL, "على شاطئ البحر", 1 },
	{ "شاطىء", NULL, "على شاطىء البحر", 1 },
	{ "لاجىء", NULL, "مخيمات اللاجئين", 1 },
	{ "شيء", NULL, "شي جين بينغ", 0 },
	/* A shorter word with such a suffix is another word. */
	{ "البحر", NULL, "ملك البحرين يزور أستانا", 0 },
	{ "النهر", NULL, "بلاد ما بين النهرين", 0 },
	{ "قوة", NULL, "قوتها", 0 },
	/* Not ان, which ends names, nor ه alone, which is also ة. */
	{ "سليم", NULL, "الملك سليمان", 0 },
	{ "سمير", NULL, "الكاتبة سميرة", 0 },
	/* English plurals fold to the singular term word. */
	{ "sanction", NULL, "new sanctions on", 1 },
	{ "economy", NULL, "Central Asian economies", 1 },
	{ "rare earth", NULL, "rare earths", 1 },
	{ "Kazakhstan", NULL, "Kazakhstani uranium", 1 },
	/*
	 * The adjectives of place names: -n after a, -ian after n or for a
	 * final a or y, -ese; not -ian after another letter.
	 */
	{ "Libya", NULL, "Libyan oil output", 1 },
	{ "Central Asia", NULL, "Central Asians abroad", 1 },
	{ "Iran", NULL, "Iranian drones", 1 },
	{ "Jordan", NULL, "Jordanians vote", 1 },
	{ "Canada", NULL, "Canadian wheat", 1 },
	{ "Italy", NULL, "Italian banks", 1 },
	{ "Sudan", NULL, "Sudanese refugees", 1 },
	{ "Lebanon", NULL, "Lebanese parliament", 1 },
	{ "China", NULL, "Chinese exports", 1 },
	{ "Niger", NULL, "Nigerian army", 0 },
	{ "civil", NULL, "civilian casualties", 0 },
	{ "Asia", NULL, "Caucasian languages", 0 },
	{ "Syria", NULL, "Assyrian church", 0 },
	/*
	 * Only of a term written with a capital, a name (media is no place:
	 * median is none of its forms), and not -n after ma (Roman).
	 */
	{ "media", NULL, "the median income", 0 },
	{ "media", NULL, "state media says", 1 },
	{ "russia", NULL, "Russian wheat", 0 },
	{ "Roma", NULL, "Roman ruins", 0 },
	{ "Roma", NULL, "Roma families", 1 },
	{ "Kenya", NULL, "Kenyan runners", 1 },
	/*
	 * The past of a verb of five letters or more; -ing of one of six
	 * or more, as a short verb's -ing is often a noun of its own.
	 */
	{ "sanction", NULL, "sanctioned tankers", 1 },
	{ "seize", NULL, "police seized the ship", 1 },
	{ "supply", NULL, "Russia supplied turbines", 1 },
	{ "Shah", NULL, "Shahed drones", 0 },
	{ "house", NULL, "housing prices", 0 },
	{ "train", NULL, "a training camp", 0 },
	{ "sanction", NULL, "sanctioning", 1 },
	{ "tender", NULL, "the state is tendering solar plants", 1 },
	{ "explore", NULL, "exploring for lithium", 1 },
	{ "supply", NULL, "supplying turbines", 1 },
	{ "seize", NULL, "seizing tankers", 0 },
	/* A verb's last consonant doubled before -ed and -ing. */
	{ "submit", NULL, "Kazakhstan is submitting its plan", 1 },
	{ "kidnap", NULL, "a kidnapping in the south", 1 },
	{ "control", NULL, "controlled exports", 1 },
	{ "admit", NULL, "the minister admitted it", 1 },
	{ "shop", NULL, "shopping malls", 0 },
	{ "plan", NULL, "planned cuts", 0 },
	/*
	 * A masculine nisba takes its feminine, dual and plural forms when
	 * five letters stand before its ي; a shorter one's feminine is a
	 * noun of its own.
	 */
	{ "الكازاخستاني", NULL, "الخارجية الكازاخستانية", 1 },
	{ "الكازاخستاني", NULL, "الشركتين الكازاخستانيتين", 1 },
	{ "الأمريكي", NULL, "الإدارة الأمريكية", 1 },
	{ "الأهلي", NULL, "الحرب الأهلية", 0 },
	/* A name's يا gives way to the nisba on a stem of three letters. */
	{ "سوريا", NULL, "اللاجئون السوريون", 1 },
	{ "آسيا", NULL, "الأسى في عيون الأطفال", 0 },
	/*
	 * Russian: -ийский of a name in -ия, the form -ско before a hyphen,
	 * an adjective's and a plural's case endings.
	 */
	{ "Россия", NULL, "российский газ", 1 },
	{ "Индия", NULL, "индийского рынка", 1 },
	{ "Казахстан", NULL, "казахстанско-китайский форум", 1 },
	{ "редкоземельные металлы", NULL, "добыча редкоземельных металлов", 1 },
	{ "Красное море", NULL, "в Красном море", 1 },
	{ "санкции", NULL, "под санкциями", 1 },
	{ "Мали", NULL, "Малой Азии", 0 },
	{ "Мали", NULL, "в малым бизнесом", 0 },
	/*
	 * A foreign name's letter written as another of its sound's: ت ط,
	 * ك ق, غ ج; on a term no Arabic pattern makes only.
	 */
	{ "سوناطراك", NULL, "سوناتراك توقع عقداً", 1 },
	{ "نواكشوط", NULL, "وصل إلى نواقشوط", 1 },
	{ "شينجيانغ", NULL, "في شينجيانج", 1 },
	{ "كازاخستان", NULL, "قازاخستان", 1 },
	{ "سياسة", NULL, "صياصة", 0 },
	{ "مكتب", NULL, "مقتب", 0 },
	/*
	 * A name of five letters whose consonants no Arabic root has (four
	 * a pattern does not add) takes a long vowel more or less; a word
	 * whose consonants a pattern made does not.
	 */
	{ "بيشكيك", NULL, "احتجاجات في شوارع بشكيك", 1 },
	{ "بشكيك", NULL, "وصول وفد إلى بيشكيك", 1 },
	{ "بودابست", NULL, "محادثات في بودابيست", 1 },
	{ "بشكيك", NULL, "تشكيك في نتائج الانتخابات", 0 },
	{ "رحمون", NULL, "عبد الرحمن يتسلم جائزة", 0 },
	/* A name's final ا written ة, on a word of four letters or more. */
	{ "أستانا", NULL, "وصل إلى أستانة", 1 },
	{ "مالطا", NULL, "حكومة مالطة", 1 },
	{ "كوبا", NULL, "كوبه", 1 },
	{ "سمير", NULL, "سميرة", 0 },
	{ "دعا", NULL, "دعة", 0 },
	/* Every proclitic of the closed list, alone and combined; nothing else. */
	{ "كازاخستان", NULL, "وكازاخستان", 1 },
	{ "كازاخستان", NULL, "فكازاخستان", 1 },
	{ "كازاخستان", NULL, "بكازاخستان", 1 },
	{ "كازاخستان", NULL, "ككازاخستان", 1 },
	{ "كازاخستان", NULL, "لكازاخستان", 1 },
	{ "كازاخستان", NULL, "وبكازاخستان", 1 },
	{ "كازاخستان", NULL, "فبكازاخستان", 1 },
	{ "كازاخستان", NULL, "وككازاخستان", 1 },
	{ "كازاخستان", NULL, "فككازاخستان", 1 },
	{ "كازاخستان", NULL, "ولكازاخستان", 1 },
	{ "كازاخستان", NULL, "فلكازاخستان", 1 },
	{ "كازاخستان", NULL, "الكازاخستان", 1 },
	{ "كازاخستان", NULL, "والكازاخستان", 1 },
	{ "كازاخستان", NULL, "فالكازاخستان", 1 },
	{ "كازاخستان", NULL, "بالكازاخستان", 1 },
	{ "كازاخستان", NULL, "كالكازاخستان", 1 },
	{ "كازاخستان", NULL, "للكازاخستان", 1 },
	{ "كازاخستان", NULL, "وبالكازاخستان", 1 },
	{ "كازاخستان", NULL, "فبالكازاخستان", 1 },
	{ "كازاخستان", NULL, "وكالكازاخستان", 1 },
	{ "كازاخستان", NULL, "فكالكازاخستان", 1 },
	/* Not a proclitic: ولا + ل. */
	{ "كازاخستان", NULL, "ولالكازاخستان", 0 },
	{ "المعادن", NULL, "وللمعادن", 1 },
	{ "المعادن", NULL, "فالمعادن", 1 },
	{ "المعادن", NULL, "وبالمعادن", 1 },
	{ "معادن", NULL, "للمعادن", 1 },
	/* A term's English plural is its singular, as the text's plurals are. */
	{ "rare earths", NULL, "rare-earth magnets", 1 },
	{ "rare earths", NULL, "Rare Earth Elements", 1 },
	{ "rare earths", NULL, "RARE EARTHS", 1 },
	{ "rare earths", NULL, "a rare earthquake", 0 },
	{ "economies", NULL, "the economy of Kazakhstan", 1 },
	{ "Kazakhs", NULL, "a Kazakh delegation", 1 },
	{ "news", NULL, "new rules", 0 },
	{ "crisis", NULL, "crisis talks", 1 },
	/* A hyphen, dash or slash joins words as a space does, in both. */
	{ "rare-earth", NULL, "rare earth", 1 },
	{ "rare earth", NULL, "rare\u2013earth", 1 },
	{ "rare earth", NULL, "rare/earth", 1 },
	{ "rare earth", NULL, "rare\u2212earth", 1 },
	/* Look-alike letters in a word that mixes scripts, in term or text. */
	{ "C5+1", NULL, "قمة \u04215+1 في واشنطن", 1 },
	{ "\u04215+1", NULL, "C5+1 summit", 1 },
	{ "Казахстан", NULL, "K\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d", 1 },
	{ "Kazakhstan", NULL, "K\u0430z\u0430khstan", 1 },
	/* NEAR takes phrases joined by OR on either side. */
	{ "(5+1 OR الخمس زائد واحد) NEAR/5 (آسيا الوسطى OR Central Asia)",
	    NULL, "قمة الخمس زائد واحد مع دول آسيا الوسطى", 1 },
	{ "(5+1 OR الخمس زائد واحد) NEAR/5 (آسيا الوسطى OR Central Asia)",
	    NULL, "Central Asia leaders at the 5+1", 1 },
	{ "(5+1 OR الخمس زائد واحد) NEAR/5 (آسيا الوسطى OR Central Asia)",
	    NULL, "مجموعة 5+1 تلتقي إيران في فيينا بعد جولة طويلة من المحادثات "
	    "في آسيا الوسطى", 0 },
	{ "title:(Astana OR Almaty) NEAR/2 Washington", NULL,
	    "Almaty and Washington", 1 },
	/*
	 * A people's adjective stands for the country named after the
	 * people beside a noun of the state, with its clitics and nisba
	 * endings, and in a spelling of the name; elsewhere it may be the
	 * people in another state. A stem of four letters or fewer, or
	 * one in a vowel, names no people (كردستان, Hindustan).
	 */
	{ "كازاخستان", NULL, "والرئيس الكازاخي يصل", 1 },
	{ "كازاخستان", NULL, "للحكومة الكازاخية خطة", 1 },
	{ "كازاخستان", NULL, "عودة المسؤولين الكازاخيين", 1 },
	{ "قرغيزستان", NULL, "البرلمان القيرغيزي يصادق", 1 },
	{ "Uzbekistan", NULL, "the Uzbek government said", 1 },
	{ "Tajikistan", NULL, "Tajik President Rahmon", 1 },
	{ "كازاخستان", NULL, "الكازاخي يصل", 0 },
	{ "كازاخستان", NULL, "الرئيس الكازاخ", 0 },
	{ "تركمانستان", NULL, "الجبهة التركمانية في كركوك", 0 },
	{ "كردستان", NULL, "الرئيس الكردي", 0 },
	{ "الباكستان", NULL, "الرئيس الباكي", 0 },
	{ "Uzbekistan", NULL, "government Uzbek", 0 },
	{ "Kazakhstan", NULL, "Kazakhs President", 0 },
	{ "Hindustan", NULL, "Hindu leader", 0 },
	{ "Kurdistan", NULL, "Kurd leader", 0 },
	{ "Казахстан", NULL, "казахский президент", 1 },
	/*
	 * A foreign name with three letters of one sound or fewer (طشقند: ط ق)
	 * is found with them written any way and a long vowel more or less.
	 */
	{ "طشقند", NULL, "وصل الوفد إلى تاشكند", 1 },
	{ "طشقند", NULL, "مطار طاشكند الدولي", 1 },
	{ "توكاييف", NULL, "الرئيس توقايف يصل", 1 },
	{ "طشقند", NULL, "حملة تشكيك في النتائج", 0 },
	{ "Узбекистан", NULL, "Узбекская сторона предложила", 1 },
	{ "Таджикистан", NULL, "переговоры с таджикским лидером", 1 },
	{ "Казахстан", NULL, "казахский язык в школах Китая", 0 },
	{ "Узбекистан", NULL, "узбекская община Оша", 0 },
	{ "Узбекистан", NULL, "афганские узбеки", 0 },
	/* The republic is a noun of the state: the Soviet one and today's. */
	{ "Kazakhstan", NULL, "The Kazakh SSR was a Soviet republic", 1 },
	{ "Kyrgyzstan", NULL, "The Kyrgyz Republic borrows from the IMF", 1 },
	{ "Казахстан", NULL, "Казахская ССР провозгласила суверенитет", 1 },
	{ "Кыргызстан", NULL, "выборы в Кыргызской Республике", 1 },
	{ "Kyrgyzstan", NULL, "Kyrgyz herders in the Pamir", 0 },
	/* English and Russian name such a country in -ia too; Arabic not. */
	{ "Turkmenistan", NULL, "Turkmenia's gas reserves", 1 },
	{ "Туркменистан", NULL, "В Туркмении прошли выборы", 1 },
	{ "Tatarstan", NULL, "Tataria's parliament", 1 },
	{ "تركمانستان", NULL, "استقبل وفداً تركمانياً من كركوك", 0 },
	/*
	 * A place's or a thing's other names: a former one, its own in its
	 * language, a far transliteration; the rare earths' family names.
	 * Not a name that is a person's too.
	 */
	{ "Astana", NULL, "Akmola became the capital in 1997", 1 },
	{ "Астана", NULL, "Саммит прошёл в Нур-Султане", 1 },
	{ "Almaty", NULL, "the Alma-Ata Protocol", 1 },
	{ "كازاخستان", NULL, "رئيس‌جمهور قزاقستان به تهران سفر کرد", 1 },
	{ "Kazakhstan", NULL, "Qazaqstan Temir Zholy orders locomotives", 1 },
	{ "Казахстан", NULL, "В Қазақстане открыли завод", 1 },
	{ "Kazakstan", NULL, "Kazakhstan's wheat", 1 },
	{ "Astana", NULL, "Nursultan Nazarbayev's daughter", 0 },
	{ "Ashgabat", NULL, "talks in Ashkhabad ended", 1 },
	/* A mention's words, as a hashtag's. */
	{ "Kazakhstan", NULL, "Thanks @KazakhstanMFA for the welcome", 1 },
	/* Turkish and Uzbek names, Kazakh and Uzbek case endings on a name. */
	{ "Kazakhstan", NULL, "Kazakistan ile Türkiye arasında anlaşma", 1 },
	{ "Uzbekistan", NULL, "Özbekistan'a yatırım yapan şirketler", 1 },
	{ "Kyrgyzstan", NULL, "Kırgızistan'da seçim sonuçları", 1 },
	{ "Central Asia", NULL, "Orta Asya ülkeleri zirvede", 1 },
	{ "Tashkent", NULL, "Toshkentda xalqaro forum boshlandi", 1 },
	{ "Astana", NULL, "Astanada halyqaralyq forum ótti", 1 },
	{ "Uzbekistan", NULL, "Oʻzbekistondan gaz eksporti", 1 },
	{ "Kazakhstan", NULL, "Qazaqstannyń ekonomıkasy ósti", 1 },
	{ "Tokayev", NULL, "Toqaev sheteldik ınvestorlarmen kezdesti", 1 },
	{ "Agen", NULL, "the agenda of the summit", 0 },
	{ "astana", NULL, "Astanada forum", 0 },
	{ "عشق آباد", NULL, "وصل الوفد إلى أشغابات أمس", 1 },
	{ "Ашхабад", NULL, "переговоры в Ашгабате", 1 },
	{ "Ташкент", NULL, "саммит в Тошкенте", 1 },
	/* Russian declines a name of two words on its last, however short. */
	{ "Алматы", NULL, "Жители Алма-Аты вышли на субботник", 1 },
	{ "Алматы", NULL, "Соглашение подписано в Алма-Ате", 1 },
	{ "Алматы", NULL, "Алма-Атинский метрополитен", 1 },
	{ "Алматы", NULL, "Алмаз весом 100 карат", 0 },
	{ "Tashkent", NULL, "Toshkent metro opens a line", 1 },
	{ "Центральная Азия", NULL, "история Средней Азии", 1 },
	{ "Central Asia", NULL, "Middle Asia's rivers", 1 },
	{ "أستانا", NULL, "نور سلطان نزارباييف يلقي كلمة", 0 },
	/* A place's name that names a club, a firm or a restaurant there. */
	{ "Astana", NULL, "FC Astana beat Dinamo Zagreb", 0 },
	{ "Astana", NULL, "Astana Motors opens a plant", 0 },
	{ "أستانا", NULL, "نادي أستانا يتعاقد مع لاعب برازيلي", 0 },
	{ "طشقند", NULL, "فندق طشقند في موسكو يعاد افتتاحه", 0 },
	{ "Самарканд", NULL, "Ресторан «Самарканд» закрылся", 0 },
	{ "كازاخستان", NULL, "نادي كازاخستاني جديد في الدوري", 1 },
	{ "Astana", NULL, "Astana-based Air Astana orders new jets", 1 },
	{ "طشقند", NULL, "افتتاح فندق في طشقند", 1 },
	{ "Hyundai", NULL, "Hyundai Motors recalls cars", 1 },
	/* The person's surname after the name, a preposition of place before. */
	{ "أستانا", NULL, "رسالة من نور سلطان نزارباييف إلى القمة", 0 },
	{ "أستانا", NULL, "وصلت إلى نور سلطان نزاربايف أمس", 0 },
	{ "أستانا", NULL, "عاد الوفد من نور سلطان إلى الرياض", 1 },
	{ "rare earths", NULL, "Lanthanides supply chain shifts", 1 },
	{ "الأتربة النادرة", NULL, "تصدير العناصر الأرضية النادرة", 1 },
	{ "редкоземельные металлы", NULL, "добыча РЗМ растет", 1 },
	{ "rare earths", NULL, "Red Eléctrica (REE) shares fall", 0 },
	/* The rare earths' elements stand for the family, not for each other. */
	{ "rare earths", NULL, "China halts dysprosium exports", 1 },
	{ "Rare earths", NULL, "Neodymium prices surge", 1 },
	{ "المعادن النادرة", NULL, "ارتفاع أسعار النيوديميوم", 1 },
	{ "الأتربة النادرة", NULL, "تصدير الديسبروسيوم والتيربيوم", 1 },
	{ "редкоземельные металлы", NULL, "экспорт неодима и диспрозия", 1 },
	{ "neodymium", NULL, "China halts dysprosium exports", 0 },
	{ "rare earths", NULL, "Lithium and cobalt prices slump", 0 },
	/* A capital written by its Arabic name before its number, and back. */
	{ "C5+1", NULL, "قمة سي5+1 في واشنطن", 1 },
	{ "C5+1", NULL, "وزراء خارجية سي 5 + 1 في نيويورك", 1 },
	{ "G20", NULL, "قمة مجموعة جي 20 في الرياض", 1 },
	{ "سي5+1", NULL, "قمة C5+1 في واشنطن", 1 },
	{ "سي5+1", NULL, "قمة سي 5+1 في نيويورك", 1 },
	{ "C5+1", NULL, "مجموعة 5+1 تستأنف المحادثات مع إيران", 0 },
	{ "V5", NULL, "في 5 سنوات", 0 },
	/* A body's name keeps its article; its adjective alone does not. */
	{ "الدعم السريع", NULL, "الحكومة تقدم دعم سريع للمزارعين", 0 },
	{ "الحشد الشعبي", NULL, "حشد شعبي كبير في ساحة التحرير", 0 },
	{ "الدولة الإسلامية", NULL, "يدعو إلى إقامة دولة إسلامية", 0 },
	{ "الاحتجاجات الشعبية", NULL, "احتجاجات شعبية في العاصمة", 1 },
	/*
	 * A city's nisba is a person's name after a noun without the
	 * article, a title, a name's head or a verb of narration; an
	 * adjective after a definite noun, a state's after a pronoun.
	 */
	{ "سمرقند", NULL, "كتاب السمرقندي في الفقه", 0 },
	{ "سمرقند", NULL, "قال العلامة السمرقندي في تفسيره", 0 },
	{ "سمرقند", NULL, "كتب ابن الأثير السمرقندي", 0 },
	{ "ترمذ", NULL, "أخرجه الترمذي في سننه", 0 },
	{ "بخارى", NULL, "قصة عبد الله البخاري", 0 },
	{ "سمرقند", NULL, "الورق السمرقندي في المتحف", 1 },
	{ "كازاخستان", NULL, "التقى نظيره الكازاخستاني في الرياض", 1 },
	{ "قيرغيزستان", NULL, "رواية أيتماتوف القيرغيزي الأخيرة", 1 },
	/* Persian آستانه: the threshold after در or از, and the Gilan town. */
	{ "أستانا", NULL, "بازار در آستانه سقوط است", 0 },
	{ "أستانا", NULL, "فرماندار آستانه اشرفیه گفت", 0 },
	{ "أستانا", NULL, "سفیر در آستانه با وزیر دیدار کرد", 1 },
	{ "أستانا", NULL, "رئیس جمهور در آستانه گفت", 0 },
	/* A city beside a score is its club; a state, its team. */
	{ "أستانا", NULL, "النتيجة: أستانا 2-1 الأهلي", 0 },
	{ "Tashkent", NULL, "Final: Lokomotiv 0-2 Tashkent", 0 },
	{ "أستانا", NULL, "أستانا 6-12 (بنا) أعلن الوزير", 1 },
	{ "أستانا", NULL, "وصل إلى أستانا 5 - 12 الوفد", 1 },
	{ "كازاخستان", NULL, "التصفيات: كازاخستان 1-0 ويلز", 1 },
	/* With the article and ة or ي, a city's name is another word. */
	{ "أستانا", NULL, "قصور الأستانة وحدائقها", 0 },
	{ "بخارى", NULL, "مخطوطة للبخاري في المكتبة", 0 },
	{ "أستانا", NULL, "وصل الوفد إلى الأستانا", 1 },
	/* A namesake's noun after و ف ب ل; a street, a series, a mall. */
	{ "كازاخستان", NULL, "زيارة لمطعم كازاخستان", 0 },
	{ "بخارى", NULL, "زحام في شارع بخارى", 0 },
	{ "طشقند", NULL, "حلقة من مسلسل طشقند", 0 },
	{ "ألماتي", NULL, "تخفيضات في ألماتي مول", 0 },
	/* Bukhara's other names; the Latin name is not the Arabic term's. */
	{ "بخارى", NULL, "رحلة إلى بخارا القديمة", 1 },
	{ "Bukhara", NULL, "Buxoro viloyati hokimligi", 1 },
	{ "كازاخستان", NULL, "Talks in Kazakhstan end", 0 },
};

/* Each case of the table fires, or stays silent, as it says; all are tried. */
static void
test_fire_cases(void **state)
{
	const struct fire_case	*c;
	size_t			 i, bad = 0;

	(void)state;
	for (i = 0; i < nitems(fire_cases); i++) {
		c = &fire_cases[i];
		if ((fires_ex(c->expr, c->exclude, c->title) > 0) == c->fires)
			continue;
		print_error("case %zu: '%s'%s%s %s on '%s'\n", i, c->expr,
		    c->exclude ? " exclude " : "", c->exclude ? c->exclude : "",
		    c->fires ? "does not fire" : "fires", c->title);
		bad++;
	}
	if (bad > 0)
		fail_msg("%zu of %zu cases wrong", bad, nitems(fire_cases));
}

/* The hit span points at the original bytes of لكازاخستان, harakat and all. */
static void
test_hit_span_points_at_original_bytes(void **state)
{
	const char		*title = "زيارةُ الوزيرِ لِكَازَاخِسْتَانَ أمس";
	struct match		*m = one_topic("كازاخستان", NULL);
	struct match_doc	 doc = { title, NULL, NULL, NULL };
	struct match_result	 res;
	const char		*want = "لِكَازَاخِسْتَانَ";

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].start, strstr(title, want) - title);
	assert_int_equal(res.v[0].end - res.v[0].start, strlen(want));
	assert_string_equal(res.v[0].terms, "كازاخستان");
	match_result_free(&res);
	match_free(m);
}

/*
 * A term typed as one word that finds a CamelCase hashtag points at the
 * whole hashtag, not at its first word, and NEAR counts from its end.
 */
static void
test_hit_span_of_glued_hashtag(void **state)
{
	const char		*title = "Output rises at #KazMunayGas fields";
	struct match		*m = one_topic("kazmunaygas NEAR/1 fields",
				    NULL);
	struct match_doc	 doc = { title, NULL, NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].start, strstr(title, "KazMunayGas") - title);
	assert_int_equal(res.v[0].end - res.v[0].start,
	    strlen("KazMunayGas fields"));
	match_result_free(&res);
	match_free(m);
	m = one_topic("kazmunaygas", NULL);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].start, strstr(title, "KazMunayGas") - title);
	assert_int_equal(res.v[0].end - res.v[0].start, strlen("KazMunayGas"));
	match_result_free(&res);
	match_free(m);
}

/* The first hit prefers the title, then the summary, then the content. */
static void
test_first_hit_prefers_title(void **state)
{
	struct match		*m = one_topic("Astana", NULL);
	struct match_doc	 doc = { "News from Astana", "Astana summary",
				    "Astana body", NULL };
	struct match_doc	 doc2 = { "Other", NULL, "In Astana", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].start, 10);
	assert_int_equal(res.v[0].end, 16);
	match_result_free(&res);
	assert_int_equal(match_doc(m, &doc2, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_CONTENT);
	assert_int_equal(res.v[0].start, 3);
	match_result_free(&res);
	match_free(m);
}

/*
 * A caller's tokens of the title and summary give the hits the fields
 * themselves give, at the same places; and they are what is read.
 */
static void
test_given_tokens(void **state)
{
	struct match		*m = one_topic("Astana", NULL);
	const char		*title = "ماذا في أستانا؟ Astana talks";
	const char		*summary = "Leaders met in Astana today";
	struct match_doc	 doc = { title, summary, NULL, NULL };
	struct match_tokens	 tok;
	struct match_result	 a, b;
	struct text		*tt, *ts, *other;

	(void)state;
	tt = text_tokenize(title, strlen(title));
	ts = text_tokenize(summary, strlen(summary));
	tok = (struct match_tokens){ tt, ts };
	assert_int_equal(match_doc(m, &doc, &a), 0);
	assert_int_equal(match_doc_tokens(m, &doc, &tok, &b), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(b.n, a.n);
	assert_int_equal(b.v[0].field, a.v[0].field);
	assert_int_equal(b.v[0].start, a.v[0].start);
	assert_int_equal(b.v[0].end, a.v[0].end);
	assert_int_equal(b.v[0].text_field, a.v[0].text_field);
	match_result_free(&a);
	match_result_free(&b);
	other = text_tokenize("nothing here", 12);
	tok = (struct match_tokens){ other, other };
	assert_int_equal(match_doc_tokens(m, &doc, &tok, &b), 0);
	assert_int_equal(b.n, 0);
	match_result_free(&b);
	text_free(other);
	text_free(tt);
	text_free(ts);
	match_free(m);
}

/* NEAR pairs phrases within one field, never across fields. */
static void
test_near_never_across_fields(void **state)
{
	struct match		*m = one_topic("Astana NEAR/3 Washington", NULL);
	struct match_doc	 doc = { "Astana", NULL, "Washington", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	match_free(m);
}

/* title: restricts a phrase or a group to the title. */
static void
test_title_restriction(void **state)
{
	struct match		*m = one_topic("title:(Astana OR Almaty) AND uranium",
				    NULL);
	struct match_doc	 in_title = { "Astana talks", NULL, "uranium", NULL };
	struct match_doc	 in_body = { "talks", NULL, "Astana uranium", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &in_title, &res), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.v[0].terms, "Astana, uranium");
	match_result_free(&res);
	assert_int_equal(match_doc(m, &in_body, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	match_free(m);
}

/*
 * Besides the first hit (title first), a hit names the first one in the
 * item's text, summary before content, for the sentence a notification
 * shows; none when the hits are all in the title. A NEAR pair counts too.
 */
static void
test_text_hit(void **state)
{
	struct match		*m = one_topic("Astana OR (Almaty NEAR/2 Washington)",
				    NULL);
	struct match_doc	 doc = { "Astana news", "Leaders met. Astana hosts.",
				    "In Astana", NULL };
	struct match_doc	 title_only = { "Astana news", "Nothing here",
				    NULL, NULL };
	struct match_doc	 near = { "Other", NULL,
				    "Then Washington and Almaty met", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].text_field, MATCH_SUMMARY);
	assert_int_equal(res.v[0].text_start, 13);
	assert_int_equal(res.v[0].text_end, 19);
	match_result_free(&res);
	assert_int_equal(match_doc(m, &title_only, &res), 0);
	assert_int_equal(res.v[0].field, MATCH_TITLE);
	assert_int_equal(res.v[0].text_field, 0);
	match_result_free(&res);
	assert_int_equal(match_doc(m, &near, &res), 0);
	assert_int_equal(res.v[0].text_field, MATCH_CONTENT);
	assert_int_equal(res.v[0].text_start, 5);
	assert_int_equal(res.v[0].text_end, 26);
	match_result_free(&res);
	match_free(m);
}

/* A topic's own fields limit where it looks. */
static void
test_topic_fields(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "nothing", "Astana", NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "title-only", MATCH_TITLE), 0);
	assert_int_equal(match_topic_add(m, "summary", MATCH_SUMMARY), 1);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 1, "Astana", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].topic, 1);
	assert_int_equal(res.v[0].field, MATCH_SUMMARY);
	match_result_free(&res);
	match_free(m);
}

/* The terms list names each phrase that fired once, as written. */
static void
test_terms_listed_once_as_written(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "C5+1 و Kazakhstan", NULL,
				    "kazakhstan again", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "c5", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "C5+1", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 0, "Kazakhstan OR Uzbekistan", 0,
	    &err), 0);
	assert_int_equal(match_expr_add(m, 0, "Kazakhstan", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.v[0].terms, "C5+1, Kazakhstan");
	match_result_free(&res);
	match_free(m);
}

/*
 * A term found in another of its names or with its capital by its Arabic
 * name is listed as its user wrote it, not as the text spells it.
 */
static void
test_other_names_listed_as_written(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "قمة سي 5+1 في قزاقستان", NULL,
				    "lanthanides and rare-earth elements", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "C5+1", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 0, "كازاخستان", 0, &err), 0);
	assert_int_equal(match_expr_add(m, 0, "rare earths", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.v[0].terms, "C5+1, كازاخستان, rare earths");
	match_result_free(&res);
	match_free(m);
}

/* Topics fire independently and come back in topic order. */
static void
test_many_topics_in_order(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "كازاخستان والمعادن النادرة", NULL, NULL,
				    NULL };
	struct match_result	 res;
	char			 expr[32];
	size_t			 i;

	(void)state;
	for (i = 0; i < 500; i++) {
		snprintf(expr, sizeof(expr), "term%zu", i);
		assert_int_equal(match_topic_add(m, expr, 0), (long)i);
		assert_int_equal(match_expr_add(m, i, expr, 0, &err), 0);
	}
	assert_int_equal(match_topic_add(m, "rare", 0), 500);
	assert_int_equal(match_expr_add(m, 500, "المعادن النادرة", 0, &err), 0);
	assert_int_equal(match_topic_add(m, "kz", 0), 501);
	assert_int_equal(match_expr_add(m, 501, "كازاخستان", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_ntopics(m), 502);
	assert_string_equal(match_topic_name(m, 501), "kz");
	assert_null(match_topic_name(m, 502));
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 2);
	assert_int_equal(res.v[0].topic, 500);
	assert_int_equal(res.v[1].topic, 501);
	match_result_free(&res);
	match_free(m);
}

/* A topic restricted to sources fires only on their items. */
static void
test_source_restriction(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, "realist" };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_topic_source_add(m, 0, "example-news"), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 0);
	match_result_free(&res);
	doc.source = "example-news";
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Bad expressions and the column each error names. */
static const struct error_case {
	const char	*expr;
	int		 column;
} error_cases[] = {
	{ "(a OR b", 1 },
	{ "a OR (b AND (c)", 6 },
	{ "a OR b)", 7 },
	{ "a AND", 3 },
	{ "OR b", 1 },
	{ "a AND OR b", 3 },
	{ "a ()", 3 },
	{ "a \"\"", 3 },
	{ "a - b AND ،", 11 },
	{ "a NEAR/0 b", 3 },
	{ "a NEAR b", 3 },
	{ "(a AND b) NEAR/3 c", 11 },
	{ "a NEAR/3 NOT b", 3 },
	{ "a \"b AND c", 3 },
	{ "NOT", 1 },
	{ "", 1 },
	{ "title:", 1 },
	/* A ~word needs three consonants; * must end a word. */
	{ "~يوا", 1 },
	{ "rare *", 6 },
	/*
	 * An error only a phrase's other spelling meets (C5+ read as "C5
	 * plus"): the phrase's column, not a place past the expression's end.
	 */
	{ "C5+~", 1 },
	{ "rare OR Kazakhsta5+~", 9 },
};

/* Syntax errors name the right column. */
static void
test_syntax_error_columns(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(error_cases); i++)
		if (error_column(error_cases[i].expr) != error_cases[i].column)
			fail_msg("'%s': column %d, wanted %d", error_cases[i].expr,
			    error_column(error_cases[i].expr),
			    error_cases[i].column);
}

/* Good expressions pass the check. */
static void
test_valid_expressions_pass_check(void **state)
{
	struct match_error	 err;

	(void)state;
	assert_int_equal(match_expr_check("5+1 AND (آسيا الوسطى OR Central Asia)",
	    &err), 0);
	assert_int_equal(match_expr_check("title:\"C5 + 1\" OR ~تستينوف", &err), 0);
	assert_int_equal(match_expr_check("NEARBY NEAR/10 far", &err), 0);
}

/* A failed expression leaves the topic usable. */
static void
test_failed_expression_leaves_topic_usable(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana AND (", 0, &err), -1);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Invalid UTF-8 and NULL fields do not crash and still match the rest. */
static void
test_invalid_utf8_doc(void **state)
{
	struct match		*m = one_topic("كازاخستان", NULL);
	struct match_doc	 doc = { NULL, "\xFF\xD9كازاخستان\xC0\xAF",
				    "\xED\xA0\x80", NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, MATCH_SUMMARY);
	assert_int_equal(res.v[0].start, 2);
	match_result_free(&res);
	match_free(m);
	match_free(NULL);
	match_result_free(NULL);
}

/* Real seed sentences: several surface forms in one paragraph. */
static void
test_seed_paragraph(void **state)
{
	const char		*content = "أجرى وزير الخارجية الكازاخستاني، يرميك "
				    "كوشيرباييف، مؤخرًا محادثات مع وزير الخارجية "
				    "الأمريكي، ماركو روبيو. تجدر الإشارة إلى أن "
				    "ألماتي استضافت العام الماضي المنتدى الدولي "
				    "B5+1، وهو امتدادٌ لمنتدى C5+1 يركز على الأعمال "
				    "التجارية.";
	struct match		*m = one_topic("C5+1", NULL);
	struct match_doc	 doc = { NULL, NULL, content, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_memory_equal(content + res.v[0].start, "B5+1", 4);
	assert_int_equal(res.v[0].end - res.v[0].start, 4);
	match_result_free(&res);
	match_free(m);
}

/* The first hit of a one-topic matcher on doc: its field and original text. */
static void
assert_first_hit(const char *expr, const struct match_doc *doc,
    enum match_field field, const char *want)
{
	struct match		*m = one_topic(expr, NULL);
	struct match_result	 res;
	const char		*texts[] = { NULL, doc->title, doc->summary,
				    NULL, doc->content };
	const char		*text;

	assert_int_equal(match_doc(m, doc, &res), 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].field, field);
	text = texts[field];
	assert_true(res.v[0].end <= strlen(text));
	assert_int_equal(res.v[0].end - res.v[0].start, strlen(want));
	assert_memory_equal(text + res.v[0].start, want, strlen(want));
	match_result_free(&res);
	match_free(m);
}

/* Hit spans are bytes of the original field text, whatever folding hid. */
static void
test_hit_spans_in_content_are_original_bytes(void **state)
{
	struct match_doc	 doc = { "عنوان", NULL, NULL, NULL };

	(void)state;
	doc.content = "أصـــداء/ ﻛﺎﺯﺍﺧﺴﺘﺎﻥ اليوم";
	assert_first_hit("كازاخستان", &doc, MATCH_CONTENT, "ﻛﺎﺯﺍﺧﺴﺘﺎﻥ");
	doc.content = "ضمن صيغة C5 + 1 – كازاخستان";
	assert_first_hit("C5+1", &doc, MATCH_CONTENT, "C5 + 1");
	doc.content = "قال إن أستانا تعزز علاقتها مع واشنطن اليوم";
	assert_first_hit("واشنطن NEAR/5 أستانا", &doc, MATCH_CONTENT,
	    "أستانا تعزز علاقتها مع واشنطن");
	doc.summary = "نص عن كَازَاخِسْتَان";
	assert_first_hit("كازاخستان", &doc, MATCH_SUMMARY, "كَازَاخِسْتَان");
}

/* 10,000 topics of two words each: the right one fires, the others do not. */
static void
test_ten_thousand_terms(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "خبر عن term9999 كلمة9999 اليوم",
				    NULL, "و term123 كلمه123", NULL };
	struct match_result	 res;
	char			 expr[64];
	size_t			 i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		snprintf(expr, sizeof(expr), "term%zu كلمة%zu", i, i);
		assert_int_equal(match_topic_add(m, expr, 0), (long)i);
		assert_int_equal(match_expr_add(m, i, expr, 0, &err), 0);
	}
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 2);
	assert_int_equal(res.v[0].topic, 123);
	assert_int_equal(res.v[0].field, MATCH_CONTENT);
	assert_int_equal(res.v[1].topic, 9999);
	assert_string_equal(res.v[1].terms, "term9999 كلمة9999");
	match_result_free(&res);
	match_free(m);
}

/* A document with no source name is matched by every topic (raqib match). */
static void
test_unknown_source_reads_every_topic(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "Astana", NULL, NULL, NULL };
	struct match_result	 res;

	(void)state;
	assert_int_equal(match_topic_add(m, "t", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "Astana", 0, &err), 0);
	assert_int_equal(match_topic_source_add(m, 0, "example-news"), 0);
	match_compile(m);
	assert_int_equal(match_doc(m, &doc, &res), 0);
	assert_int_equal(res.n, 1);
	match_result_free(&res);
	match_free(m);
}

/* Whether the explanation has a line equal to line. */
static int
has_line(const char *text, const char *line)
{
	const char	*p = text;
	size_t		 n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

/* --explain: tokens per distinct field text, topics, expressions, phrases. */
static void
test_explain(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_doc	 doc = { "زيارة لكازاخستان", NULL,
				    "C5 + 1 و rare earths", NULL };
	struct buf		 out = { 0 };

	(void)state;
	assert_int_equal(match_topic_add(m, "kz", MATCH_TITLE), 0);
	assert_int_equal(match_expr_add(m, 0, "كازاخستان OR ~تستينوف", 0,
	    &err), 0);
	assert_int_equal(match_expr_add(m, 0, "P5+1", 1, &err), 0);
	assert_int_equal(match_topic_add(m, "c5", 0), 1);
	assert_int_equal(match_expr_add(m, 1, "C5+1 AND NOT title:rare earth*",
	    0, &err), 0);
	match_compile(m);
	assert_int_equal(match_explain(m, &doc, SIZE_MAX, &out), 0);
	assert_true(has_line(out.data, "tokens (title): زياره لكازاخستان"));
	assert_true(has_line(out.data,
	    "tokens (content): c5 + 1 و rare earths"));
	assert_true(has_line(out.data, "topic kz: fires (fields: title)"));
	assert_true(has_line(out.data,
	    "  match = كازاخستان OR ~تستينوف: holds"));
	assert_true(has_line(out.data,
	    "    كازاخستان -> كازاخستان: found in title: لكازاخستان"));
	assert_true(has_line(out.data,
	    "    ~تستينوف -> ~تستنف: not found"));
	assert_true(has_line(out.data, "  exclude = P5+1: does not hold"));
	assert_true(has_line(out.data, "topic c5: fires"));
	assert_true(has_line(out.data,
	    "    C5+1 -> c5 + 1 (exact: c5 + 1): found in content: C5 + 1"));
	assert_true(has_line(out.data,
	    "    rare earth* -> rare earth* in title: not found"));
	buf_reset(&out);
	assert_int_equal(match_explain(m, &doc, 1, &out), 0);
	assert_null(strstr(out.data, "topic kz"));
	assert_non_null(strstr(out.data, "topic c5: fires"));
	buf_free(&out);
	match_free(m);
}

/*
 * The matcher remembers the words of recent tokens: a text of 30,000
 * distinct words (more than the memo holds, so that they evict one
 * another) finds exactly its own terms, and an item matched before, among
 * and after them gets the same hits each time.
 */
static void
test_memo_answers_as_the_tables(void **state)
{
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_result	 res;
	struct match_doc	 doc = { "وبالكازاخستانية تقارير عن term7777s",
				    NULL, NULL, NULL };
	struct match_doc	 bd = { NULL, NULL, NULL, NULL };
	struct buf		 big = { 0 };
	size_t			 i, round;

	(void)state;
	assert_int_equal(match_topic_add(m, "kz", 0), 0);
	assert_int_equal(match_expr_add(m, 0, "كازاخستان", 0, &err), 0);
	assert_int_equal(match_topic_add(m, "term", 0), 1);
	assert_int_equal(match_expr_add(m, 1, "term7777", 0, &err), 0);
	match_compile(m);
	for (i = 0; i < 30000; i++)
		buf_printf(&big, "term%zu كلمه%zu ", i, i);
	for (round = 0; round < 3; round++) {
		assert_int_equal(match_doc(m, &doc, &res), 0);
		assert_int_equal(res.n, 2);
		assert_int_equal(res.v[0].topic, 0);
		assert_int_equal(res.v[0].start, 0);
		assert_int_equal(res.v[0].end, strlen("وبالكازاخستانية"));
		assert_int_equal(res.v[1].topic, 1);
		assert_string_equal(res.v[1].terms, "term7777");
		match_result_free(&res);
		if (round == 2)
			break;
		bd.content = big.data;
		assert_int_equal(match_doc(m, &bd, &res), 0);
		assert_int_equal(res.n, 1);
		assert_int_equal(res.v[0].topic, 1);
		assert_int_equal(res.v[0].field, MATCH_CONTENT);
		assert_memory_equal(big.data + res.v[0].start, "term7777 ", 9);
		match_result_free(&res);
	}
	buf_free(&big);
	match_free(m);
}

/*
 * A token that stands for many words (most prefixes of كازاخستان are a
 * word*, and it is the word itself with affixes, and a word as written)
 * fires the same eight topics each time it is read: missed, missed again
 * and remembered, then answered by the memo (كاز* is too short to take
 * the proclitic, and its skeleton keeps the suffix); and so does a token
 * too long for the memo.
 */
static void
test_memo_many_words(void **state)
{
	static const char *const exprs[] = { "كاز*", "كازا*", "كازاخ*",
	    "كازاخس*", "كازاخست*", "كازاخستا*", "كازاخستان*", "كازاخستان",
	    "بالكازاخستانيه", "~كازاخستان", "qwertyuiopasdfghjklz*",
	    "qwertyuiopasdfghjklzxcvbnm" };
	static const char *const texts[] = { "بالكازاخستانية",
	    "qwertyuiopasdfghjklzxcvbnm" };
	struct match		*m = match_new();
	struct match_error	 err;
	struct match_result	 res;
	struct match_doc	 doc = { NULL, NULL, NULL, NULL };
	/* All but the Latin two: كاز* of three letters after the article too. */
	size_t			 i, round, want[] = { 9, 2 };

	(void)state;
	for (i = 0; i < nitems(exprs); i++) {
		assert_int_equal(match_topic_add(m, exprs[i], 0), (long)i);
		assert_int_equal(match_expr_add(m, i, exprs[i], 0, &err), 0);
	}
	match_compile(m);
	for (round = 0; round < 4; round++) {
		for (i = 0; i < nitems(texts); i++) {
			doc.title = texts[i];
			assert_int_equal(match_doc(m, &doc, &res), 0);
			assert_int_equal(res.n, want[i]);
			match_result_free(&res);
		}
	}
	match_free(m);
}

/*
 * A held-out evaluation (tests/fixtures/heldout*.tsv): terms against
 * headlines a reader judged, in press styles the other tests do not hold.
 * A ratchet: every case fires as the reader says, except those the file
 * marks "known: why"; a known case that comes right is said, so that its
 * mark can be dropped.
 */
static void
heldout_run(const char *name, size_t min)
{
	char	*data, *line, *save = NULL, *f[4], *p;
	size_t	 len, n = 0, no = 0, known = 0, bad = 0, i;
	int	 want, got;

	data = slurp(name, &len);
	for (line = strtok_r(data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		f[3] = NULL;
		for (i = 0, p = line; i < 4 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (i < 3 || (f[2][0] != 'y' && f[2][0] != 'n'))
			fail_msg("%s: not term, text, y|n: %s", name, line);
		want = f[2][0] == 'y';
		got = fires_ex(f[0], NULL, f[1]) > 0;
		n++;
		no += !want;
		known += f[3] != NULL;
		if (got == want && f[3] != NULL)
			print_message("%s: now right, drop its mark: %s / %s\n",
			    name, f[0], f[1]);
		if (got != want && f[3] == NULL) {
			print_error("%s: %s %s on %s\n", name, f[0],
			    want ? "misses" : "fires", f[1]);
			bad++;
		}
	}
	free(data);
	if (bad > 0)
		fail_msg("%zu of %zu held-out cases newly wrong", bad, n);
	assert_true(n >= min && no * 3 >= n - no);
	print_message("%s: %zu cases, %zu known wrong\n", name, n, known);
}

static void
test_heldout(void **state)
{
	(void)state;
	heldout_run("heldout.tsv", 200);
}

/*
 * The second held-out set, written before the fixes it measures: sports,
 * energy, protocol, Yemeni, Libyan, Sudanese, Mauritanian, Kurdish-region
 * and Gulf press, Central Asian names in three scripts, acronyms glued to
 * Arabic.
 */
static void
test_heldout2(void **state)
{
	(void)state;
	heldout_run("heldout2.tsv", 200);
}

/*
 * The third held-out set: foreign names in Arabic spellings that differ by
 * one long vowel letter, and the Arabic words whose consonants a rule
 * blind to such letters would take for each other.
 */
static void
test_heldout3(void **state)
{
	(void)state;
	heldout_run("heldout3.tsv", 120);
}

/*
 * The fourth held-out set: markets and commodities, agency datelines, the
 * Maghreb's spellings, social-media titles, English headline styles and
 * verb forms, Russian adjectives, and traps: place adjectives that are
 * other words (Roman, median), homographs, short terms in longer words.
 */
static void
test_heldout4(void **state)
{
	(void)state;
	heldout_run("heldout4.tsv", 200);
}

/*
 * The fifth held-out set: Arabic typed on Persian, Urdu and Kurdish
 * keyboards, presentation forms from PDFs, invisible marks inside words,
 * digits of three systems, hashtags and URL slugs, proclitic chains, the
 * dual and feminine plural of nisba adjectives, Gulf, Egyptian and
 * Levantine spellings, English possessives and verb forms, Russian ё and
 * look-alike letters; and their traps.
 */
static void
test_heldout5(void **state)
{
	(void)state;
	heldout_run("heldout5.tsv", 200);
}

/*
 * The sixth held-out set: letters of Persian, Iraqi and Maghreb keyboards,
 * CamelCase hashtags, Central Asian names in their many spellings, names
 * of one word written as two and the reverse, headline punctuation, rare
 * earths and C5+1 as papers write them, English and Russian case forms;
 * and their traps.
 */
static void
test_heldout6(void **state)
{
	(void)state;
	heldout_run("heldout6.tsv", 250);
}

/*
 * The seventh held-out set: the people's adjectives of the Central Asian
 * states and those of peoples living elsewhere, definite phrases written
 * without ال, ڤ and ڨ, Persian spellings, hashtags with a suffix, Russian
 * and English forms, digits of three systems, invisible marks, titles in
 * presentation forms; and their traps: words that hold a term's letters,
 * homographs, another city of a term's name.
 */
static void
test_heldout7(void **state)
{
	(void)state;
	heldout_run("heldout7.tsv", 300);
}

/*
 * The eighth held-out set: the capitals and cities of Central Asia in
 * their transliterations and three scripts, the states' other spellings,
 * definite phrases written without ال, Russian adjectives of the states in
 * all their cases, chains of proclitics, the C5+1 family, invisible marks
 * and the letters windows-1256 pages decode to; and their traps: scholars'
 * nisbas of a city, words one letter off, streets named after a city.
 */
static void
test_heldout8(void **state)
{
	(void)state;
	heldout_run("heldout8.tsv", 300);
}

/*
 * The ninth held-out set: the states' and capitals' former and other
 * names, Latin and Cyrillic variants with Kazakh and Uzbek letters and
 * modifier letters, Persian and Urdu spellings, the C5+1 family with odd
 * pluses and digits, the nisba's case endings, definite phrases that are
 * other things without ال, the rare earths family; and their traps:
 * people, bands and acronyms named as a place or a term, peoples living
 * outside the state.
 */
static void
test_heldout9(void **state)
{
	(void)state;
	heldout_run("heldout9.tsv", 280);
}

/*
 * The tenth held-out set: نور سلطان the capital against the person, Russian
 * cases of the capitals and states, C5+1 in words and other digits, rare
 * earths against earthquakes and Red Eléctrica, the trade's words, the
 * misspellings writers make, and text as the web delivers it (soft
 * hyphens, joiners, presentation forms, tatweel, tags and line breaks
 * inside a phrase, capitals, possessives, compounds); and their traps.
 */
static void
test_heldout10(void **state)
{
	(void)state;
	heldout_run("heldout10.tsv", 280);
}

/*
 * The eleventh held-out set: "rare earth*" against English compounds, REE
 * of mines against other REE, the elements named for the family, Persian
 * آستانه, Алма-Ата, the P5+1 in Arabic words, the person after a place's
 * preposition, capitals and abbreviations, social-media text, Arabizi,
 * Kazakh, Uzbek and Turkish Latin, Persian and Urdu, nisbas and stacked
 * proclitics; and their traps: clubs, companies and people named after a
 * place, homographs, words one letter off.
 */
static void
test_heldout11(void **state)
{
	(void)state;
	heldout_run("heldout11.tsv", 300);
}

/*
 * The twelfth held-out set: wire datelines, ministry statements, sports
 * tables, market briefs, Latin brands inside Arabic, numbers and units,
 * guillemets, Russian with Latin places, the 5+1 beside Central Asia or
 * Iran, Persian and Urdu آستانه, KZ, UZ and REE, scholars' nisbas,
 * misspellings two letters off, hamza seats, ى, ة, kashida, Persian, Urdu
 * and Kurdish letters, presentation forms, invisible marks; and their
 * traps: Kazan, Turkestan, people, firms, clubs and streets named after a
 * place, Earth-like planets, words one letter off.
 */
static void
test_heldout12(void **state)
{
	(void)state;
	heldout_run("heldout12.tsv", 300);
}

/*
 * The thirteenth held-out set, half of it traps: clubs in score lines,
 * cities' nisbas as scholars' and families' names, Persian در آستانه, KZ,
 * UZ and REE as codes, streets, restaurants, films and books named after a
 * place, a state named through its firms, words one or two letters off,
 * نادرة in its other senses; and tweets with hashtags and emoji, rare
 * earths transliterated, Gulf dialect, Maghrebi text with Latin names.
 */
static void
test_heldout13(void **state)
{
	(void)state;
	heldout_run("heldout13.tsv", 300);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fire_cases),
		cmocka_unit_test(test_hit_span_points_at_original_bytes),
		cmocka_unit_test(test_hit_span_of_glued_hashtag),
		cmocka_unit_test(test_first_hit_prefers_title),
		cmocka_unit_test(test_near_never_across_fields),
		cmocka_unit_test(test_title_restriction),
		cmocka_unit_test(test_topic_fields),
		cmocka_unit_test(test_text_hit),
		cmocka_unit_test(test_terms_listed_once_as_written),
		cmocka_unit_test(test_other_names_listed_as_written),
		cmocka_unit_test(test_many_topics_in_order),
		cmocka_unit_test(test_hit_spans_in_content_are_original_bytes),
		cmocka_unit_test(test_ten_thousand_terms),
		cmocka_unit_test(test_unknown_source_reads_every_topic),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_source_restriction),
		cmocka_unit_test(test_syntax_error_columns),
		cmocka_unit_test(test_valid_expressions_pass_check),
		cmocka_unit_test(test_failed_expression_leaves_topic_usable),
		cmocka_unit_test(test_invalid_utf8_doc),
		cmocka_unit_test(test_seed_paragraph),
		cmocka_unit_test(test_memo_answers_as_the_tables),
		cmocka_unit_test(test_given_tokens),
		cmocka_unit_test(test_memo_many_words),
		cmocka_unit_test(test_heldout),
		cmocka_unit_test(test_heldout2),
		cmocka_unit_test(test_heldout3),
		cmocka_unit_test(test_heldout4),
		cmocka_unit_test(test_heldout5),
		cmocka_unit_test(test_heldout6),
		cmocka_unit_test(test_heldout7),
		cmocka_unit_test(test_heldout8),
		cmocka_unit_test(test_heldout9),
		cmocka_unit_test(test_heldout10),
		cmocka_unit_test(test_heldout11),
		cmocka_unit_test(test_heldout12),
		cmocka_unit_test(test_heldout13),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
