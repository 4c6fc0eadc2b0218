/*
 * feed_date: the dates feeds write, to Unix seconds. RFC 822 with the
 * variants real feeds use (misspelt weekdays, two-digit years, zone names,
 * "GMT+3"), and RFC 3339 / ISO 8601.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compat.h"
#include "feed.h"

/*
 * Time zone names seen in RFC 822 dates, offsets in minutes, sorted. Four
 * names mean two zones; each is read as the sites that write it mean it,
 * with a numeric offset beside it always winning (+0300 AST):
 *   AST  Arabia Standard Time, +3 (Saudi Arabia, Kuwait, Qatar, Bahrain,
 *        Iraq), not Atlantic Standard Time (-4), which feedparser and
 *        Python's email module take, but which Gulf sites never mean;
 *   GST  Gulf Standard Time, +4 (UAE, Oman); feedparser knows no GST;
 *   IST  India Standard Time, +5:30 (Indian sites write it on every item;
 *        Israel's and Ireland's sites write +0200 and +0100 or GMT);
 *   BST  British Summer Time, +1 (what PHP and Java print for London;
 *        Bangladesh's zone prints as +06 or BDT).
 * ALMT is +5: Kazakhstan's clocks have shown +5 since March 2024, and a
 * site that still labels them with the old name (+6) prints the time its
 * clock shows; the label is a template's constant, the hour is not.
 * feedparser reads every name it does not know as UTC.
 */
static const struct feed_zone {
	const char	*name;
	int		 min;
} feed_zones[] = {
	{ "AEDT", 11 * 60 }, { "AEST", 10 * 60 }, { "ALMT", 5 * 60 },
	{ "AQTT", 5 * 60 }, { "AST", 3 * 60 }, { "BST", 1 * 60 },
	{ "CAT", 2 * 60 }, { "CDT", -5 * 60 }, { "CEST", 2 * 60 },
	{ "CET", 1 * 60 }, { "CST", -6 * 60 }, { "CT", -6 * 60 },
	{ "EAT", 3 * 60 }, { "EDT", -4 * 60 }, { "EEST", 3 * 60 },
	{ "EET", 2 * 60 }, { "EST", -5 * 60 }, { "ET", -5 * 60 },
	{ "GMT", 0 }, { "GST", 4 * 60 }, { "HKT", 8 * 60 },
	{ "IRST", 3 * 60 + 30 }, { "IST", 5 * 60 + 30 }, { "JST", 9 * 60 },
	{ "KGT", 6 * 60 }, { "KST", 9 * 60 }, { "MDT", -6 * 60 },
	{ "MEST", 2 * 60 }, { "MET", 1 * 60 }, { "MSK", 3 * 60 },
	{ "MST", -7 * 60 }, { "MT", -7 * 60 }, { "PDT", -7 * 60 },
	{ "PKT", 5 * 60 }, { "PST", -8 * 60 }, { "PT", -8 * 60 },
	{ "SAST", 2 * 60 }, { "SGT", 8 * 60 }, { "TJT", 5 * 60 },
	{ "TMT", 5 * 60 }, { "UT", 0 }, { "UTC", 0 }, { "UZT", 5 * 60 },
	{ "WAT", 1 * 60 }, { "WEST", 1 * 60 }, { "WET", 0 },
	{ "WIB", 7 * 60 }, { "Z", 0 },
};

/*
 * IANA zone names written where the abbreviation goes (Sat, 06 Dec 2026
 * 10:30:00 Asia/Almaty), sorted. Only zones with one offset all year: a
 * zone with summer time (Africa/Cairo, Asia/Beirut, Europe/London) would
 * need the rules of its year to say which, and a date an hour wrong is
 * worse than an item without one.
 */
static const struct feed_zone feed_iana[] = {
	{ "Africa/Addis_Ababa", 3 * 60 }, { "Africa/Algiers", 1 * 60 },
	{ "Africa/Djibouti", 3 * 60 }, { "Africa/Johannesburg", 2 * 60 },
	{ "Africa/Khartoum", 2 * 60 }, { "Africa/Lagos", 1 * 60 },
	{ "Africa/Mogadishu", 3 * 60 }, { "Africa/Nairobi", 3 * 60 },
	{ "Africa/Nouakchott", 0 }, { "Africa/Tripoli", 2 * 60 },
	{ "Africa/Tunis", 1 * 60 }, { "Asia/Aden", 3 * 60 },
	{ "Asia/Almaty", 5 * 60 }, { "Asia/Amman", 3 * 60 },
	{ "Asia/Aqtau", 5 * 60 }, { "Asia/Aqtobe", 5 * 60 },
	{ "Asia/Ashgabat", 5 * 60 }, { "Asia/Baghdad", 3 * 60 },
	{ "Asia/Bahrain", 3 * 60 }, { "Asia/Baku", 4 * 60 },
	{ "Asia/Bangkok", 7 * 60 }, { "Asia/Bishkek", 6 * 60 },
	{ "Asia/Damascus", 3 * 60 }, { "Asia/Dhaka", 6 * 60 },
	{ "Asia/Dubai", 4 * 60 }, { "Asia/Dushanbe", 5 * 60 },
	{ "Asia/Jakarta", 7 * 60 }, { "Asia/Kabul", 4 * 60 + 30 },
	{ "Asia/Karachi", 5 * 60 }, { "Asia/Kolkata", 5 * 60 + 30 },
	{ "Asia/Kuala_Lumpur", 8 * 60 }, { "Asia/Kuwait", 3 * 60 },
	{ "Asia/Muscat", 4 * 60 }, { "Asia/Oral", 5 * 60 },
	{ "Asia/Qatar", 3 * 60 }, { "Asia/Qostanay", 5 * 60 },
	{ "Asia/Qyzylorda", 5 * 60 }, { "Asia/Riyadh", 3 * 60 },
	{ "Asia/Samarkand", 5 * 60 }, { "Asia/Shanghai", 8 * 60 },
	{ "Asia/Singapore", 8 * 60 }, { "Asia/Tashkent", 5 * 60 },
	{ "Asia/Tbilisi", 4 * 60 }, { "Asia/Tehran", 3 * 60 + 30 },
	{ "Asia/Tokyo", 9 * 60 }, { "Asia/Yerevan", 4 * 60 },
	{ "Etc/UTC", 0 }, { "Europe/Istanbul", 3 * 60 },
	{ "Europe/Minsk", 3 * 60 }, { "Europe/Moscow", 3 * 60 },
};

#define FEED_DATE_MAX	256	/* bytes of a date in another language */
#define FEED_TEXT_MAX	64	/* bytes of a date a page writes as text */
#define FEED_TEXT_LABEL	4	/* its label's words ("Mis à jour le") */
#define FEED_HIJRI_MAX	160	/* ... and of one beside a Hijri date */
#define FEED_BY_WORDS	6	/* words of a byline's name before its date */
#define FEED_JALALI_FIRST 1300	/* solar years a date may write: 1921 */
#define FEED_JALALI_LAST 1429	/* ... to 2051, before Hijri's 1430 */
#define FEED_GREGORIAN_FIRST 1600	/* Gregorian years a date may write */
#define FEED_AHEAD	86400	/* a day in digits ahead of the fetch by
				   more is read the other way round */

/* Month names, for full names and three-letter abbreviations. */
static const char *const feed_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/*
 * Month and weekday names of Arabic and Russian dates, read as English
 * ones (the weekday's name is never checked); "" drops a word. Arabic has
 * three sets of month names (Egypt and the Gulf, the Levant, the Maghreb:
 * Algeria and Tunisia's French ones, Morocco's own for four months)
 * and ص and م (or صباحاً and مساءً) after a 12-hour time (ASP.NET's "tt"
 * in Arabic; Persian's ق.ظ and ب.ظ, "before" and "after noon"), الساعة
 * ("the hour") before the time dropped;
 * Russian is matched in lower case, months in the genitive, the nominative
 * and abbreviated, the year's word (г., года) and a comma after it dropped;
 * Kazakh's months and weekdays (and its year's "ж.", "жылғы"), French's
 * and its weekdays (full and abbreviated, with and without accents, "à"
 * before the time dropped), Turkish's and its weekdays (also as written
 * without its letters, and abbreviated), German's ("um" before a time and
 * "Uhr" after it dropped), Spanish's, Italian's and Portuguese's (full and
 * abbreviated, the "de" of "6 de diciembre de 2026" dropped), Uzbek's in
 * the Latin script (6-dekabr 2026) and its year's word (yil, and the
 * Cyrillic йил, й.) and Persian's for the Gregorian months (۷ دسامبر ۲۰۲۶,
 * as Iranian and Afghan papers date a story; not می, which is also a
 * verb's prefix), with its weekdays and ساعت ("hour") before the time
 * dropped (the solar calendar's months are feed_solar_words). A name in
 * Latin letters is matched as a whole word in any case.
 */
