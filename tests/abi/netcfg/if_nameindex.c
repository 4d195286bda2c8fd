/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The libc's interface-name functions (rtnetlink and ioctls underneath): lo is index 1 both ways; an unknown name is 0 with ENODEV. */
#include "nc.h"

int main(void)
{
	char name[IF_NAMESIZE];
	struct if_nameindex *ni = if_nameindex(), *i;
	int lo = 0;
	unsigned idx;

	printf("if_nametoindex(lo) = %u\n", if_nametoindex("lo"));
	printf("if_indextoname(1) = %s\n", if_indextoname(1, name) ? name : "NULL");
	errno = 0;
	idx = if_nametoindex("nosuchif0");
	printf("if_nametoindex(nosuchif0) = %u %s\n", idx, errno ? abi_errname(errno) : "0");
	if (!ni)
		return printf("if_nameindex: %s\n", abi_errname(errno)), 0;
	for (i = ni; i->if_index; i++)
		if (!strcmp(i->if_name, "lo"))
			lo = (int)i->if_index;
	printf("if_nameindex: lo at %d\n", lo);
	if_freenameindex(ni);
	return 0;
}
