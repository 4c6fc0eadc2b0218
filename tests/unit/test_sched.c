/* Unit tests of sched: timers fire in order, backoff grows and is capped. */
#include <event2/event.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sched.h"

/* Record the order in which timers fire. */
struct fired {
	size_t	 order[4];
	size_t	 n;
};

static void
record_cb(size_t key, void *arg)
{
	struct fired	*f = arg;

	if (f->n < 4)
		f->order[f->n++] = key;
}

static void
timers_fire_in_due_order_and_cancel_works(void **state)
{
	struct event_base	*base = event_base_new();
	struct fired		 f = { { 0 }, 0 };
	struct sched		*s = sched_new(base, 3, record_cb, &f);

	(void)state;
	assert_non_null(s);
	assert_true(sched_next(s) < 0);
	sched_at(s, 0, 0.03);
	sched_at(s, 1, 0.01);
	sched_at(s, 2, 0.02);
	assert_true(sched_next(s) <= 0.011);
	sched_cancel(s, 2);
	event_base_dispatch(base);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.order[0], 1);
	assert_int_equal(f.order[1], 0);
	sched_free(s);
	event_base_free(base);
}

static void
jitter_stays_within_ten_percent(void **state)
{
	int	 i;
	double	 d;

	(void)state;
	for (i = 0; i < 1000; i++) {
		d = sched_jitter(600);
		assert_true(d >= 540 && d <= 660);
	}
}

static void
backoff_doubles_and_stops_at_six_hours(void **state)
{
	(void)state;
	assert_true(sched_backoff(600, 1) <= 660);
	assert_true(sched_backoff(600, 2) >= 1080 && sched_backoff(600, 2) <= 1320);
	assert_true(sched_backoff(600, 3) >= 2160);
	assert_true(sched_backoff(600, 40) <= 6 * 3600 * 1.1);
	assert_true(sched_backoff(600, 40) >= 6 * 3600 * 0.9);
	assert_true(sched_backoff(86400, 3) >= 86400 * 0.9);
}

static void
hints_raise_the_interval_but_never_lower_it(void **state)
{
	struct sched_hint	 h = { 600, 0, 0, 0, 0 };
	double			 d;

	(void)state;
	d = sched_delay(&h);
	assert_true(d >= 540 && d <= 660);
	h.fresh_for = 60;
	d = sched_delay(&h);
	assert_true(d >= 540 && d <= 660);
	h.fresh_for = 7200;
	d = sched_delay(&h);
	assert_true(d >= 6480 && d <= 7920);
	h.fresh_for = 10 * 86400;
	assert_true(sched_delay(&h) <= 86400 * 1.1);
}

/* A feed's TTL raises the interval as max-age does; the longer one wins. */
static void
feed_ttl_raises_the_interval_up_to_a_day(void **state)
{
	struct sched_hint	 h = { 600, 0, 0, 0, 60 };
	double			 d;

	(void)state;
	d = sched_delay(&h);
	assert_true(d >= 540 && d <= 660);
	h.ttl = 3600;
	d = sched_delay(&h);
	assert_true(d >= 3240 && d <= 3960);
	h.fresh_for = 7200;
	d = sched_delay(&h);
	assert_true(d >= 6480 && d <= 7920);
	h.fresh_for = 60;
	h.ttl = 7 * 86400;
	assert_true(sched_delay(&h) <= 86400 * 1.1);
	assert_true(sched_delay(&h) >= 86400 * 0.9);
	h.failures = 1;
	d = sched_delay(&h);
	assert_true(d >= 540 && d <= 660);
}

static void
retry_after_wins_over_a_shorter_backoff(void **state)
{
	struct sched_hint	 h = { 600, 1, 3600, 0, 0 };

	(void)state;
	assert_true(sched_delay(&h) == 3600);
	h.retry_after = 5;
	assert_true(sched_delay(&h) >= 540);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timers_fire_in_due_order_and_cancel_works),
		cmocka_unit_test(jitter_stays_within_ten_percent),
		cmocka_unit_test(backoff_doubles_and_stops_at_six_hours),
		cmocka_unit_test(hints_raise_the_interval_but_never_lower_it),
		cmocka_unit_test(feed_ttl_raises_the_interval_up_to_a_day),
		cmocka_unit_test(retry_after_wins_over_a_shorter_backoff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