static const struct feed_word {
	const char	*local, *en;
} feed_words[] = {
	{ "يناير", "Jan" }, { "فبراير", "Feb" }, { "مارس", "Mar" },
	{ "أبريل", "Apr" }, { "ابريل", "Apr" }, { "إبريل", "Apr" },
	{ "مايو", "May" }, { "يونيو", "Jun" }, { "يونيه", "Jun" },
	{ "يوليو", "Jul" }, { "يوليه", "Jul" }, { "أغسطس", "Aug" },
	{ "اغسطس", "Aug" }, { "سبتمبر", "Sep" }, { "أكتوبر", "Oct" },
	{ "اكتوبر", "Oct" }, { "نوفمبر", "Nov" }, { "ديسمبر", "Dec" },
	{ "كانون الثاني", "Jan" }, { "شباط", "Feb" }, { "آذار", "Mar" },
	{ "اذار", "Mar" }, { "نيسان", "Apr" }, { "أيار", "May" },
	{ "ايار", "May" }, { "حزيران", "Jun" }, { "تموز", "Jul" },
	{ "آب", "Aug" }, { "اب", "Aug" }, { "أيلول", "Sep" },
	{ "ايلول", "Sep" }, { "تشرين الأول", "Oct" }, { "تشرين الاول", "Oct" },
	{ "تشرين الثاني", "Nov" }, { "كانون الأول", "Dec" },
	{ "كانون الاول", "Dec" },
	{ "جانفي", "Jan" }, { "فيفري", "Feb" }, { "أفريل", "Apr" },
	{ "افريل", "Apr" }, { "ماي", "May" }, { "جوان", "Jun" },
	{ "جويلية", "Jul" }, { "أوت", "Aug" }, { "اوت", "Aug" },
	{ "يوليوز", "Jul" }, { "غشت", "Aug" }, { "شتنبر", "Sep" },
	{ "نونبر", "Nov" }, { "دجنبر", "Dec" },
	{ "الأحد", "Sun" }, { "الاحد", "Sun" }, { "الإثنين", "Mon" },
	{ "الاثنين", "Mon" }, { "الأثنين", "Mon" }, { "الثلاثاء", "Tue" },
	{ "الأربعاء", "Wed" }, { "الاربعاء", "Wed" }, { "الخميس", "Thu" },
	{ "الجمعة", "Fri" }, { "السبت", "Sat" },
	{ "января", "Jan" }, { "февраля", "Feb" }, { "марта", "Mar" },
	{ "апреля", "Apr" }, { "мая", "May" }, { "июня", "Jun" },
	{ "июля", "Jul" }, { "августа", "Aug" }, { "сентября", "Sep" },
	{ "октября", "Oct" }, { "ноября", "Nov" }, { "декабря", "Dec" },
	{ "январь", "Jan" }, { "февраль", "Feb" }, { "март", "Mar" },
	{ "апрель", "Apr" }, { "май", "May" }, { "июнь", "Jun" },
	{ "июль", "Jul" }, { "август", "Aug" }, { "сентябрь", "Sep" },
	{ "октябрь", "Oct" }, { "ноябрь", "Nov" }, { "декабрь", "Dec" },
	{ "янв", "Jan" }, { "фев", "Feb" }, { "мар", "Mar" }, { "апр", "Apr" },
	{ "июн", "Jun" }, { "июл", "Jul" }, { "авг", "Aug" },
	{ "сент", "Sep" }, { "сен", "Sep" }, { "окт", "Oct" },
	{ "нояб", "Nov" }, { "ноя", "Nov" }, { "дек", "Dec" },
	{ "понедельник", "Mon" }, { "вторник", "Tue" }, { "среда", "Wed" },
	{ "четверг", "Thu" }, { "пятница", "Fri" }, { "суббота", "Sat" },
	{ "воскресенье", "Sun" }, { "пн", "Mon" }, { "вт", "Tue" },
	{ "ср", "Wed" }, { "чт", "Thu" }, { "пт", "Fri" }, { "сб", "Sat" },
	{ "вс", "Sun" }, { "года,", "" }, { "года", "" }, { "г.,", "" },
	{ "г.", "" }, { "г", "" }, { "в", "" },
	{ "қаңтар", "Jan" }, { "ақпан", "Feb" }, { "наурыз", "Mar" },
	{ "сәуір", "Apr" }, { "мамыр", "May" }, { "маусым", "Jun" },
	{ "шілде", "Jul" }, { "тамыз", "Aug" }, { "қыркүйек", "Sep" },
	{ "қазан", "Oct" }, { "қараша", "Nov" }, { "желтоқсан", "Dec" },
	{ "ж.", "" }, { "жылғы", "" }, { "жылы", "" },
	{ "дүйсенбі", "Mon" }, { "сейсенбі", "Tue" }, { "сәрсенбі", "Wed" },
	{ "бейсенбі", "Thu" }, { "жұма", "Fri" }, { "сенбі", "Sat" },
	{ "жексенбі", "Sun" }, { "йил", "" }, { "йилнинг", "" }, { "й.,", "" },
	{ "й.", "" },
	{ "janvier", "Jan" }, { "février", "Feb" }, { "fevrier", "Feb" },
	{ "mars", "Mar" }, { "avril", "Apr" }, { "mai", "May" },
	{ "juin", "Jun" }, { "juillet", "Jul" }, { "août", "Aug" },
	{ "aout", "Aug" }, { "septembre", "Sep" }, { "octobre", "Oct" },
	{ "novembre", "Nov" }, { "décembre", "Dec" }, { "decembre", "Dec" },
	{ "janv", "Jan" }, { "févr", "Feb" }, { "fév", "Feb" },
	{ "avr", "Apr" }, { "juil", "Jul" }, { "déc", "Dec" }, { "à", "" },
	{ "lundi", "Mon" }, { "mardi", "Tue" }, { "mercredi", "Wed" },
	{ "jeudi", "Thu" }, { "vendredi", "Fri" }, { "samedi", "Sat" },
	{ "dimanche", "Sun" },
	{ "ocak", "Jan" }, { "şubat", "Feb" }, { "Şubat", "Feb" },
	{ "subat", "Feb" }, { "mart", "Mar" }, { "nisan", "Apr" },
	{ "mayıs", "May" }, { "mayis", "May" }, { "haziran", "Jun" },
	{ "temmuz", "Jul" }, { "ağustos", "Aug" }, { "agustos", "Aug" },
	{ "eylül", "Sep" }, { "eylul", "Sep" }, { "ekim", "Oct" },
	{ "kasım", "Nov" }, { "kasim", "Nov" }, { "aralık", "Dec" },
	{ "aralik", "Dec" }, { "oca", "Jan" }, { "şub", "Feb" },
	{ "sub", "Feb" }, { "nis", "Apr" }, { "haz", "Jun" }, { "tem", "Jul" },
	{ "ağu", "Aug" }, { "agu", "Aug" }, { "eyl", "Sep" }, { "eki", "Oct" },
	{ "kas", "Nov" }, { "ara", "Dec" },
	{ "pazartesi", "Mon" }, { "salı", "Tue" }, { "sali", "Tue" },
	{ "çarşamba", "Wed" }, { "carsamba", "Wed" }, { "perşembe", "Thu" },
	{ "persembe", "Thu" }, { "cuma", "Fri" }, { "cumartesi", "Sat" },
	{ "pazar", "Sun" },
	{ "januar", "Jan" }, { "jänner", "Jan" }, { "februar", "Feb" },
	{ "märz", "Mar" }, { "maerz", "Mar" }, { "mär", "Mar" },
	{ "mrz", "Mar" }, { "juni", "Jun" }, { "juli", "Jul" },
	{ "oktober", "Oct" }, { "okt", "Oct" }, { "dezember", "Dec" },
	{ "dez", "Dec" }, { "um", "" }, { "uhr", "" },
	{ "enero", "Jan" }, { "ene", "Jan" }, { "febrero", "Feb" },
	{ "marzo", "Mar" }, { "abril", "Apr" }, { "abr", "Apr" },
	{ "mayo", "May" }, { "junio", "Jun" }, { "julio", "Jul" },
	{ "agosto", "Aug" }, { "ago", "Aug" }, { "septiembre", "Sep" },
	{ "setiembre", "Sep" }, { "octubre", "Oct" }, { "noviembre", "Nov" },
	{ "diciembre", "Dec" }, { "dic", "Dec" }, { "de", "" },
	{ "gennaio", "Jan" }, { "gen", "Jan" }, { "febbraio", "Feb" },
	{ "aprile", "Apr" }, { "maggio", "May" }, { "mag", "May" },
	{ "giugno", "Jun" }, { "giu", "Jun" }, { "luglio", "Jul" },
	{ "lug", "Jul" }, { "settembre", "Sep" }, { "set", "Sep" },
	{ "ottobre", "Oct" }, { "ott", "Oct" }, { "dicembre", "Dec" },
	{ "janeiro", "Jan" }, { "fevereiro", "Feb" }, { "fev", "Feb" },
	{ "março", "Mar" }, { "maio", "May" }, { "junho", "Jun" },
	{ "julho", "Jul" }, { "setembro", "Sep" }, { "outubro", "Oct" },
	{ "out", "Oct" }, { "novembro", "Nov" }, { "dezembro", "Dec" },
	{ "miércoles", "Wed" }, { "mié", "Wed" }, { "sábado", "Sat" },
	{ "sáb", "Sat" },
	{ "yanvar", "Jan" }, { "fevral", "Feb" }, { "aprel", "Apr" },
	{ "iyun", "Jun" }, { "iyul", "Jul" }, { "avgust", "Aug" },
	{ "sentabr", "Sep" }, { "sentyabr", "Sep" }, { "oktabr", "Oct" },
	{ "oktyabr", "Oct" }, { "noyabr", "Nov" }, { "dekabr", "Dec" },
	{ "yil", "" }, { "yilning", "" },
	{ "ژانویه", "Jan" }, { "فوریه", "Feb" }, { "آوریل", "Apr" },
	{ "مه", "May" }, { "ژوئن", "Jun" }, { "ژوئیه", "Jul" },
	{ "سپتامبر", "Sep" }, { "اکتبر", "Oct" }, { "نوامبر", "Nov" },
	{ "دسامبر", "Dec" },
	{ "شنبه", "Sat" }, { "یکشنبه", "Sun" }, { "دوشنبه", "Mon" },
	{ "سه\u200cشنبه", "Tue" }, { "سه شنبه", "Tue" },
	{ "چهارشنبه", "Wed" }, { "پنجشنبه", "Thu" }, { "پنج\u200cشنبه", "Thu" },
	{ "پنج شنبه", "Thu" }, { "جمعه", "Fri" }, { "ساعت", "" },
	{ "الساعة", "" }, { "الساعه", "" },
	{ "ص", "AM" }, { "م", "PM" }, { "صباحا", "AM" }, { "صباحاً", "AM" },
	{ "مساء", "PM" }, { "مساءً", "PM" },
	{ "ق.ظ", "AM" }, { "ب.ظ", "PM" }, { "قبل از ظهر", "AM" },
	{ "بعد از ظهر", "PM" }
};

/*
 * The solar calendar's months, as Iranian sites write them (also with the
 * Arabic ي), as the English of the same number: the year says the calendar
 * (feed_tm_days), and they are read only with a solar year.
 */
static const struct feed_word feed_solar_words[] = {
	{ "فروردین", "Jan" }, { "فروردين", "Jan" }, { "اردیبهشت", "Feb" },
	{ "ارديبهشت", "Feb" }, { "خرداد", "Mar" }, { "تیر", "Apr" },
	{ "تير", "Apr" }, { "مرداد", "May" }, { "امرداد", "May" },
	{ "شهریور", "Jun" }, { "شهريور", "Jun" }, { "مهر", "Jul" },
	{ "آبان", "Aug" }, { "آذر", "Sep" }, { "دی", "Oct" }, { "دي", "Oct" },
	{ "بهمن", "Nov" }, { "اسفند", "Dec" },
};

/*
 * A date broken down; off is the zone's offset east of UTC in minutes.
 * site is the offset of the clock a time of day written without a zone is
 * on (a page's own; 0, UTC, for a feed's dates): feed_clock gives it to
 * off and a zone written after the time replaces it, so a page's
 * "06.12.2026 12:40" is on the site's clock, its "06.12.2026 12:40 GMT"
 * is not, and its "06.12.2026" stays the day's midnight UTC.
 */
struct feed_tm {
	int	 year, mon, day, hour, min, sec, off, site;
};

/* Days from 1970-01-01 to a civil date (proleptic Gregorian). */
static int64_t
feed_days(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Floor division and its remainder, for the solar calendar's cycles. */
static int
feed_div(int a, int b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int
feed_mod(int a, int b)
{
	return a - feed_div(a, b) * b;
}

/*
 * The Persian solar (Jalali) year jy, by the standard arithmetic (Kazimierz
 * Borkowski's, as jalaali-js and PHP's jdf compute Iran's official
 * calendar): the Gregorian day in March of its 1 Farvardin into *march;
 * whether it is a leap year (Esfand of 30 days).
 */
static int
feed_jalali_year(int jy, int *march)
{
	/* The years where the 33-year cycles of leap years break. */
	static const int breaks[] = { -61, 9, 38, 199, 426, 686, 756, 818,
	    1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456,
	    3178 };
	int	 gy = jy + 621, leap_j = -14, jp = breaks[0], jump = 0, n, leap;
	size_t	 i;

	for (i = 1; i < nitems(breaks) && jy >= breaks[i]; i++) {
		jump = breaks[i] - jp;
		leap_j += feed_div(jump, 33) * 8 +
		    feed_div(feed_mod(jump, 33), 4);
		jp = breaks[i];
	}
	if (i < nitems(breaks))
		jump = breaks[i] - jp;
	n = jy - jp;
	leap_j += feed_div(n, 33) * 8 + feed_div(feed_mod(n, 33) + 3, 4);
	if (feed_mod(jump, 33) == 4 && jump - n == 4)
		leap_j++;
	*march = 20 + leap_j - (feed_div(gy, 4) -
	    feed_div((feed_div(gy, 100) + 1) * 3, 4) - 150);
	if (jump - n < 6)
		n = n - jump + feed_div(jump + 4, 33) * 33;
	leap = feed_mod(feed_mod(n + 1, 33) - 1, 4);
	return leap == 0;
}

/*
 * Days from 1970-01-01 to a Jalali date (Farvardin to Shahrivar of 31
 * days, Mehr to Bahman of 30, Esfand of 29 or 30), or -1 when it has no
 * such day. INT64_MIN for a day that is none.
 */
static int64_t
feed_jalali_days(int jy, int jm, int jd)
{
	int	 march, leap;

	leap = feed_jalali_year(jy, &march);
	if (jd > (jm <= 6 ? 31 : jm <= 11 || leap ? 30 : 29))
		return INT64_MIN;
	return feed_days(jy + 621, 3, march) + (jm - 1) * 31 -
	    jm / 7 * (jm - 7) + jd - 1;
}

/*
 * Days from 1970-01-01 to t's date: its year says its calendar. Iranian
 * sites and feeds write the solar year (1405/09/16, ۱۶ آذر ۱۴۰۵): years
 * FEED_JALALI_FIRST to FEED_JALALI_LAST are its, 1921 to 2051. A year
 * after those and before FEED_GREGORIAN_FIRST is none: the Hijri years
 * (1448 هـ in 2026) a page prints beside the Gregorian one. INT64_MIN
 * when t has no such day.
 */
static int64_t
feed_tm_days(const struct feed_tm *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 leap;

	if (t->year >= FEED_JALALI_FIRST && t->year <= FEED_JALALI_LAST)
		return feed_jalali_days(t->year, t->mon, t->day);
	leap = (t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0;
	if (t->year < FEED_GREGORIAN_FIRST || t->day > mdays[t->mon - 1] ||
	    (t->mon == 2 && t->day == 29 && !leap))
		return INT64_MIN;
	return feed_days(t->year, t->mon, t->day);
}

/* Unix seconds of a broken-down time, or ITEM_NO_TIME when out of range. */
static int64_t
feed_epoch(const struct feed_tm *t)
{
	int64_t	 days;

	if (t->year > 9999 || t->mon < 1 || t->mon > 12 || t->day < 1 ||
	    t->hour > 23 || t->min > 59 || t->sec > 60 ||
	    t->off <= -24 * 60 || t->off >= 24 * 60 ||
	    (days = feed_tm_days(t)) == INT64_MIN)
		return ITEM_NO_TIME;
	return days * 86400 + t->hour * 3600 + t->min * 60 + t->sec -
	    (int64_t)t->off * 60;
}

/* Read between lo and hi decimal digits at *p; -1 if there are too few. */
static int
feed_num(const char **p, int lo, int hi)
{
	int	 n = 0, v = 0;

	while (n < hi && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < lo)
		return -1;
	*p += n;
	return v;
}

/* Skip spaces; true if the end of the string is reached. */
static int
feed_skip_ws(const char **p)
{
	while (isspace((unsigned char)**p))
		(*p)++;
	return **p == '\0';
}

/*
 * A numeric zone: +hhmm, +hh:mm or +hh, and +h when short is set (after a
 * name, as in "GMT+3"); minutes east, or INT_MIN (also for an offset no
 * zone has).
 */
static int
feed_zone_num(const char **p, int short_hour)
{
	int	 sign, h, m = 0;

	if (**p != '+' && **p != '-')
		return INT_MIN;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if ((h = feed_num(p, short_hour ? 1 : 2, 2)) < 0)
		return INT_MIN;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && (m = feed_num(p, 2, 2)) < 0)
		return INT_MIN;
	if (h > 14 || m > 59)
		return INT_MIN;
	return sign * (h * 60 + m);
}

/* Compare a zone name with a table entry, ignoring case. */
static int
feed_zone_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct feed_zone *)elem)->name);
}

