/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of an eventfd: the counter (padded hex), its id, the semaphore mode. */
/* abi: glibc */
#include "fdinfo.h"
#include <stdint.h>
#include <sys/eventfd.h>

int main(void)
{
	uint64_t v = 0x123456789aull;
	int a, b, ida = -1, idb = -1;

	SHOW(a = eventfd(5, EFD_CLOEXEC | EFD_NONBLOCK));
	fdinfo_print(a, "eventfd-id:");
	sscanf(fdinfo_line("eventfd-id:") ? fdinfo_line("eventfd-id:") : "", "eventfd-id: %d",
	       &ida);
	SHOW(write(a, &v, sizeof(v)));
	fdinfo_print(a, "eventfd-id:");
	SHOW(read(a, &v, sizeof(v)));
	fdinfo_print(a, "eventfd-id:");
	SHOW(b = eventfd(3, EFD_SEMAPHORE));
	fdinfo_print(b, "eventfd-id:");
	sscanf(fdinfo_line("eventfd-id:") ? fdinfo_line("eventfd-id:") : "", "eventfd-id: %d",
	       &idb);
	SHOW(read(b, &v, sizeof(v)));
	fdinfo_print(b, "eventfd-id:");
	FACT("ids are numbers and differ", ida >= 0 && idb >= 0 && ida != idb);
	return 0;
}
