/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mremap moving 64 pages another thread keeps writing: no write lands after it returns, the next faults at the old address. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/mman.h>

#define PAGES 64
#define SIZE  (PAGES * 4096)
static char *region;
static int rounds, fault_code;
static long fault_page = -1;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_code = si->si_code;
	__atomic_store_n(&fault_page, ((char *)si->si_addr - region) / 4096, __ATOMIC_SEQ_CST);
	for (;;)
		pause(); /* main's exit ends this thread */
}

static void *writer(void *arg)
{
	(void)arg;
	for (;;) {
		char r = (char)__atomic_load_n(&rounds, __ATOMIC_RELAXED);

		for (int i = 0; i < PAGES; i++)
			((volatile char *)region)[i * 4096] = r;
		__atomic_add_fetch(&rounds, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
	char before[PAGES], *to, *moved;
	pthread_t th;
	int same = 1;

	region = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	to = mmap(NULL, SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(region != MAP_FAILED && to != MAP_FAILED);
	sigaction(SIGSEGV, &sa, NULL);
	CHECK(pthread_create(&th, NULL, writer, NULL) == 0);
	while (__atomic_load_n(&rounds, __ATOMIC_SEQ_CST) < 3)
		usleep(1000);
	moved = mremap(region, SIZE, SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	FACT("moved to the fixed address", moved == to);
	for (int i = 0; i < PAGES; i++)
		before[i] = moved[i * 4096];
	for (int i = 0; i < 3000 && __atomic_load_n(&fault_page, __ATOMIC_SEQ_CST) < 0; i++)
		usleep(1000);
	usleep(20000);
	for (int i = 0; i < PAGES; i++)
		same &= before[i] == moved[i * 4096];
	FACT("writer faulted in the old range", fault_page >= 0 && fault_page < PAGES);
	printf("code: %s\n", abi_sicode(SIGSEGV, fault_code));
	FACT("no write landed after mremap returned", same);
	return 0;
}
