/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* gettimeofday and time (vDSO) agree with clock_gettime(CLOCK_REALTIME); a NULL tv or tz is fine. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*gtod_fn)(struct timeval *, struct timezone *);
typedef time_t (*time_fn)(time_t *);

int main(void)
{
	gtod_fn gtod = (gtod_fn)vdso_sym("__vdso_gettimeofday", "LINUX_2.6");
	time_fn vtime = (time_fn)vdso_sym("__vdso_time", "LINUX_2.6");
	int tv_bad = 0, t_bad = 0;

	CHECK(gtod && vtime);
	if (!gtod || !vtime)
		return 1;
	for (int i = 0; i < 1000; i++) {
		struct timespec a, c;
		struct timeval tv;
		time_t t, t2;

		clock_gettime(CLOCK_REALTIME, &a);
		gtod(&tv, NULL);
		t = vtime(&t2);
		clock_gettime(CLOCK_REALTIME, &c);
		tv_bad += tv.tv_sec * 1000000LL + tv.tv_usec <
				  a.tv_sec * 1000000LL + a.tv_nsec / 1000 ||
			  tv.tv_sec * 1000000LL + tv.tv_usec >
				  c.tv_sec * 1000000LL + c.tv_nsec / 1000 ||
			  tv.tv_usec >= 1000000;
		/* Linux's time() is the tick-updated coarse clock: up to a tick
		 * behind, so a second boundary just crossed may not show yet */
		t_bad += t != t2 || t < a.tv_sec - 1 || t > c.tv_sec;
	}
	FACT("gettimeofday between clock_gettime calls", !tv_bad);
	FACT("time within a second of clock_gettime, stored and returned", !t_bad);
	struct timezone tz = {-1, -1};
	printf("gettimeofday(NULL, NULL) = %d\n", gtod(NULL, NULL));
	printf("gettimeofday(NULL, &tz) = %d\n", gtod(NULL, &tz));
	FACT("tz filled", tz.tz_minuteswest != -1 && tz.tz_dsttime != -1);
	FACT("time(NULL) > 0", vtime(NULL) > 0);
	FACT("libc time agrees", labs(time(NULL) - vtime(NULL)) <= 1);
	return 0;
}