/* An IANA zone name (Asia/Almaty) at *p; its offset, or INT_MIN. */
static int
feed_zone_iana(const char **p)
{
	const struct feed_zone	*z;
	char			 name[32];
	size_t			 n = 0;

	while (((*p)[n] == '/' || (*p)[n] == '_' ||
	    isalpha((unsigned char)(*p)[n])) && n + 1 < sizeof(name)) {
		name[n] = (*p)[n];
		n++;
	}
	name[n] = '\0';
	z = bsearch(name, feed_iana, nitems(feed_iana), sizeof(feed_iana[0]),
	    feed_zone_cmp);
	if (z == NULL)
		return INT_MIN;
	*p += n;
	return z->min;
}

/* A zone's name (optionally followed by a numeric offset) or IANA name. */
static int
feed_zone_name(const char **p)
{
	const struct feed_zone	*z;
	char			 name[8];
	size_t			 n = 0;
	int			 extra;

	while (isalpha((unsigned char)(*p)[n]) && n + 1 < sizeof(name)) {
		name[n] = (*p)[n];
		n++;
	}
	if ((*p)[n] == '/')
		return feed_zone_iana(p);
	name[n] = '\0';
	z = bsearch(name, feed_zones, nitems(feed_zones), sizeof(feed_zones[0]),
	    feed_zone_cmp);
	if (n == 0 || z == NULL)
		return INT_MIN;
	*p += n;
	if (**p != '+' && **p != '-')
		return z->min;
	extra = feed_zone_num(p, 1);
	return extra == INT_MIN ? INT_MIN : z->min + extra;
}

/*
 * A zone: numeric, or a name; a name in parentheses where no offset came
 * before it (2026-12-06T10:30:00 (AST)) is the zone, not a comment.
 */
static int
feed_zone(const char **p)
{
	const char	*s = *p + 1;
	int		 min;

	if (**p == '+' || **p == '-')
		return feed_zone_num(p, 0);
	if (**p != '(')
		return feed_zone_name(p);
	if ((min = feed_zone_name(&s)) == INT_MIN || *s != ')')
		return INT_MIN;
	*p = s + 1;
	return min;
}

/*
 * A month name, full or its first three letters, an abbreviation perhaps
 * with its dot (AP's "Dec. 6", "Sept."); 1-12, or -1.
 */
static int
feed_month(const char **p)
{
	size_t	 n = 0, i;

	while (isalpha((unsigned char)(*p)[n]))
		n++;
	for (i = 0; n >= 3 && i < 12; i++) {
		/* The first letter, in either case, spares most calls. */
		if ((**p | 0x20) != feed_months[i][0] ||
		    strncasecmp(*p, feed_months[i], n) != 0 ||
		    (n > 3 && n != strlen(feed_months[i]) &&
		    strncasecmp(*p, "sept", n) != 0))
			continue;
		*p += n;
		if (**p == '.' && n < strlen(feed_months[i]))
			(*p)++;
		return (int)i + 1;
	}
	return -1;
}

/*
 * hh:mm[:ss[.fff]] into t, on the site's clock until a zone follows; -1
 * when malformed.
 */
static int
feed_clock(const char **p, struct feed_tm *t)
{
	if ((t->hour = feed_num(p, 1, 2)) < 0 || **p != ':')
		return -1;
	(*p)++;
	if ((t->min = feed_num(p, 2, 2)) < 0)
		return -1;
	t->sec = 0;
	if (**p == ':') {
		(*p)++;
		if ((t->sec = feed_num(p, 2, 2)) < 0)
			return -1;
	}
	if (**p == '.' || **p == ',')
		while (isdigit((unsigned char)*++(*p)))
			;
	t->off = t->site;
	return 0;
}

/*
 * AM or PM (AP's a.m., p.m.) after a 12-hour time, as ASP.NET and PHP's
 * "g:i A" print it: the hour on a 24-hour clock. 0 when none follows, -1
 * when the hour is no 12-hour one.
 */
static int
feed_meridiem(const char **p, struct feed_tm *t)
{
	const char	*s = *p;
	int		 pm;

	size_t		 n = 2;

	feed_skip_ws(&s);
	pm = (*s | 0x20) == 'p';
	if (!pm && (*s | 0x20) != 'a')
		return 0;
	if (s[1] == '.' && (s[2] | 0x20) == 'm' && s[3] == '.')
		n = 4;			/* AP's "a.m." */
	if ((s[n / 2] | 0x20) != 'm' ||
	    (n == 2 && isalpha((unsigned char)s[2])))
		return 0;
	if (t->hour < 1 || t->hour > 12)
		return -1;
	t->hour = t->hour % 12 + (pm ? 12 : 0);
	*p = s + n;
	return 0;
}

/* The year of an RFC 822 date; two digits mean 19xx from 50, else 20xx. */
static int
feed_year(const char **p)
{
	const char	*s = *p;
	int		 y;

	if ((y = feed_num(p, 2, 4)) < 0)
		return -1;
	if (*p - s == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	return *p - s == 3 ? 1900 + y : y;
}

/*
 * The month first, then the day, as US long dates write them (ASP.NET's
 * "F": Friday, November 7, 2025; Nov 7, 2025): s is at the weekday or the
 * month. -1 when it is not that.
 */
static int
feed_month_day(const char **p, struct feed_tm *t)
{
	const char	*s = *p, *m = s;

	if (feed_month(&m) < 0) {	/* a weekday first */
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == '.')
			s++;
		if (*s == ',')
			s++;
		feed_skip_ws(&s);
	}
	if ((t->mon = feed_month(&s)) < 0)
		return -1;
	if (*s == '.')			/* Dec. 7, 2025 */
		s++;
	if (feed_skip_ws(&s) ||
	    (t->day = feed_num(&s, 1, 2)) < 0 || isdigit((unsigned char)*s))
		return -1;	/* Dec 2025 has no day: not the 20th of 25 */
	if (*s == ',')
		s++;
	feed_skip_ws(&s);
	*p = s;
	return 0;
}

/*
 * The weekday (maybe misspelt, skipped), day and month of an RFC 822
 * date: 7 Nov, 07-Nov; else the month first (feed_month_day). -1 when
 * neither.
 */
static int
feed_day_month(const char **p, struct feed_tm *t)
{
	const char	*s = *p;

	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == '.')		/* Sat., as a locale abbreviates it */
			s++;
		if (*s == ',')
			s++;
		feed_skip_ws(&s);
	}
	if ((t->day = feed_num(&s, 1, 2)) < 0)
		return feed_month_day(p, t);
	if (*s == '.' && s[1] == ' ')	/* German's "6. Dez" */
		s++;
	while (*s == ' ' || *s == '-')
		s++;
	if ((t->mon = feed_month(&s)) < 0)
		return feed_month_day(p, t);
	/* WordPress's Arabic "j F، Y": a comma after the month; an
	 * abbreviation's dot (7 Dec. 2025). */
	while (*s == ' ' || *s == '-' || *s == ',' || *s == '.')
		s++;
	*p = s;
	return 0;
}

/*
 * Drupal's " - ", a meta line's " | ", Iranian agencies' " / ", English
 * prose's " at " before a time.
 */
static void
feed_time_sep(const char **p)
{
	const char	*s = *p;

	if ((*s == '-' || *s == '|' || *s == '/') &&
	    isspace((unsigned char)s[1]))
		s++;
	else if ((s[0] | 0x20) == 'a' && (s[1] | 0x20) == 't' &&
	    isspace((unsigned char)s[2]))
		s += 2;
	*p = s;
}

/*
 * A weekday's name after the year, as Turkish sites write it (6 Aralık
 * 2026 Pazar 11:05, read as "6 Dec 2026 Sun 11:05"), skipped with a comma
 * after it.
 */
static void
feed_weekday_after(const char **p)
{
	static const char *const days[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
	};
	const char	*s = *p;
	size_t		 i;

	feed_skip_ws(&s);
	for (i = 0; i < nitems(days); i++)
		if (strncmp(s, days[i], 3) == 0 &&
		    !isalpha((unsigned char)s[3]))
			break;
	if (i == nitems(days))
		return;
	s += 3;
	if (*s == ',')
		s++;
	*p = s;
}

/*
 * An RFC 822 / 2822 date with the variants feeds really use; a time
 * without a zone on the clock site minutes east of UTC (so in the readers
 * below).
 */
static int64_t
feed_date_822(const char *s, int site)
{
	struct feed_tm	 t = { .site = site };
	int		 num;

	if (feed_day_month(&s, &t) == -1)
		return ITEM_NO_TIME;
	if ((t.year = feed_year(&s)) < 0)
		return ITEM_NO_TIME;
	if (*s == ',')		/* "5 декабря 2026, 17:30", "Dec 6, 2026, 5:30 PM" */
		s++;
	feed_weekday_after(&s);
	/* A day with no time (Sat, 06 Dec 2025) is its midnight UTC, as a
	 * bare RFC 3339 date is. */
	if (feed_skip_ws(&s))
		return feed_epoch(&t);
	feed_time_sep(&s);
	if (feed_skip_ws(&s) || feed_clock(&s, &t) == -1 ||
	    feed_meridiem(&s, &t) == -1)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s))
		return feed_epoch(&t);
	num = *s == '+' || *s == '-';
	if ((t.off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	/* A zone's name may follow its offset (+0300 MSK): the number says it. */
	if (!feed_skip_ws(&s) && num && isalpha((unsigned char)*s) &&
	    feed_zone(&s) == INT_MIN)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s) && *s != '(')	/* (a comment) may follow */
		return ITEM_NO_TIME;
	return feed_epoch(&t);
}

/*
 * The time and zone after a date: nothing is midnight UTC; else hh:mm, a
 * 12-hour one's AM or PM after it (2026/12/05 10:15 ص read as AM).
 */
static int64_t
feed_date_time(const char *s, struct feed_tm *t)
{
	if (feed_skip_ws(&s))
		return feed_epoch(t);
	if (*s == 'T' || *s == 't')
		s++;
	if (feed_clock(&s, t) == -1 || feed_meridiem(&s, t) == -1)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s))
		return feed_epoch(t);
	if ((t->off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	/* After the offset, Java's ZonedDateTime names the zone
	 * ([Asia/Riyadh]); a (comment) may follow, as after RFC 822's. */
	if (!feed_skip_ws(&s) && *s != '[' && *s != '(')
		return ITEM_NO_TIME;
	return feed_epoch(t);
}

/*
 * An RFC 3339 / ISO 8601 date: a bare date is midnight, no zone is UTC;
 * W3C-DTF's year or year-month alone is its first day.
 */
static int64_t
feed_date_3339(const char *s, int site)
{
	struct feed_tm	 t = { .mon = 1, .day = 1, .site = site };

	if ((t.year = feed_num(&s, 4, 4)) < 0)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s))
		return feed_epoch(&t);
	if (*s++ != '-' || (t.mon = feed_num(&s, 2, 2)) < 0)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s))
		return feed_epoch(&t);
	if (*s++ != '-' || (t.day = feed_num(&s, 2, 2)) < 0)
		return ITEM_NO_TIME;
	return feed_date_time(s, &t);
}

/*
 * The fixed-place readers below look at a byte only after every byte
 * before it matched something other than the end of the string.
 */

/* Two ASCII digits at s, or -1 (compared, not isdigit: a call each). */
static int
feed_2digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* hh:mm:ss at s into t; -1 if not. */
static int
feed_fast_clock(const char *s, struct feed_tm *t)
{
	if ((t->hour = feed_2digits(s)) < 0 || s[2] != ':' ||
	    (t->min = feed_2digits(s + 3)) < 0 || s[5] != ':' ||
	    (t->sec = feed_2digits(s + 6)) < 0)
		return -1;
	return 0;
}

