/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * adjtimex and clock_adjtime: the kernel's NTP clock state as Linux keeps
 * it after boot (unsynchronized: TIME_ERROR, errors at the phase limit),
 * readable by anyone; changing anything needs CAP_SYS_TIME (EPERM).  The
 * values set are stored and read back, and ADJ_SETOFFSET moves the wall
 * clock, but no phase-locked loop disciplines the clock: the frequency,
 * offset and tick do not change its rate.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/mutex.h>

/* Linux's internal mode bits (not UAPI): the adjtime(3) flavour and its
 * read-only variant; ADJ_OFFSET_SINGLESHOT is 0x8001 = ADJ_ADJTIME plus
 * ADJ_OFFSET. */
#define ADJ_ADJTIME	    0x8000
#define ADJ_OFFSET_READONLY 0x2000

#define NSEC_PER_SEC	1000000000ll
#define USER_HZ		100	 /* ticks of the tick field (sysconf(_SC_CLK_TCK)) */
#define NTP_PHASE_LIMIT 16000000 /* usec: maxerror and esterror unsynchronized */
#define MAXFREQ_SCALED	32768000 /* 500 ppm, scaled by 2^16 */
#define PPM_SCALE	65536000ll
#define MAXTC		10
#define MAX_TAI_OFFSET	100000

/* The NTP state (ntp_lock). */
static struct {
	int status;
	long long freq, maxerror, esterror, constant, tick, adjust;
	int tai;
} ntp = {
	.status = STA_UNSYNC,
	.maxerror = NTP_PHASE_LIMIT,
	.esterror = NTP_PHASE_LIMIT,
	.constant = 2,
	.tick = 1000000 / USER_HZ,
};
static struct mutex ntp_lock = MUTEX_INIT(ntp_lock, "ntp");

/* Linux's timekeeping_validate_timex: the permission and range checks. */
static long validate(const struct __kernel_timex *t)
{
	if (t->modes & ADJ_ADJTIME) {
		if (!(t->modes & ADJ_OFFSET))
			return -EINVAL;
		if (!(t->modes & ADJ_OFFSET_READONLY) && !capable(CAP_SYS_TIME))
			return -EPERM;
	} else {
		if (t->modes && !capable(CAP_SYS_TIME))
			return -EPERM;
		if ((t->modes & ADJ_TICK) &&
		    (t->tick < 900000 / USER_HZ || t->tick > 1100000 / USER_HZ))
			return -EINVAL;
	}
	if (t->modes & ADJ_SETOFFSET) {
		if (!capable(CAP_SYS_TIME))
			return -EPERM;
		if (t->time.tv_usec < 0 ||
		    t->time.tv_usec >= ((t->modes & ADJ_NANO) ? NSEC_PER_SEC : 1000000))
			return -EINVAL;
	}
	if ((t->modes & ADJ_FREQUENCY) && (t->freq < (-__LONG_LONG_MAX__ - 1) / PPM_SCALE ||
					   t->freq > __LONG_LONG_MAX__ / PPM_SCALE))
		return -EINVAL;
	return 0;
}

static long long clamp_ll(long long v, long long lo, long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Store what `t` sets (ntp_lock held). */
static void apply(const struct __kernel_timex *t)
{
	if (t->modes & ADJ_STATUS) {
		if ((ntp.status & STA_PLL) && !(t->status & STA_PLL))
			ntp.status = STA_UNSYNC;
		ntp.status = (ntp.status & STA_RONLY) | (t->status & ~STA_RONLY);
	}
	if (t->modes & ADJ_NANO)
		ntp.status |= STA_NANO;
	if (t->modes & ADJ_MICRO)
		ntp.status &= ~STA_NANO;
	if (t->modes & ADJ_FREQUENCY)
		ntp.freq = clamp_ll(t->freq, -MAXFREQ_SCALED, MAXFREQ_SCALED);
	if (t->modes & ADJ_MAXERROR)
		ntp.maxerror = t->maxerror;
	if (t->modes & ADJ_ESTERROR)
		ntp.esterror = t->esterror;
	if (t->modes & ADJ_TIMECONST)
		ntp.constant = clamp_ll(t->constant + ((ntp.status & STA_NANO) ? 0 : 4), 0, MAXTC);
	if ((t->modes & ADJ_TAI) && t->constant >= 0 && t->constant <= MAX_TAI_OFFSET)
		ntp.tai = (int)t->constant;
	if (t->modes & ADJ_TICK)
		ntp.tick = t->tick;
}

/* Linux's do_adjtimex for CLOCK_REALTIME: the clock state. */
static long do_adjtimex(struct __kernel_timex *t)
{
	long err = validate(t);
	int64_t now;
	long r;

	if (err)
		return err;
	if (t->modes & ADJ_SETOFFSET)
		clock_realtime_shift(t->time.tv_sec * NSEC_PER_SEC +
				     t->time.tv_usec * ((t->modes & ADJ_NANO) ? 1 : 1000));
	mutex_lock(&ntp_lock);
	if (t->modes & ADJ_ADJTIME) {
		long long old = ntp.adjust;

		if (!(t->modes & ADJ_OFFSET_READONLY))
			ntp.adjust = t->offset;
		t->offset = old;
	} else {
		if (t->modes)
			apply(t);
		t->offset = 0; /* no phase-locked loop: no offset left to slew */
	}
	r = (ntp.status & STA_UNSYNC) ? TIME_ERROR : TIME_OK;
	t->freq = ntp.freq;
	t->maxerror = ntp.maxerror;
	t->esterror = ntp.esterror;
	t->status = ntp.status;
	t->constant = ntp.constant;
	t->precision = 1;
	t->tolerance = MAXFREQ_SCALED;
	t->tick = ntp.tick;
	t->tai = ntp.tai;
	now = clock_realtime_ns();
	t->time.tv_sec = now / NSEC_PER_SEC;
	t->time.tv_usec = (now % NSEC_PER_SEC) / ((ntp.status & STA_NANO) ? 1 : 1000);
	mutex_unlock(&ntp_lock);
	t->ppsfreq = t->jitter = t->stabil = 0;
	t->jitcnt = t->calcnt = t->errcnt = t->stbcnt = 0;
	t->shift = 0;
	return r;
}

static long adjtimex_user(uint64_t utx)
{
	struct __kernel_timex t;
	long r;

	if (copy_from_user(&t, uptr(utx), sizeof(t)))
		return -EFAULT;
	r = do_adjtimex(&t);
	if (r >= 0 && copy_to_user(uptr(utx), &t, sizeof(t)))
		return -EFAULT;
	return r;
}

long sys_adjtimex(const struct syscall_args *a)
{
	return adjtimex_user(a->arg[0]);
}

/* clock_adjtime(id, tx): only CLOCK_REALTIME adjusts; Linux's other clocks
 * (and CPU-time clocks) cannot (EOPNOTSUPP); an unknown id, or a
 * descriptor clock (no such descriptor here), is EINVAL. */
long sys_clock_adjtime(const struct syscall_args *a)
{
	int id = (int)a->arg[0];

	if (id == CLOCK_REALTIME)
		return adjtimex_user(a->arg[1]);
	if (id < 0)
		return (id & 7) == 3 ? -EINVAL : -EOPNOTSUPP;
	if (id <= CLOCK_BOOTTIME_ALARM || id == CLOCK_TAI)
		return -EOPNOTSUPP;
	return -EINVAL;
}
