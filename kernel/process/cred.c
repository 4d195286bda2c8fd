/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The caller's credentials as permission checks ask about them
 * (kernel/cred.h): a capability in the effective set, membership of a
 * group through fsgid or the supplementary list.
 */
#include <kernel/cred.h>
#include <kernel/process.h>

bool process_capable(const struct process *p, int cap)
{
	return cap >= 0 && cap < 64 && (p->attrs.cap_eff >> cap & 1);
}

bool capable(int cap)
{
	return process_capable(current_process(), cap);
}

bool in_group(uint32_t gid)
{
	const struct process *p = current_process();

	return gid == p->fsgid || groups_contain(p->groups, gid);
}