/*
 * The zone that ends s: Z or GMT (as named), else +hh:mm (colon set) or
 * +hhmm; INT_MIN if not, or an offset no zone has (as feed_zone_num).
 */
static int
feed_fast_zone(const char *s, const char *name, int colon)
{
	int	 h, m;

	if (strcmp(s, name) == 0)
		return 0;
	if ((*s != '+' && *s != '-') || (h = feed_2digits(s + 1)) < 0 ||
	    (colon && s[3] != ':') || (m = feed_2digits(s + 3 + colon)) < 0 ||
	    s[5 + colon] != '\0' || h > 14 || m > 59)
		return INT_MIN;
	return (*s == '-' ? -1 : 1) * (h * 60 + m);
}

/* RFC 3339 as feeds write it: 2026-11-22T00:41:00(.fff)(Z|+03:00). */
static int
feed_fast_3339(const char *s, struct feed_tm *t)
{
	int	 c, y;

	if ((c = feed_2digits(s)) < 0 || (y = feed_2digits(s + 2)) < 0 ||
	    s[4] != '-' || (t->mon = feed_2digits(s + 5)) < 0 ||
	    s[7] != '-' || (t->day = feed_2digits(s + 8)) < 0 ||
	    s[10] != 'T' || feed_fast_clock(s + 11, t) < 0)
		return -1;
	t->year = c * 100 + y;
	s += 19;
	if (*s == '.')
		while (isdigit((unsigned char)*++s))
			;
	return (t->off = feed_fast_zone(s, "Z", 1)) == INT_MIN ? -1 : 0;
}

/* RFC 822 as feeds write it: Sun, 22 Nov 2026 00:00:00 (+0300|GMT). */
static int
feed_fast_822(const char *s, struct feed_tm *t)
{
	const char	*m = s + 8;
	int		 c, y;

	if (!isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) ||
	    !isalpha((unsigned char)s[2]) || s[3] != ',' || s[4] != ' ' ||
	    (t->day = feed_2digits(s + 5)) < 0 || s[7] != ' ' ||
	    (t->mon = feed_month(&m)) < 0 || m != s + 11 || *m != ' ' ||
	    (c = feed_2digits(s + 12)) < 0 || (y = feed_2digits(s + 14)) < 0 ||
	    s[16] != ' ' || feed_fast_clock(s + 17, t) < 0 || s[25] != ' ')
		return -1;
	t->year = c * 100 + y;
	return (t->off = feed_fast_zone(s + 26, "GMT", 0)) == INT_MIN ? -1 : 0;
}

/*
 * The two shapes nearly every feed's dates have, read at fixed places:
 * the general readers below give the same time for them at several times
 * the cost. 0 with *when set, or -1: not one of them.
 */
static int
feed_date_fast(const char *s, int64_t *when)
{
	struct feed_tm	 t = { 0 };

	if (feed_fast_3339(s, &t) < 0 && feed_fast_822(s, &t) < 0)
		return -1;
	*when = feed_epoch(&t);
	return 0;
}

/*
 * Year first with slashes, as .NET and PHP templates print dates:
 * 2025/11/07 10:30:00, a time and zone as after an RFC 3339 date.
 */
static int64_t
feed_date_ymd(const char *s, int site)
{
	struct feed_tm	 t = { .site = site };

	if ((t.year = feed_num(&s, 4, 4)) < 0 || *s++ != '/' ||
	    (t.mon = feed_num(&s, 1, 2)) < 0 || *s++ != '/' ||
	    (t.day = feed_num(&s, 1, 2)) < 0)
		return ITEM_NO_TIME;
	return feed_date_time(s, &t);
}

/*
 * A day, a month and a four-digit year in digits, apart by one of seps,
 * the same twice (07.11.2025, 7/12/2026) into t; -1 when it is not that.
 */
static int
feed_dmy(const char **p, struct feed_tm *t, const char *seps)
{
	const char	*s = *p;
	char		 sep;

	if ((t->day = feed_num(&s, 1, 2)) < 0 || (sep = *s++) == '\0' ||
	    strchr(seps, sep) == NULL || (t->mon = feed_num(&s, 1, 2)) < 0 ||
	    *s++ != sep || (t->year = feed_num(&s, 4, 4)) < 0)
		return -1;
	*p = s;
	return 0;
}

/*
 * Day first with dots, as Russian and European CMSs print dates:
 * 07.11.2025 10:30 or 07.11.2025, 10:30. Dots are never month first.
 */
static int64_t
feed_date_dmy(const char *s, int site)
{
	struct feed_tm	 t = { .site = site };

	if (feed_dmy(&s, &t, ".") == -1)
		return ITEM_NO_TIME;
	if (*s == ',')
		s++;
	return feed_date_time(s, &t);
}

/*
 * ISO 8601's basic form: 20251107T103000Z, the time's colons left out;
 * without a zone on the site's clock, as the extended form's.
 */
