/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_ATTACH_FILTER on a packet socket: what the classic checker refuses (EINVAL), EFAULT, detach, SO_LOCK_FILTER. */
#include "packet_util.h"

static int attach(int fd, struct sock_filter *f, unsigned n)
{
	struct sock_fprog p = {.len = (unsigned short)n, .filter = f};

	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &p, sizeof(p));
}

int main(void)
{
	struct sock_filter ok[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 9),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 17, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter bad[4];
	struct sock_fprog p = {.len = 4, .filter = ok};
	int fd, v = 0;

	packet_netns();
	fd = SHOW(socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof(v)));
	SHOW(attach(fd, ok, 0));
	SHOW(attach(fd, ok, 4097));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &p, sizeof(p) - 1));
	SHOW(attach(fd, ABI_BADPTR, 4));
	memcpy(bad, ok, sizeof(ok));
	bad[1].jf = 2; /* past the end */
	SHOW(attach(fd, bad, 4));
	memcpy(bad, ok, sizeof(ok));
	bad[3] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_IMM, 0); /* does not end in RET */
	SHOW(attach(fd, bad, 4));
	bad[3] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_X, 0);
	SHOW(attach(fd, bad, 4));
	memcpy(bad, ok, sizeof(ok));
	bad[0].code = 0xffff;
	SHOW(attach(fd, bad, 4));
	bad[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_MEM, 2); /* never stored */
	SHOW(attach(fd, bad, 4));
	bad[0] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0);
	SHOW(attach(fd, bad, 4));
	bad[0] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + 2);
	SHOW(attach(fd, bad, 4));
	SHOW(attach(fd, ok, 4));
	SHOW(attach(fd, ok, 4)); /* replaces it */
	SHOW(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof(v)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof(v)));
	SHOW(attach(fd, ok, 4));
	v = 1;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &v, sizeof(v)));
	SHOW(getsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &v, &(socklen_t){sizeof(v)}));
	printf("locked %d\n", v);
	SHOW(attach(fd, ok, 4));
	SHOW(attach(fd, bad, 4)); /* the lock comes before the check */
	SHOW(attach(fd, ok, 0));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof(v)));
	v = 0;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &v, sizeof(v)));
	v = 1;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &v, sizeof(v)));
	SHOW(close(fd));
	return 0;
}
