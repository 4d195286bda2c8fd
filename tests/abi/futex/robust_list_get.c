/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: set_robust_list's length check; get_robust_list for self, another process, ESRCH, EPERM, EFAULT. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>

static long get(int pid, void *head, void *len)
{
	return syscall(SYS_get_robust_list, pid, head, len);
}

int main(void)
{
	static struct robust_list_head head;
	struct robust_list_head *got = NULL;
	size_t len = 0;
	pid_t pid;

	head.list.next = &head.list;
	SHOW(syscall(SYS_set_robust_list, &head, sizeof(head) - 1));
	SHOW(syscall(SYS_set_robust_list, &head, sizeof(head) + 1));
	SHOW(syscall(SYS_set_robust_list, &head, sizeof(head)));
	SHOW(get(0, &got, &len));
	FACT("head is ours", got == &head);
	printf("len = %zu\n", len);
	SHOW(get(getpid(), &got, &len));
	FACT("head is ours", got == &head);
	SHOW(get(0x3ffffff0, &got, &len));
	SHOW(get(-1, &got, &len));
	SHOW(get(0, ABI_BADPTR, &len));
	SHOW(get(0, &got, ABI_BADPTR));
	/* any pointer is accepted, even NULL */
	SHOW(syscall(SYS_set_robust_list, NULL, sizeof(head)));
	SHOW(get(0, &got, &len));
	FACT("head is NULL", got == NULL);
	SHOW(syscall(SYS_set_robust_list, &head, sizeof(head)));
	pid = fork();
	if (pid == 0) {
		/* another process, same user: allowed; then as another user: EPERM */
		long r1 = get(getppid(), &got, &len);
		int same = got == &head;
		long r2 = (setgid(65534), setuid(65534), get(getppid(), &got, &len));

		_exit(r1 == 0 && same && r2 == -1 && errno == EPERM ? 0 : 1);
	}
	abi_wait_child("reader", pid);
	return 0;
}