static int64_t
feed_date_basic(const char *s, int site)
{
	struct feed_tm	 t = { .site = site };

	if ((t.year = feed_num(&s, 4, 4)) < 0 ||
	    (t.mon = feed_num(&s, 2, 2)) < 0 ||
	    (t.day = feed_num(&s, 2, 2)) < 0 || (*s != 'T' && *s != 't'))
		return ITEM_NO_TIME;
	s++;
	if ((t.hour = feed_num(&s, 2, 2)) < 0 ||
	    (t.min = feed_num(&s, 2, 2)) < 0)
		return ITEM_NO_TIME;
	if (isdigit((unsigned char)*s) && (t.sec = feed_num(&s, 2, 2)) < 0)
		return ITEM_NO_TIME;
	t.off = t.site;
	if (!feed_skip_ws(&s) && (t.off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	return feed_skip_ws(&s) ? feed_epoch(&t) : ITEM_NO_TIME;
}

/* How many ASCII digits start s. */
static size_t
feed_digits(const char *s)
{
	size_t	 n = 0;

	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/*
 * The rest of JavaScript's Date.toString() after the day, as Node.js
 * generators print it: 2026 10:30:00 GMT+0300 (Moscow Standard Time).
 */
static int64_t
feed_date_js(const char *s, struct feed_tm *t)
{
	if ((t->year = feed_num(&s, 4, 4)) < 0 || feed_skip_ws(&s) ||
	    feed_clock(&s, t) == -1)
		return ITEM_NO_TIME;
	if (!feed_skip_ws(&s) && (t->off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	return feed_skip_ws(&s) || *s == '(' ? feed_epoch(t) : ITEM_NO_TIME;
}

/*
 * C's asctime, as some generators print it: Sun Jan  4 16:29:06 PST 2004,
 * or with an offset as Twitter's API and Ruby's Time#inspect of old print
 * it (Sat Dec 06 10:30:00 +0300 2026); or JavaScript's Date, the year
 * before the time.
 */
static int64_t
feed_date_asctime(const char *s, int site)
{
	struct feed_tm	 t = { .site = site };

	while (isalpha((unsigned char)*s))
		s++;
	if (feed_skip_ws(&s) || (t.mon = feed_month(&s)) < 0 ||
	    feed_skip_ws(&s) || (t.day = feed_num(&s, 1, 2)) < 0 ||
	    feed_skip_ws(&s))
		return ITEM_NO_TIME;
	if (feed_digits(s) == 4)
		return feed_date_js(s, &t);
	if (feed_clock(&s, &t) == -1 || feed_skip_ws(&s))
		return ITEM_NO_TIME;
	if ((isalpha((unsigned char)*s) || *s == '+' || *s == '-') &&
	    (t.off = feed_zone(&s)) == INT_MIN)
		return ITEM_NO_TIME;
	if (feed_skip_ws(&s) || (t.year = feed_num(&s, 4, 4)) < 0)
		return ITEM_NO_TIME;
	return feed_skip_ws(&s) ? feed_epoch(&t) : ITEM_NO_TIME;
}

/* Whether s starts like asctime: a weekday, then a month name. */
static int
feed_is_asctime(const char *s)
{
	while (isalpha((unsigned char)*s))
		s++;
	if (*s != ' ')
		return 0;
	while (*s == ' ')
		s++;
	return feed_month(&s) > 0;
}

/* Whether s is ASCII only. */
static int
feed_is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Whether a name ends before s: the next character is no letter. */
static int
feed_word_end(const char *s)
{
	unsigned char	 c = (unsigned char)*s;

	return c < 0x80 || c >= 0xE0 || strncmp(s, "،", 2) == 0;
}

/* Cyrillic capitals (А-Я, Ё, Kazakh's own) in lower case, in place. */
static void
feed_lower_cyrillic(unsigned char *s)
{
	for (; s[0] != '\0'; s++) {
		if (s[0] == 0xD0 && s[1] >= 0x90 && s[1] <= 0x9F)
			s[1] += 0x20;
		else if (s[0] == 0xD0 && s[1] >= 0xA0 && s[1] <= 0xAF) {
			s[0] = 0xD1;
			s[1] -= 0x20;
		} else if (s[0] == 0xD0 && s[1] == 0x81) {
			s[0] = 0xD1;
			s[1] = 0x91;
		} else if (s[0] == 0xD2 && s[1] >= 0x8A && s[1] <= 0xBF &&
		    s[1] % 2 == 0)		/* Kazakh's Қ, Ң, Ү, Ұ, ... */
			s[1]++;
		else if (s[0] == 0xD3 && (s[1] == 0x98 || s[1] == 0xA8))
			s[1]++;			/* Ә, Ө */
	}
}

/*
 * The name of words (count of them) at s, or NULL; a name that ends in a
 * Latin letter only before no letter (mai is not maison), in any case.
 */
static const struct feed_word *
feed_local_in(const struct feed_word *words, size_t count, const char *s)
{
	const char	*w;
	size_t		 i, n;

	for (i = 0; i < count; i++) {
		w = words[i].local;
		/* The first byte, in either case, spares most of the table. */
		if (tolower((unsigned char)*s) != tolower((unsigned char)*w))
			continue;
		n = strlen(w);
		if (strncasecmp(s, w, n) != 0)
			continue;
		if (isalpha((unsigned char)w[n - 1]) ?
		    !isalpha((unsigned char)s[n]) && (unsigned char)s[n] < 0x80 :
		    feed_word_end(s + n))
			return &words[i];
	}
	return NULL;
}

/*
 * The name of feed_words or feed_solar_words at s (*solar set for one of
 * these), or NULL.
 */
static const struct feed_word *
feed_local_word(const char *s, int *solar)
{
	const struct feed_word	*w;

	if ((w = feed_local_in(feed_words, nitems(feed_words), s)) != NULL)
		return w;
	w = feed_local_in(feed_solar_words, nitems(feed_solar_words), s);
	*solar |= w != NULL;
	return w;
}

/*
 * The value of the ASCII, Arabic-Indic or Persian digit at s, its length
 * in bytes in *n; -1 when s is at no digit.
 */
static int
feed_digit(const unsigned char *s, size_t *n)
{
	if (isdigit(s[0])) {
		*n = 1;
		return s[0] - '0';
	}
	if ((s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9) ||
	    (s[0] == 0xDB && s[1] >= 0xB0 && s[1] <= 0xB9)) {
		*n = 2;
		return s[1] & 0x0F;
	}
	return -1;
}

/* Whether out[0, o) ends in a year: four digits, no more. */
static int
feed_after_year(const char *out, size_t o)
{
	size_t	 i;

	if (o < 4 || (o > 4 && isdigit((unsigned char)out[o - 5])))
		return 0;
	for (i = o - 4; i < o; i++)
		if (!isdigit((unsigned char)out[i]))
			return 0;
	return 1;
}

/* Whether s holds a solar year: four digits alone, in the solar range. */
static int
feed_has_solar_year(const char *s)
{
	size_t	 n;
	int	 y;

	for (; *(s += strcspn(s, "0123456789")) != '\0'; s += n) {
		n = feed_digits(s);
		y = atoi(s);
		if (n == 4 && y >= FEED_JALALI_FIRST && y <= FEED_JALALI_LAST)
			return 1;
	}
	return 0;
}

/*
 * A date in another language as ASCII into out (FEED_DATE_MAX bytes):
 * names as English ones (a Latin one where a word starts), Arabic-Indic
 * and Persian digits as ASCII, the Arabic comma as a comma, direction
 * marks dropped. -1 for anything else, and for a solar month's name
 * without a solar year.
 */
static int
feed_date_ascii(const char *in, char *out)
{
	char			 low[FEED_DATE_MAX];
	const struct feed_word	*w;
	const unsigned char	*s = (const unsigned char *)low;
	size_t			 o = 0, n = strlen(in);
	int			 d, solar = 0;

	if (n >= sizeof(low))
		return -1;
	memcpy(low, in, n + 1);
	feed_lower_cyrillic((unsigned char *)low);
	while (*s != '\0' && o + 4 < FEED_DATE_MAX) {
		if (isalpha(*s) && (s == (const unsigned char *)low ||
		    (!isalpha(s[-1]) && s[-1] < 0x80)) &&
		    (w = feed_local_word((const char *)s, &solar)) != NULL) {
			n = strlen(w->en);
			memcpy(out + o, w->en, n);
			o += n;
			s += strlen(w->local);
		} else if (*s < 0x80)
			out[o++] = (char)*s++;
		else if ((d = feed_digit(s, &n)) >= 0) {
			out[o++] = (char)('0' + d);
			s += n;
		} else if (strncmp((const char *)s, "،", 2) == 0) {
			out[o++] = ',';
			s += 2;
		} else if (strncmp((const char *)s, "\xC2\xA0", 2) == 0) {
			out[o++] = ' ';
			s += 2;
		} else if (strncmp((const char *)s, "\xD8\x9C", 2) == 0)
			s += 2;		/* Arabic letter mark */
		else if (strncmp((const char *)s, "م", 2) == 0 &&
		    feed_word_end((const char *)s + 2) &&
		    feed_after_year(out, o))
			s += 2;		/* 2026م: the year's م (ميلادي), no PM */
		else if (strncmp((const char *)s, "\xE2\x80\x8E", 3) == 0 ||
		    strncmp((const char *)s, "\xE2\x80\x8F", 3) == 0)
			s += 3;		/* LRM, RLM */
		else if ((w = feed_local_word((const char *)s, &solar)) !=
		    NULL) {
			n = strlen(w->en);
			memcpy(out + o, w->en, n);
			o += n;
			s += strlen(w->local);
		} else
			return -1;
	}
	out[o] = '\0';
	return *s == '\0' && (!solar || feed_has_solar_year(out)) ? 0 : -1;
}

/*
 * A Unix time, as scripts that print time() or JavaScript's Date.now()
 * write it: ten digits of seconds or thirteen of milliseconds (every
 * instant from 2001 to 2286), nothing else but white space.
 */
static int64_t
feed_date_unix(const char *s, size_t n)
{
	const char	*rest = s + n;
	int64_t		 t = 0;
	size_t		 i;

	if (!feed_skip_ws(&rest))
		return ITEM_NO_TIME;
	for (i = 0; i < n; i++)
		t = t * 10 + (s[i] - '0');
	return n == 13 ? t / 1000 : t;
}

/*
 * The date of rest with the time at hm (n bytes) put where dates carry
 * it: after the date, or before its last word (a zone: 06.12.2026 +0300).
 */
static int64_t	 feed_date_read(const char *, int);

static int64_t
feed_date_time_last(const char *rest, const char *hm, size_t n, int site)
{
	char		 out[FEED_DATE_MAX];
	const char	*last = strrchr(rest, ' ');
	size_t		 len = strlen(rest);
	int64_t		 t;

	if (len + n + 2 >= sizeof(out))
		return ITEM_NO_TIME;
	snprintf(out, sizeof(out), "%s %.*s", rest, (int)n, hm);
	if ((t = feed_date_read(out, site)) != ITEM_NO_TIME || last == NULL)
		return t;
	snprintf(out, sizeof(out), "%.*s %.*s%s", (int)(last - rest), rest,
	    (int)n, hm, last);
	return feed_date_read(out, site);
}

/*
 * The time first, then the date, as Russian and Arabic sites print them
 * (10:30, 6 декабря 2026; 14:05 06.12.2026; 10:30 ص 6 ديسمبر 2026, the
 * Arabic read as ASCII already): a 12-hour time's AM or PM goes with it,
 * a comma or a dash between them is dropped.
 */
static int64_t
feed_date_time_first(const char *s, int site)
{
	struct feed_tm	 t = { 0 };
	const char	*p = s;
	size_t		 n;

	if (feed_clock(&p, &t) == -1 || feed_meridiem(&p, &t) == -1)
		return ITEM_NO_TIME;
	n = (size_t)(p - s);
	while (*p == ',' || *p == '-' || *p == '|' || isspace((unsigned char)*p))
		p++;
	/* What follows must be a date, never another time. */
	if (*p == '\0' || (feed_digits(p) < 3 && p[feed_digits(p)] == ':'))
		return ITEM_NO_TIME;
	return feed_date_time_last(p, s, n, site);
}

/*
 * A date written year first before a day and a month's name, as Kazakh
 * and Uzbek sites write it (2026 жылғы 6 желтоқсан, 11:15, read as "2026
 * 6 Dec, 11:15"): read as the day, the month and the year, then the rest.
 */
static int64_t
feed_date_year_first(const char *s, int site)
{
	char		 out[FEED_DATE_MAX];
	const char	*p = s + 4, *month;

	feed_skip_ws(&p);
	if (feed_digits(p) < 1 || feed_digits(p) > 2)
		return ITEM_NO_TIME;
	month = p + feed_digits(p);
	if (!isspace((unsigned char)*month) && *month != '-')
		return ITEM_NO_TIME;
	month++;
	feed_skip_ws(&month);
	while (isalpha((unsigned char)*month) || *month == '.')
		month++;
	if (strlen(s) + 2 >= sizeof(out))
		return ITEM_NO_TIME;
	snprintf(out, sizeof(out), "%.*s %.4s%s", (int)(month - p), p, s,
	    month);
	return feed_date_822(out, site);
}

/*
 * Dispatch on the shape of an ASCII date: YYYY- or YYYY alone starts RFC
 * 3339 / W3C-DTF (YYYY and a day and month's name a year-first date),
 * YYYY/ a date with slashes, D. or DD. one with dots,
 * YYYYMMDDT the basic form, ten or thirteen digits a Unix time, H: or HH:
 * a time before its date, a weekday and a month asctime, anything else
 * RFC 822.
 */
static int64_t
feed_date_shape(const char *s, int site)
{
	int64_t	 when;
	size_t	 n;

	n = feed_digits(s);
	if (n == 4 && isspace((unsigned char)s[4])) {
		when = feed_date_3339(s, site);
		return when != ITEM_NO_TIME ? when :
		    feed_date_year_first(s, site);
	}
	if (n == 4 && (s[4] == '-' || s[4] == '\0'))
		return feed_date_3339(s, site);
	if (n == 4 && s[4] == '/')
		return feed_date_ymd(s, site);
	/* German's day has a dot before a month's name (6. Dezember). */
	if ((n == 1 || n == 2) && s[n] == '.' &&
	    isdigit((unsigned char)s[n + 1]))
		return feed_date_dmy(s, site);
	if ((n == 1 || n == 2) && s[n] == ':')
		return feed_date_time_first(s, site);
	if (n == 8 && (s[8] == 'T' || s[8] == 't'))
		return feed_date_basic(s, site);
	if (n == 10 || n == 13)
		return feed_date_unix(s, n);
	if (n == 0 && feed_is_asctime(s))
		return feed_date_asctime(s, site);
	return feed_date_822(s, site);
}

/*
 * A date as it is, else with its names in another language (Arabic,
 * Russian, French, ...) read as English ones (feed_date_ascii); a time
 * written without a zone on the clock site minutes east of UTC.
 */
static int64_t
feed_date_read(const char *s, int site)
{
	int64_t	 when;
	char	 ascii[FEED_DATE_MAX];

	if (s == NULL || feed_skip_ws(&s))
		return ITEM_NO_TIME;
	if (feed_date_fast(s, &when) == 0)
		return when;
	if (feed_is_ascii(s) &&
	    (when = feed_date_shape(s, site)) != ITEM_NO_TIME)
		return when;
	if (feed_date_ascii(s, ascii) != 0 || strcmp(ascii, s) == 0)
		return ITEM_NO_TIME;
	if (feed_date_fast(ascii, &when) == 0)
		return when;
	return feed_date_shape(ascii, site);
}

/* A feed's date, a time without a zone on UTC's clock; see feed.h. */
int64_t
feed_date_parse(const char *s)
{
	return feed_date_read(s, 0);
}

/*
 * How a page writes its days in digits, when it was fetched, and the
 * clock of the times it writes without a zone.
 */
struct feed_order {
	int	 month_first;	/* 12/06/2026 is December's (US English) */
	int64_t	 now;		/* or ITEM_NO_TIME */
	int	 site;		/* minutes east of UTC (feed_tm) */
};

/* t with its day and month swapped: Unix seconds, or ITEM_NO_TIME. */
static int64_t
feed_epoch_swapped(struct feed_tm t)
{
	int	 day = t.day;

	t.day = t.mon;
	t.mon = day;
	return feed_epoch(&t);
}

/*
 * The AM or PM in the word at s (ص, م, مساءً, ب.ظ, PM, p.m.) after a time
 * read into t: its hour on a 24-hour clock; a 24-hour time (14:30 م) and
 * any other word leave it as it is.
 */
static void
feed_meridiem_word(const char *s, struct feed_tm *t)
{
	char		 word[FEED_DATE_MAX], ascii[FEED_DATE_MAX];
	const char	*p = ascii;
	struct feed_tm	 m = *t;
	size_t		 n;

	while (isspace((unsigned char)*s))
		s++;
	if ((n = strcspn(s, " \t\n,|")) == 0 || n >= sizeof(word))
		return;
	memcpy(word, s, n);
	word[n] = '\0';
	if (feed_date_ascii(word, ascii) != 0 || feed_meridiem(&p, &m) != 0 ||
	    !feed_skip_ws(&p))
		return;
	t->hour = m.hour;
}

/*
 * Day first in digits after any label ("نشر في: 07/12/2026 - 10:15",
 * "7.12.2026"), or month first when the parts say so (12/25/2026) or the
 * page does (o->month_first; dots are never month first), then perhaps a
 * time: Unix seconds, or ITEM_NO_TIME. Either part may be the month: the
 * reading ahead of the fetch by more than FEED_AHEAD gives way to the
 * other when that one is not, as a page lists what has happened.
 */
static int64_t
feed_date_dmy_text(const char *s, const struct feed_order *o)
{
	struct feed_tm	 t = { 0 };
	const char	*sep;
	int64_t		 when, other;

	s += strcspn(s, "0123456789");
	if (feed_dmy(&s, &t, "/.-") == -1)
		return ITEM_NO_TIME;
	sep = s - 5;
	s += strcspn(s, "0123456789");
	t.off = *s != '\0' ? o->site : 0;	/* a time: the site's clock */
	if (*s != '\0' && ((t.hour = feed_num(&s, 1, 2)) < 0 || *s++ != ':' ||
	    (t.min = feed_num(&s, 1, 2)) < 0))
		return ITEM_NO_TIME;
	feed_meridiem_word(s, &t);
	if (t.mon > 12 || t.day > 12)
		return t.day > 12 ? feed_epoch(&t) : feed_epoch_swapped(t);
	when = o->month_first && *sep != '.' ? feed_epoch_swapped(t) :
	    feed_epoch(&t);
	if (o->now == ITEM_NO_TIME || when == ITEM_NO_TIME ||
	    when <= o->now + FEED_AHEAD || t.day == t.mon)
		return when;
	other = o->month_first && *sep != '.' ? feed_epoch(&t) :
	    feed_epoch_swapped(t);
	return other <= o->now + FEED_AHEAD ? other : when;
}

/*
 * French's "14h30" (or "8 h 15") as 14:30, in place: an hour of one or
 * two digits, h, two digits of minutes.
 */
static void
feed_hm_colon(char *s)
{
	size_t	 i, h;

	for (i = 1; s[i] != '\0'; i++) {
		if (s[i] != 'h' && s[i] != 'H')
			continue;
		if (i >= 2 && s[i - 1] == ' ' &&
		    isdigit((unsigned char)s[i - 2]) && s[i + 1] == ' ' &&
		    isdigit((unsigned char)s[i + 2])) {
			memmove(s + i + 1, s + i + 2, strlen(s + i + 2) + 1);
			memmove(s + i - 1, s + i, strlen(s + i) + 1);
			i--;
		}
		for (h = 0; h < i && isdigit((unsigned char)s[i - h - 1]); h++)
			;
		if (h >= 1 && h <= 2 && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) &&
		    !isalnum((unsigned char)s[i + 3]))
			s[i] = ':';
	}
}

/*
 * Where a byline's word starts in s ("December 6, 2026 by admin",
 * WordPress's "Posted on ... by ..."; French's "par", Arabic's "بواسطة"
 * and "بقلم"), at its start or after a space, or NULL.
 */
static char *
feed_byline(char *s)
{
	static const char *const words[] = {
		"by ", "par ", "بواسطة ", "بقلم ",
	};
	char	*p;
	size_t	 i;

	for (p = s; *p != '\0'; p++) {
		if (p > s && p[-1] != ' ')
			continue;
		for (i = 0; i < nitems(words); i++)
			if (strncasecmp(p, words[i], strlen(words[i])) == 0)
				return p;
	}
	return NULL;
}

/* How many runs of digits s holds. */
static int
feed_digit_runs(const char *s)
{
	int	 runs = 0;

	while (*(s += strcspn(s, "0123456789")) != '\0') {
		runs++;
		s += strspn(s, "0123456789");
	}
	return runs;
}

/*
 * The date after a byline that comes first ("Posted by admin on December
 * 6, 2026", "بواسطة محمد علي في 6 ديسمبر 2026"), by at its word: read
 * from each of the next FEED_BY_WORDS words on (the name's, a joining
 * "on", "|" or "في"), two numbers at least (a year alone is none). Unix
 * seconds, or ITEM_NO_TIME.
 */
static int64_t
feed_date_after_byline(const char *by, int site)
{
	int64_t	 when;
	int	 k;

	for (k = 0; k <= FEED_BY_WORDS; k++) {
		by += strcspn(by, " ");
		by += strspn(by, " ");
		if (feed_digit_runs(by) < 2)
			break;
		if ((when = feed_date_read(by, site)) != ITEM_NO_TIME)
			return when;
	}
	return ITEM_NO_TIME;
}

/* Whether s holds a digit before end. */
static int
feed_has_digit(const char *s, const char *end)
{
	for (; s < end; s++)
		if (isdigit((unsigned char)*s))
			return 1;
	return 0;
}

/*
 * A date after at most FEED_TEXT_LABEL words of label ("Posted on",
 * "Published:") and before a byline, both taken off, or after a byline
 * with no digit before it: Unix seconds, or ITEM_NO_TIME. A word with a
 * digit is never a label's.
 */
static int64_t
feed_date_labelled(char *s, int site)
{
	char	*by;
	int64_t	 when;
	int	 k, digit;

	if ((by = feed_byline(s)) != NULL && !feed_has_digit(s, by))
		return feed_date_after_byline(by, site);
	if (by != NULL)
		*by = '\0';
	for (k = 0; k <= FEED_TEXT_LABEL; k++) {
		if ((k > 0 || by != NULL) &&
		    (when = feed_date_read(s, site)) != ITEM_NO_TIME)
			return when;
		for (digit = 0; *s != '\0' && !isspace((unsigned char)*s); s++)
			digit |= isdigit((unsigned char)*s);
		if (digit || feed_skip_ws((const char **)&s))
			break;
	}
	return ITEM_NO_TIME;
}

static int64_t	 feed_date_text_as(const char *, const struct feed_order *);

/*
 * Where the first Hijri month's name in s starts (Arab sites print the
 * Hijri date beside the Gregorian one), or NULL.
 */
static char *
feed_hijri_month(char *s)
{
	static const char *const names[] = {
		"محرم", "صفر", "ربيع", "جمادى", "جمادي", "رجب", "شعبان",
		"رمضان", "شوال", "ذو القعدة", "ذي القعدة", "ذو الحجة",
		"ذي الحجة",
	};
	char	*first = NULL, *at;
	size_t	 i;

	for (i = 0; i < nitems(names); i++)
		if ((at = strstr(s, names[i])) != NULL &&
		    (first == NULL || at < first))
			first = at;
	return first;
}

/*
 * What ends s beside a Hijri date taken off, in place: separators, the
 * Gregorian year's م (ميلادي, not a 12-hour time's PM), "الموافق"
 * ("which is").
 */
static void
feed_hijri_trim(char *s)
{
	static const char *const tails[] = { " م", "الموافق" };
	size_t	 n = strlen(s), i, k;

	for (i = 0; i < 8; i++) {
		while (n > 0 && strchr(" -|,", s[n - 1]) != NULL)
			s[--n] = '\0';
		for (k = 0; k < nitems(tails); k++)
			if (n >= strlen(tails[k]) &&
			    strcmp(s + n - strlen(tails[k]), tails[k]) == 0)
				break;
		if (k == nitems(tails))
			return;
		n -= strlen(tails[k]);
		s[n] = '\0';
	}
}

/*
 * The Gregorian date beside a Hijri one ("6 جمادى الآخرة 1448 هـ - 6
 * ديسمبر 2026 م", or the Gregorian first), s cut in place. A Hijri date
 * alone is none: the Umm al-Qura calendar a site follows is set by
 * sighting and tables, and arithmetic can put it a day off.
 */
static int64_t
feed_date_beside_hijri(char *s, const struct feed_order *o)
{
	char	*h, *e, *cut;
	int64_t	 when;

	if ((h = feed_hijri_month(s)) == NULL)
		return ITEM_NO_TIME;
	if ((e = strstr(h, "هـ")) != NULL) {
		e += strlen("هـ");
		e += strspn(e, " -|,");
		if (strncmp(e, "،", 2) == 0)
			e += 2;
		feed_hijri_trim(e);
		if ((when = feed_date_text_as(e, o)) != ITEM_NO_TIME)
			return when;
	}
	for (cut = h; cut > s && (cut[-1] == ' ' ||
	    isdigit((unsigned char)cut[-1])); cut--)
		;
	*cut = '\0';
	feed_hijri_trim(s);
	return *s == '\0' ? ITEM_NO_TIME : feed_date_text_as(s, o);
}

/*
 * An ordinal's suffix after a day in digits taken off, in place ("1er
 * décembre", "December 1st", "6th December"): st, nd, rd, th or er after
 * one or two digits that start a word, before no letter.
 */
static void
feed_ordinal_day(char *s)
{
	static const char *const ends[] = { "st", "nd", "rd", "th", "er" };
	size_t	 i, k, d;

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if ((d = feed_digits(s + i)) < 1 || d > 2)
			continue;
		for (k = 0; k < nitems(ends); k++)
			if (strncasecmp(s + i + d, ends[k], 2) == 0)
				break;
		if (k < nitems(ends) && !isalpha((unsigned char)s[i + d + 2]))
			memmove(s + i + d, s + i + d + 2,
			    strlen(s + i + d + 2) + 1);
	}
}

/*
 * What follows a time after a comma cut off, in place (Le Monde's
 * "Publié le 6 déc. 2026 à 09:05, modifié à 11:20": the publication's
 * time); 0 when s has no comma after a time.
 */
static int
feed_cut_after_clock(char *s)
{
	char	*c = strchr(s, ':'), *comma;

	if (c == NULL || c == s || !isdigit((unsigned char)c[-1]) ||
	    feed_2digits(c + 1) < 0 || (comma = strchr(c, ',')) == NULL)
		return 0;
	*comma = '\0';
	return 1;
}

/* A date a page writes as an element's text, its days in digits as o says. */
static int64_t
feed_date_text_as(const char *s, const struct feed_order *o)
{
	char			 out[FEED_HIJRI_MAX + sizeof(" 00:00")];
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0, len, size;
	int64_t			 when;
	int			 runs = 0, d, prev = 0;

	if ((size = strlen(s)) > FEED_HIJRI_MAX || (size > FEED_TEXT_MAX &&
	    feed_hijri_month((char *)s) == NULL))
		return ITEM_NO_TIME;
	while (*p != '\0') {
		if ((d = feed_digit(p, &len)) >= 0) {
			out[n++] = (char)('0' + d);
			p += len;
		} else
			out[n++] = (char)*p++;
		runs += d >= 0 && !prev;
		prev = d >= 0;
	}
	out[n] = '\0';
	if (runs < 2)
		return ITEM_NO_TIME;
	if (size > FEED_TEXT_MAX)
		return feed_date_beside_hijri(out, o);
	feed_hm_colon(out);
	feed_ordinal_day(out);
	if ((when = feed_date_read(out, o->site)) != ITEM_NO_TIME ||
	    (when = feed_date_dmy_text(out, o)) != ITEM_NO_TIME ||
	    (when = feed_date_labelled(out, o->site)) != ITEM_NO_TIME ||
	    (when = feed_date_beside_hijri(out, o)) != ITEM_NO_TIME)
		return when;
	if (feed_cut_after_clock(out))
		return feed_date_text_as(out, o);
	if (strchr(out, ':') != NULL)
		return ITEM_NO_TIME;
	/* The midnight is ours, not the page's: UTC's, as a bare day's. */
	memcpy(out + strlen(out), " 00:00", sizeof(" 00:00"));
	return feed_date_read(out, 0);
}

/* A date a page writes as an element's text; see feed.h. */
int64_t
feed_date_text(const char *s)
{
	const struct feed_order	 o = { 0, ITEM_NO_TIME, 0 };

	return feed_date_text_as(s, &o);
}

/* A date a page writes, read as its page writes dates; see feed.h. */
int64_t
feed_date_text_page(const char *s, int month_first, int64_t now, int zone)
{
	const struct feed_order	 o = { month_first, now, zone / 60 };

	return feed_date_text_as(s, &o);
}

/* A date for machines on a site's clock; see feed.h. */
int64_t
feed_date_parse_on(const char *s, int zone)
{
	return feed_date_read(s, zone / 60);
}

/*
 * Whether s writes a time of day: a colon, or the basic form's T between
 * digits (20261206T0000).
 */
static int
feed_has_clock(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == ':' || (i > 0 && (s[i] == 'T' || s[i] == 't') &&
		    isdigit((unsigned char)s[i - 1]) &&
		    isdigit((unsigned char)s[i + 1])))
			return 1;
	return 0;
}

/* feed_date_parse_on, and whether s names a day alone; see feed.h. */
int64_t
feed_date_day_on(const char *s, int zone, int *day)
{
	int64_t	 when = feed_date_parse_on(s, zone);
	size_t	 n;

	*day = 0;
	if (when == ITEM_NO_TIME || when % 86400 != 0 || feed_has_clock(s))
		return when;
	n = feed_digits(s);
	*day = s[n] != '\0' || (n != 10 && n != 13);	/* not Unix time */
	return when;
}

/* A time of day alone; see feed.h. */
int64_t
feed_date_clock(const char *text)
{
	char		 ascii[FEED_DATE_MAX];
	const char	*p = ascii;
	struct feed_tm	 t = { 0 };
	size_t		 n;

	/* Most texts a box holds are no time: the first byte says so. */
	if (feed_digit((const unsigned char *)text, &n) < 0 ||
	    strlen(text) >= sizeof(ascii) || feed_date_ascii(text, ascii) != 0)
		return -1;
	if ((t.hour = feed_num(&p, 1, 2)) < 0 || *p++ != ':' ||
	    (t.min = feed_num(&p, 2, 2)) < 0 || t.hour > 23 || t.min > 59)
		return -1;
	if (feed_meridiem(&p, &t) == -1 || *p != '\0')
		return -1;
	return (int64_t)t.hour * 3600 + t.min * 60;
}

/*
 * Relative dates ("منذ ساعتين", "2 hours ago", "вчера в 14:30"). The text
 * is first written as words: lower case, digits as ASCII, punctuation,
 * harakat and direction marks dropped, a number apart from the letters
 * after it ("3h" is "3 h"), a clock (14:30) kept whole.
 */
#define FEED_REL_WORDS	16		/* words read, a label's included */
#define FEED_REL_LABEL	3		/* words before the date ("نشر", ...) */
#define FEED_REL_MAX	(31 * 86400)	/* older is no date: a month at most */

enum feed_rel_kind {
	FEED_REL_OTHER, FEED_REL_NUM, FEED_REL_CLOCK, FEED_REL_UNIT,
	FEED_REL_DUAL, FEED_REL_AGO, FEED_REL_SINCE, FEED_REL_NOW,
	FEED_REL_YESTERDAY, FEED_REL_TODAY, FEED_REL_AT, FEED_REL_AND,
	FEED_REL_PM, FEED_REL_AM, FEED_REL_JUST, FEED_REL_JUST_NOW,
	FEED_REL_WHILE, FEED_REL_IL, FEED_REL_Y, FEED_REL_HALF, FEED_REL_ONE
};

/*
 * The words of relative dates in Arabic, English, Russian, French, Kazakh,
 * Kyrgyz, Turkish and Persian. A unit's value is its seconds; a number's
 * its value. A dual (ساعتين) is two of its unit; a unit without a number
 * is one (منذ ساعة, час назад), and so is a plural without one (منذ ساعات:
 * within hours, the nearest is taken); a half is half of the unit before
 * it (ساعة ونصف, an hour and a half) or after it (half an hour); Arabic's
 * "one" after a unit without a number (ساعة واحدة) says what it does. Persian
 * writes "ago" after the span (۳ ساعت پیش, or قبل), and its hour's word
 * ساعت also stands before a time as الساعة does (feed_rel_clock).
 */
static const struct feed_rel_word {
	const char		*w;
	enum feed_rel_kind	 kind;
	int64_t			 v;
} feed_rel_words[] = {
	{ "s", FEED_REL_UNIT, 1 }, { "sec", FEED_REL_UNIT, 1 },
	{ "secs", FEED_REL_UNIT, 1 }, { "second", FEED_REL_UNIT, 1 },
	{ "seconds", FEED_REL_UNIT, 1 }, { "m", FEED_REL_UNIT, 60 },
	{ "min", FEED_REL_UNIT, 60 }, { "mins", FEED_REL_UNIT, 60 },
	{ "minute", FEED_REL_UNIT, 60 }, { "minutes", FEED_REL_UNIT, 60 },
	{ "h", FEED_REL_UNIT, 3600 }, { "hr", FEED_REL_UNIT, 3600 },
	{ "hrs", FEED_REL_UNIT, 3600 }, { "hour", FEED_REL_UNIT, 3600 },
	{ "hours", FEED_REL_UNIT, 3600 }, { "d", FEED_REL_UNIT, 86400 },
	{ "day", FEED_REL_UNIT, 86400 }, { "days", FEED_REL_UNIT, 86400 },
	{ "w", FEED_REL_UNIT, 604800 }, { "wk", FEED_REL_UNIT, 604800 },
	{ "week", FEED_REL_UNIT, 604800 }, { "weeks", FEED_REL_UNIT, 604800 },
	{ "month", FEED_REL_UNIT, 2592000 },
	{ "seconde", FEED_REL_UNIT, 1 }, { "secondes", FEED_REL_UNIT, 1 },
	{ "mn", FEED_REL_UNIT, 60 }, { "heure", FEED_REL_UNIT, 3600 },
	{ "heures", FEED_REL_UNIT, 3600 }, { "jour", FEED_REL_UNIT, 86400 },
	{ "jours", FEED_REL_UNIT, 86400 }, { "j", FEED_REL_UNIT, 86400 },
	{ "semaine", FEED_REL_UNIT, 604800 },
	{ "semaines", FEED_REL_UNIT, 604800 },
	{ "mois", FEED_REL_UNIT, 2592000 },
	{ "ثانية", FEED_REL_UNIT, 1 }, { "ثوان", FEED_REL_UNIT, 1 },
	{ "ثواني", FEED_REL_UNIT, 1 }, { "ثانيتين", FEED_REL_DUAL, 1 },
	{ "دقيقة", FEED_REL_UNIT, 60 }, { "دقيقه", FEED_REL_UNIT, 60 },
	{ "دقائق", FEED_REL_UNIT, 60 }, { "د", FEED_REL_UNIT, 60 },
	{ "دقيقتين", FEED_REL_DUAL, 60 }, { "دقيقتان", FEED_REL_DUAL, 60 },
	{ "ساعة", FEED_REL_UNIT, 3600 }, { "ساعه", FEED_REL_UNIT, 3600 },
	{ "ساعات", FEED_REL_UNIT, 3600 }, { "س", FEED_REL_UNIT, 3600 },
	{ "ساعتين", FEED_REL_DUAL, 3600 }, { "ساعتان", FEED_REL_DUAL, 3600 },
	{ "يوم", FEED_REL_UNIT, 86400 }, { "أيام", FEED_REL_UNIT, 86400 },
	{ "ايام", FEED_REL_UNIT, 86400 }, { "يومين", FEED_REL_DUAL, 86400 },
	{ "يومان", FEED_REL_DUAL, 86400 },
	{ "أسبوع", FEED_REL_UNIT, 604800 }, { "اسبوع", FEED_REL_UNIT, 604800 },
	{ "أسابيع", FEED_REL_UNIT, 604800 },
	{ "اسابيع", FEED_REL_UNIT, 604800 },
	{ "أسبوعين", FEED_REL_DUAL, 604800 },
	{ "اسبوعين", FEED_REL_DUAL, 604800 },
	{ "شهر", FEED_REL_UNIT, 2592000 },
	{ "секунду", FEED_REL_UNIT, 1 }, { "секунды", FEED_REL_UNIT, 1 },
	{ "секунд", FEED_REL_UNIT, 1 }, { "сек", FEED_REL_UNIT, 1 },
	{ "минуту", FEED_REL_UNIT, 60 }, { "минуты", FEED_REL_UNIT, 60 },
	{ "минут", FEED_REL_UNIT, 60 }, { "мин", FEED_REL_UNIT, 60 },
	{ "час", FEED_REL_UNIT, 3600 }, { "часа", FEED_REL_UNIT, 3600 },
	{ "часов", FEED_REL_UNIT, 3600 }, { "ч", FEED_REL_UNIT, 3600 },
	{ "день", FEED_REL_UNIT, 86400 }, { "дня", FEED_REL_UNIT, 86400 },
	{ "дней", FEED_REL_UNIT, 86400 }, { "дн", FEED_REL_UNIT, 86400 },
	{ "неделю", FEED_REL_UNIT, 604800 },
	{ "недели", FEED_REL_UNIT, 604800 },
	{ "недель", FEED_REL_UNIT, 604800 },
	{ "месяц", FEED_REL_UNIT, 2592000 },
	{ "сағат", FEED_REL_UNIT, 3600 }, { "саат", FEED_REL_UNIT, 3600 },
	{ "күн", FEED_REL_UNIT, 86400 }, { "апта", FEED_REL_UNIT, 604800 },
	{ "dakika", FEED_REL_UNIT, 60 }, { "dk", FEED_REL_UNIT, 60 },
	{ "saat", FEED_REL_UNIT, 3600 }, { "gün", FEED_REL_UNIT, 86400 },
	{ "hafta", FEED_REL_UNIT, 604800 },
	{ "ثانیه", FEED_REL_UNIT, 1 }, { "دقیقه", FEED_REL_UNIT, 60 },
	{ "ساعت", FEED_REL_UNIT, 3600 }, { "روز", FEED_REL_UNIT, 86400 },
	{ "هفته", FEED_REL_UNIT, 604800 }, { "ماه", FEED_REL_UNIT, 2592000 },
	{ "полчаса", FEED_REL_UNIT, 1800 },
	{ "نصف", FEED_REL_HALF, 0 }, { "ونصف", FEED_REL_HALF, 0 },
	{ "half", FEED_REL_HALF, 0 }, { "demi", FEED_REL_HALF, 0 },
	{ "demie", FEED_REL_HALF, 0 },
	{ "a", FEED_REL_NUM, 1 }, { "an", FEED_REL_NUM, 1 },
	{ "one", FEED_REL_NUM, 1 }, { "two", FEED_REL_NUM, 2 },
	{ "three", FEED_REL_NUM, 3 }, { "four", FEED_REL_NUM, 4 },
	{ "five", FEED_REL_NUM, 5 }, { "ten", FEED_REL_NUM, 10 },
	{ "un", FEED_REL_NUM, 1 }, { "une", FEED_REL_NUM, 1 },
	{ "deux", FEED_REL_NUM, 2 }, { "trois", FEED_REL_NUM, 3 },
	{ "один", FEED_REL_NUM, 1 }, { "одна", FEED_REL_NUM, 1 },
	{ "одну", FEED_REL_NUM, 1 }, { "два", FEED_REL_NUM, 2 },
	{ "две", FEED_REL_NUM, 2 }, { "три", FEED_REL_NUM, 3 },
	{ "ago", FEED_REL_AGO, 0 }, { "назад", FEED_REL_AGO, 0 },
	{ "бұрын", FEED_REL_AGO, 0 }, { "мурун", FEED_REL_AGO, 0 },
	{ "önce", FEED_REL_AGO, 0 }, { "پیش", FEED_REL_AGO, 0 },
	{ "منذ", FEED_REL_SINCE, 0 }, { "قبل", FEED_REL_SINCE, 0 },
	{ "il", FEED_REL_IL, 0 }, { "y", FEED_REL_Y, 0 },
	{ "الآن", FEED_REL_NOW, 0 }, { "الان", FEED_REL_NOW, 0 },
	{ "l'instant", FEED_REL_NOW, 0 },
	{ "لحظات", FEED_REL_WHILE, 0 }, { "قليل", FEED_REL_WHILE, 0 },
	{ "لحظاتی", FEED_REL_WHILE, 0 }, { "لحظه", FEED_REL_WHILE, 0 },
	{ "واحدة", FEED_REL_ONE, 0 }, { "واحده", FEED_REL_ONE, 0 },
	{ "واحد", FEED_REL_ONE, 0 },
	{ "just", FEED_REL_JUST, 0 }, { "right", FEED_REL_JUST, 0 },
	{ "только", FEED_REL_JUST, 0 }, { "now", FEED_REL_JUST_NOW, 0 },
	{ "что", FEED_REL_JUST_NOW, 0 }, { "moments", FEED_REL_WHILE, 0 },
	{ "moment", FEED_REL_WHILE, 0 },
	{ "yesterday", FEED_REL_YESTERDAY, 0 },
	{ "أمس", FEED_REL_YESTERDAY, 0 }, { "امس", FEED_REL_YESTERDAY, 0 },
	{ "الأمس", FEED_REL_YESTERDAY, 0 },
	{ "البارحة", FEED_REL_YESTERDAY, 0 },
	{ "вчера", FEED_REL_YESTERDAY, 0 }, { "hier", FEED_REL_YESTERDAY, 0 },
	{ "кеше", FEED_REL_YESTERDAY, 0 }, { "кечээ", FEED_REL_YESTERDAY, 0 },
	{ "dün", FEED_REL_YESTERDAY, 0 }, { "دیروز", FEED_REL_YESTERDAY, 0 },
	{ "today", FEED_REL_TODAY, 0 }, { "اليوم", FEED_REL_TODAY, 0 },
	{ "сегодня", FEED_REL_TODAY, 0 }, { "aujourd'hui", FEED_REL_TODAY, 0 },
	{ "бүгін", FEED_REL_TODAY, 0 }, { "бүгүн", FEED_REL_TODAY, 0 },
	{ "bugün", FEED_REL_TODAY, 0 }, { "امروز", FEED_REL_TODAY, 0 },
	{ "at", FEED_REL_AT, 0 }, { "في", FEED_REL_AT, 0 },
	{ "الساعة", FEED_REL_AT, 0 }, { "الساعه", FEED_REL_AT, 0 },
	{ "в", FEED_REL_AT, 0 }, { "à", FEED_REL_AT, 0 },
	{ "and", FEED_REL_AND, 0 }, { "و", FEED_REL_AND, 0 },
	{ "и", FEED_REL_AND, 0 }, { "et", FEED_REL_AND, 0 },
	{ "am", FEED_REL_AM, 0 }, { "ص", FEED_REL_AM, 0 },
	{ "pm", FEED_REL_PM, 0 }, { "م", FEED_REL_PM, 0 }
};

/* One word of a relative date: its kind and value. */
struct feed_rel_tok {
	enum feed_rel_kind	 kind;
	int64_t			 v;
};

/* A word's kind: a number, a clock (minutes of the day), or a listed one. */
static struct feed_rel_tok
feed_rel_tok(const char *w)
{
	struct feed_rel_tok	 t = { FEED_REL_OTHER, 0 };
	const char		*p = w;
	int			 h, m;
	size_t			 i;

	if (isdigit((unsigned char)*w)) {
		if ((h = feed_num(&p, 1, 2)) >= 0 && *p == ':' && p++ &&
		    (m = feed_num(&p, 2, 2)) >= 0 && *p == '\0' && h < 24 &&
		    m < 60)
			return (struct feed_rel_tok){ FEED_REL_CLOCK,
			    h * 60 + m };
		p = w;
		if ((h = feed_num(&p, 1, 4)) >= 0 && *p == '\0')
			return (struct feed_rel_tok){ FEED_REL_NUM, h };
		return t;
	}
	for (i = 0; i < nitems(feed_rel_words); i++)
		if (strcmp(w, feed_rel_words[i].w) == 0)
			return (struct feed_rel_tok){ feed_rel_words[i].kind,
			    feed_rel_words[i].v };
	return t;
}

/* Whether the character at s (of n bytes) separates words. */
static int
feed_rel_space(const unsigned char *s, size_t *n)
{
	*n = 1;
	if (*s < 0x80)
		return !isalnum(*s) && *s != ':' && *s != '\'';
	*n = 2;
	if (strncmp((const char *)s, "\xC2\xA0", 2) == 0 ||
	    strncmp((const char *)s, "،", 2) == 0 ||
	    strncmp((const char *)s, "\xD8\x9C", 2) == 0)
		return 1;
	*n = 3;
	return s[0] == 0xE2 && s[1] == 0x80 &&	/* dashes, bullets, marks */
	    s[2] != '\0';
}

/* Whether the character at s is a haraka or tatweel, dropped from words. */
static int
feed_rel_mark(const unsigned char *s)
{
	return s[0] == 0xD9 && (s[1] == 0x80 || (s[1] >= 0x8B &&
	    s[1] <= 0x92));
}

/*
 * The words of s (FEED_TEXT_MAX bytes at most) into v, each read by
 * feed_rel_tok; how many, or 0 when there are too many.
 */
static size_t
feed_rel_words_of(const char *s, struct feed_rel_tok *v)
{
	char			 low[FEED_TEXT_MAX + 1], w[FEED_TEXT_MAX + 1];
	const unsigned char	*p;
	size_t			 n = 0, o = 0, len;
	int			 d, digit = 0;

	memcpy(low, s, strlen(s) + 1);
	feed_lower_cyrillic((unsigned char *)low);
	for (p = (const unsigned char *)low;; p += len) {
		if ((d = feed_digit(p, &len)) < 0 && *p == ':' && digit)
			d = ':';
		if (*p == '\0' || feed_rel_space(p, &len) ||
		    (o > 0 && (d >= 0) != digit)) {
			if (o > 0 && n == FEED_REL_WORDS)
				return 0;
			if (o > 0) {
				w[o] = '\0';
				v[n++] = feed_rel_tok(w);
				o = 0;
			}
			if (*p == '\0')
				break;
			if (feed_rel_space(p, &len))
				continue;
		}
		digit = d >= 0;
		if (d >= 0 && feed_digit(p, &len) >= 0)
			w[o++] = (char)('0' + d);
		else if (d >= 0) {
			w[o++] = ':';
			len = 1;
		} else if (feed_rel_mark(p))
			len = 2;
		else {
			len = 1;
			w[o++] = (char)(*p < 0x80 ? tolower(*p) : *p);
		}
	}
	return n;
}

/*
 * Where "and a half" (ونصف, "et demie") ends after a unit at v[i], or i
 * when none follows.
 */
static size_t
feed_rel_half_after(const struct feed_rel_tok *v, size_t n, size_t i)
{
	size_t	 j = i;

	if (j < n && v[j].kind == FEED_REL_AND)
		j++;
	if (j < n && v[j].kind == FEED_REL_NUM && v[j].v == 1)
		j++;			/* "a half" */
	return j < n && v[j].kind == FEED_REL_HALF ? j + 1 : i;
}

/*
 * The seconds of "3 hours 20 minutes", "ساعة ونصف" or "half an hour" in
 * v[0..n); -1 when it is not that.
 */
static int64_t
feed_rel_span(const struct feed_rel_tok *v, size_t n)
{
	int64_t	 secs = 0, amount, unit;
	size_t	 i = 0, j;
	int	 half;

	if (n == 0)
		return -1;
	while (i < n) {
		amount = -1;
		if ((half = v[i].kind == FEED_REL_HALF))
			i++;
		if (i < n && v[i].kind == FEED_REL_NUM)
			amount = v[i++].v;
		if (i == n || (v[i].kind != FEED_REL_UNIT &&
		    (v[i].kind != FEED_REL_DUAL || amount >= 0)) ||
		    (half && (amount > 1 || v[i].kind == FEED_REL_DUAL)))
			return -1;
		if (amount < 0)
			amount = v[i].kind == FEED_REL_DUAL ? 2 : 1;
		unit = v[i++].v;
		if (i < n && v[i].kind == FEED_REL_ONE && amount == 1)
			i++;		/* ساعة واحدة: one hour */
		secs += half ? unit / 2 : amount * unit;
		if (!half && (j = feed_rel_half_after(v, n, i)) > i) {
			secs += unit / 2;
			i = j;
		}
		if (secs > FEED_REL_MAX)
			return -1;
		if (i < n && v[i].kind == FEED_REL_AND && i + 1 < n)
			i++;
	}
	return secs;
}

/*
 * A day's clock in v[0..n): "at 14:30 pm", "14:30", or nothing (midnight);
 * the hour's word before a clock (Persian's "ساعت ۱۶:۰۰") stands for "at":
 * seconds into the day, or -1.
 */
static int64_t
feed_rel_clock(const struct feed_rel_tok *v, size_t n)
{
	int64_t	 mins;

	if (n > 1 && v[0].kind == FEED_REL_UNIT && v[0].v == 3600 &&
	    v[1].kind == FEED_REL_CLOCK) {
		v++;
		n--;
	}
	if (n > 0 && v[0].kind == FEED_REL_AT) {
		v++;
		n--;
	}
	if (n == 0)
		return 0;
	if (v[0].kind != FEED_REL_CLOCK || n > 2)
		return -1;
	mins = v[0].v;
	if (n == 2 && (v[1].kind != FEED_REL_AM && v[1].kind != FEED_REL_PM))
		return -1;
	if (n == 2 && (mins < 60 || mins >= 13 * 60))
		return -1;
	if (n == 2)
		mins = mins % (12 * 60) +
		    (v[1].kind == FEED_REL_PM ? 12 * 60 : 0);
	return mins * 60;
}

/*
 * A time of day alone, in v[0..n): French's "14h30" (also "à 14h30"), or
 * a clock after "at" ("à 14:30", "в 14:30"): seconds into the day, or -1.
 * A bare 14:30 is none: a video's length is written so.
 */
static int64_t
feed_rel_time_alone(const struct feed_rel_tok *v, size_t n)
{
	if (n > 0 && v[0].kind == FEED_REL_AT) {
		if (n == 2 && v[1].kind == FEED_REL_CLOCK)
			return v[1].v * 60;
		v++;
		n--;
	}
	if (n != 3 || v[0].kind != FEED_REL_NUM || v[0].v > 23 ||
	    v[1].kind != FEED_REL_UNIT || v[1].v != 3600 ||
	    v[2].kind != FEED_REL_NUM || v[2].v > 59)
		return -1;
	return (v[0].v * 60 + v[2].v) * 60;
}

/*
 * The time of a relative date in v[0..n), its label taken off (label 1;
 * 2 when the label holds a number: "6 déc. 14h30" is no time of today);
 * "just now" and the like only when nothing stands before them ("شاهد
 * الآن" is a button). ITEM_NO_TIME when v is none.
 */
static int64_t
feed_rel_at(const struct feed_rel_tok *v, size_t n, int64_t now, int label)
{
	int64_t	 s, day = now - (now % 86400 + 86400) % 86400;

	if (!label && ((n == 1 && v[0].kind == FEED_REL_NOW) ||
	    (n == 2 && v[0].kind == FEED_REL_AT && v[1].kind == FEED_REL_NOW) ||
	    (n == 2 && v[0].kind == FEED_REL_JUST &&
	    v[1].kind == FEED_REL_JUST_NOW) ||
	    (n == 2 && v[0].kind == FEED_REL_SINCE &&
	    v[1].kind == FEED_REL_WHILE) ||
	    (n >= 2 && n <= 3 && v[n - 2].kind == FEED_REL_WHILE &&
	    v[n - 1].kind == FEED_REL_AGO)))
		return now;
	if (n > 3 && v[0].kind == FEED_REL_IL && v[1].kind == FEED_REL_Y &&
	    v[2].kind == FEED_REL_NUM && v[2].v == 1 &&
	    (s = feed_rel_span(v + 3, n - 3)) >= 0)
		return now - s;
	if (v[0].kind == FEED_REL_SINCE && (s = feed_rel_span(v + 1,
	    n - 1)) >= 0)
		return now - s;
	/* Persian writes its "before" after the span: ۳ ساعت قبل. */
	if ((v[n - 1].kind == FEED_REL_AGO || (v[n - 1].kind ==
	    FEED_REL_SINCE && n > 1)) && (s = feed_rel_span(v, n - 1)) >= 0)
		return now - s;
	if (v[0].kind == FEED_REL_YESTERDAY && (s = feed_rel_clock(v + 1,
	    n - 1)) >= 0)
		return day - 86400 + s;
	/* "Сегодня в 22:15" fetched at 20:00 UTC: the site's clock is ahead
	 * of UTC (Moscow's, Riyadh's), and its zone is not known here. The
	 * story was published by the fetch, so it is dated then, never after
	 * it: that is at most the zone's hours late, where a date read as UTC
	 * would put it in the future. */
	if (v[0].kind == FEED_REL_TODAY && n > 1 && (s = feed_rel_clock(v + 1,
	    n - 1)) >= 0)
		return day + s < now ? day + s : now;
	if (label < 2 && (s = feed_rel_time_alone(v, n)) >= 0)
		return day + s <= now ? day + s : day + s - 86400;
	return ITEM_NO_TIME;
}

/*
 * A day and month with no year ("6 декабря, 14:30", "Dec 6 at 10:15 am"),
 * perhaps a time and zone after them: in the year of the fetch, the next
 * year's (Jan 1 seen on Dec 31) or the previous one's when that would be
 * more than FEED_AHEAD after now (a site's clock or zone ahead of UTC is
 * not a year); ITEM_NO_TIME when s is not that.
 */
static int64_t
feed_date_noyear(const char *s, int64_t now)
{
	struct feed_tm	 t = { 0 };
	char		 ascii[FEED_DATE_MAX];
	const char	*p = ascii;
	int64_t		 when;
	int		 y, tries;

	if (feed_date_ascii(s, ascii) != 0)
		return ITEM_NO_TIME;
	feed_hm_colon(ascii);
	if (feed_skip_ws(&p) || feed_day_month(&p, &t) == -1)
		return ITEM_NO_TIME;
	feed_time_sep(&p);
	if (!feed_skip_ws(&p) && (feed_clock(&p, &t) == -1 ||
	    feed_meridiem(&p, &t) == -1 || (!feed_skip_ws(&p) &&
	    (t.off = feed_zone(&p)) == INT_MIN) || !feed_skip_ws(&p)))
		return ITEM_NO_TIME;
	y = (int)(1970 + now / 31556952) + 1;
	for (tries = 0; tries < 3; tries++, y--) {
		t.year = y;
		if ((when = feed_epoch(&t)) != ITEM_NO_TIME &&
		    when <= now + FEED_AHEAD)
			return when;
	}
	return ITEM_NO_TIME;
}

/*
 * The n bytes at s into out (size bytes) with Arabic-Indic and Persian
 * digits as ASCII ones (a <time datetime="٢٠٢٦-١٢-٠٦T١٠:١٥:٠٠+٠٣:٠٠">); -1
 * when they do not fit.
 */
static int
feed_ascii_digits(const char *s, size_t n, char *out, size_t size)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 o = 0, len;
	int			 d;

	while (p < (const unsigned char *)s + n) {
		if (o + 1 >= size)
			return -1;
		if ((d = feed_digit(p, &len)) >= 0 && len == 2) {
			out[o++] = (char)('0' + d);
			p += len;
		} else
			out[o++] = (char)*p++;
	}
	out[o] = '\0';
	return 0;
}

/* The offset an ISO 8601 date-time writes; see feed.h. */
int
feed_date_offset(const char *s, size_t n, int *off)
{
	char		 d[FEED_DATE_MAX];
	const char	*z;
	int		 mins;

	/* Most attributes a page has are no date: their first byte says so. */
	if (n < 17 || n >= sizeof(d) || (!isdigit((unsigned char)s[0]) &&
	    (unsigned char)s[0] != 0xD9 && (unsigned char)s[0] != 0xDB) ||
	    feed_ascii_digits(s, n, d, sizeof(d)) == -1)
		return -1;
	n = strlen(d);
	/* 2026-12-06T14:20 and a time zone at least; a date alone has none. */
	if (n < 17 || !isdigit((unsigned char)d[0]) || d[4] != '-' ||
	    (d[10] != 'T' && d[10] != ' '))
		return -1;
	for (z = d + n; z > d + 16 && *z != '+' && *z != '-'; z--)
		;
	if (z == d + 16 || feed_date_parse(d) == ITEM_NO_TIME ||
	    (mins = feed_zone_num(&z, 0)) == INT_MIN || *z != '\0')
		return -1;
	*off = mins * 60;
	return 0;
}

/* A relative date a page writes as an element's text; see feed.h. */
int64_t
feed_date_relative(const char *s, int64_t now)
{
	struct feed_rel_tok	 v[FEED_REL_WORDS];
	size_t			 n, i;
	int64_t			 when;
	int			 label = 0;

	if (s == NULL || now == ITEM_NO_TIME || strlen(s) > FEED_TEXT_MAX ||
	    (n = feed_rel_words_of(s, v)) == 0)
		return ITEM_NO_TIME;
	for (i = 0; i <= FEED_REL_LABEL && i < n; i++) {
		if (i > 0 && label < 2)
			label = v[i - 1].kind == FEED_REL_NUM ||
			    v[i - 1].kind == FEED_REL_CLOCK ? 2 : 1;
		if ((when = feed_rel_at(v + i, n - i, now, label)) !=
		    ITEM_NO_TIME)
			return when;
	}
	return feed_date_noyear(s, now);
}

/* The day a heading names as today; see feed.h. */
int64_t
feed_date_today(const char *s, int64_t now)
{
	struct feed_rel_tok	 v[FEED_REL_WORDS];

	if (s == NULL || now == ITEM_NO_TIME || strlen(s) > FEED_TEXT_MAX ||
	    feed_rel_words_of(s, v) != 1 || v[0].kind != FEED_REL_TODAY)
		return ITEM_NO_TIME;
	return now - (now % 86400 + 86400) % 86400;
}
