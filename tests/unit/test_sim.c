/*
 * test_sim: the sketch that tells two texts under one title apart: what a
 * reader would call the same text (a copy cut shorter, a dateline put
 * before it, a word changed) is alike; another text, or the same words
 * with other figures, is not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim.h"
#include "sketch.h"

/* Whether the sketches of two texts are alike, both ways round. */
static int
alike(const char *a, const char *b)
{
	struct sketch	 x = sketch_of(a), y = sketch_of(b);
	int		 ab = sim_alike(x.b, x.len, y.b, y.len);

	assert_int_equal(ab, sim_alike(y.b, y.len, x.b, x.len));
	return ab;
}

static const char	*story = "وقع الرئيس الكازاخستاني قاسم جومارت "
    "توكاييف اليوم في أستانا اتفاقا جديدا للطاقة مع نظيره الأوزبكي يشمل "
    "خطوط نقل الكهرباء وتطوير حقول الغاز في المنطقة الحدودية بين البلدين "
    "وقال إن الاتفاق يفتح صفحة جديدة في التعاون الإقليمي";

/* The same text, cut shorter, or with a dateline before it: alike. */
static void
same_text(void **state)
{
	(void)state;
	assert_true(alike(story, story));
	assert_true(alike(story, "وقع الرئيس الكازاخستاني قاسم جومارت "
	    "توكاييف اليوم في أستانا اتفاقا جديدا للطاقة"));
	assert_true(alike(story, "أستانا رويترز - وقع الرئيس الكازاخستاني "
	    "قاسم جومارت توكاييف اليوم في أستانا اتفاقا جديدا للطاقة مع "
	    "نظيره الأوزبكي يشمل خطوط نقل الكهرباء"));
}

/* A word or two changed (an edit): still alike. */
static void
edited_text(void **state)
{
	(void)state;
	assert_true(alike(story, "وقع الرئيس الكازاخستاني قاسم جومارت "
	    "توكاييف أمس في أستانا اتفاقا جديدا للطاقة مع نظيره الأوزبكي يشمل "
	    "خطوط نقل الكهرباء وتطوير حقول النفط في المنطقة الحدودية بين "
	    "البلدين وقال إن الاتفاق يفتح صفحة جديدة في التعاون الإقليمي"));
}

/* Another story under the same headline: not alike. */
static void
other_text(void **state)
{
	(void)state;
	assert_false(alike(story, "أغلقت السيول الطريق بين ألماتي وبيشكيك "
	    "ثلاثة أيام وقالت السلطات إن فرق الإنقاذ أجلت مئات السكان من "
	    "القرى القريبة من النهر"));
	assert_false(alike("كازاخستان", "قيرغيزستان"));
}

/* The same words with other figures are another report. */
static void
other_numbers(void **state)
{
	(void)state;
	assert_false(alike("تفاصيل الخبر رقم 5 من المصدر 3 كما أوردته "
	    "وكالات الأنباء", "تفاصيل الخبر رقم 7 من المصدر 3 كما أوردته "
	    "وكالات الأنباء"));
	assert_false(alike("the toll rose to 12 in the flood near almaty "
	    "officials said on tuesday", "the toll rose to 31 in the flood "
	    "near almaty officials said on tuesday"));
	/* A dateline that adds a date adds a number: still alike. */
	assert_true(alike("the toll rose to 12 in the flood near almaty",
	    "almaty 4 may the toll rose to 12 in the flood near almaty"));
}

/* No text, or a sketch that cannot be read: only the title can tell. */
static void
missing_sketch(void **state)
{
	struct sketch		 x = sketch_of(story);
	static const unsigned char	 junk[] = { 200, 1, 2 };

	(void)state;
	assert_int_equal(sketch_of("").len, 0);
	assert_true(sim_alike(x.b, x.len, NULL, 0));
	assert_true(sim_alike(NULL, 0, x.b, x.len));
	assert_true(sim_alike(junk, sizeof(junk), x.b, x.len));
}

/* Only the opening counts, and a sketch never outgrows SIM_MAX. */
static void
opening_only(void **state)
{
	char		 a[4096] = "", b[4096];
	struct sketch	 k;
	int		 i;

	(void)state;
	for (i = 0; i < SIM_WORDS; i++)
		snprintf(a + strlen(a), sizeof(a) - strlen(a), "w%d %d ", i, i);
	snprintf(b, sizeof(b), "%s tail words that differ", a);
	k = sketch_of(a);
	assert_true(k.len > 0 && k.len <= SIM_MAX);
	assert_true(alike(a, b));
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(same_text),
		cmocka_unit_test(edited_text),
		cmocka_unit_test(other_text),
		cmocka_unit_test(other_numbers),
		cmocka_unit_test(missing_sketch),
		cmocka_unit_test(opening_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
