/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Pinned to each allowed CPU in turn, the vDSO's getcpu, sched_getcpu and the getcpu syscall agree. */
/* abi: glibc */
#include <sched.h>
#include "abi.h"
#include "vdso_sym.h"

typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

int main(void)
{
	getcpu_fn vgetcpu = (getcpu_fn)vdso_sym("__vdso_getcpu", "LINUX_2.6");
	cpu_set_t all, one;
	int tried = 0, agree = 0, in_set = 0, rets = 0;

	CHECK(vgetcpu != NULL);
	if (!vgetcpu || sched_getaffinity(0, sizeof(all), &all))
		return 1;
	for (int c = 0; c < CPU_SETSIZE && tried < 16; c++) {
		unsigned vc = ~0u, vn = ~0u, sc = ~0u, sn = ~0u;

		if (!CPU_ISSET(c, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(c, &one);
		if (sched_setaffinity(0, sizeof(one), &one))
			return 1;
		tried++;
		rets |= (int)vgetcpu(&vc, &vn, NULL);
		syscall(SYS_getcpu, &sc, &sn, NULL);
		agree += vc == sc && vn == sn && (int)vc == sched_getcpu();
		in_set += vc == (unsigned)c;
	}
	sched_setaffinity(0, sizeof(all), &all);
	printf("returns %d\n", rets);
	FACT("vDSO, sched_getcpu and syscall agree on every CPU", agree == tried);
	FACT("the CPU is the one pinned to", in_set == tried);
	printf("getcpu(NULL, NULL, NULL) = %ld\n", vgetcpu(NULL, NULL, NULL));
	return 0;
}
