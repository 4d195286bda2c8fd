/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sched_{get,set}{scheduler,param}, priority ranges, rr interval: values and errors. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

static void show_policy(void)
{
	struct sched_param sp = {.sched_priority = -1};
	long pol = syscall(SYS_sched_getscheduler, 0);

	syscall(SYS_sched_getparam, 0, &sp);
	printf("policy %ld priority %d\n", pol, sp.sched_priority);
}

int main(void)
{
	struct sched_param sp = {.sched_priority = 0};
	struct timespec ts;
	int pols[] = {SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, 4, 6, 7, 8, -1};

	for (unsigned i = 0; i < sizeof(pols) / sizeof(pols[0]); i++)
		printf("policy %d: max %ld min %ld\n", pols[i],
		       syscall(SYS_sched_get_priority_max, pols[i]),
		       syscall(SYS_sched_get_priority_min, pols[i]));
	show_policy();
	SHOW(syscall(SYS_sched_rr_get_interval, 0, &ts));
	printf("normal slice %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	SHOW(syscall(SYS_sched_setscheduler, 0, 7, &sp)); /* SCHED_EXT: no BPF scheduler */
	sp.sched_priority = 10;
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp));
	show_policy();
	SHOW(syscall(SYS_sched_rr_get_interval, 0, &ts));
	printf("fifo slice %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	sp.sched_priority = 20;
	SHOW(syscall(SYS_sched_setparam, 0, &sp));
	show_policy();
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_RR | SCHED_RESET_ON_FORK, &sp));
	show_policy();
	SHOW(syscall(SYS_sched_rr_get_interval, 0, &ts));
	printf("rr slice %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
	if (fork() == 0) {
		show_policy();
		_exit(0);
	}
	wait(NULL);
	sp.sched_priority = 0;
	SHOW(syscall(SYS_sched_setparam, 0, &sp)); /* RR needs 1..99 */
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &sp));
	show_policy();
	sp.sched_priority = 1;
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
	sp.sched_priority = 100;
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp));
	sp.sched_priority = 0;
	SHOW(syscall(SYS_sched_setscheduler, 0, 4, &sp));
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_DEADLINE, &sp));
	SHOW(syscall(SYS_sched_setscheduler, 0, -1, &sp));
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL));
	SHOW(syscall(SYS_sched_setscheduler, -1, SCHED_OTHER, &sp));
	SHOW(syscall(SYS_sched_setscheduler, 0x3fffffff, SCHED_OTHER, &sp));
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, ABI_BADPTR));
	SHOW(syscall(SYS_sched_getscheduler, -1));
	SHOW(syscall(SYS_sched_getscheduler, 0x3fffffff));
	SHOW(syscall(SYS_sched_getparam, 0, NULL));
	SHOW(syscall(SYS_sched_getparam, 0, ABI_BADPTR));
	SHOW(syscall(SYS_sched_getparam, 0x3fffffff, &sp));
	SHOW(syscall(SYS_sched_rr_get_interval, -1, &ts));
	SHOW(syscall(SYS_sched_rr_get_interval, 0, ABI_BADPTR));
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &sp));
	show_policy();
	return 0;
}
