/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The mqueue filesystem lists the queues as files; unlink(2) there is mq_unlink. */
/* abi: glibc */
#define MQ_BASE "abi_mq_fs_mount"
#include "mq.h"

#include <dirent.h>
#include <sys/mount.h>
#include <sys/statfs.h>

int main(void)
{
	struct stat st;
	struct statfs sf;
	char buf[128];
	mqd_t a, b;
	int f;

	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "mqueue", 0, NULL));
	a = mq_open(QS_N(1), O_RDWR | O_CREAT | O_EXCL, 0640, NULL);
	b = mq_open(QS_N(2), O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	CHECK(a != (mqd_t)-1 && b != (mqd_t)-1);
	SHOW(mq_send(a, "xyz", 3, 0));
	SHOW(stat("m", &st));
	printf("dir mode %o\n", st.st_mode);
	SHOW(statfs("m", &sf));
	printf("magic %#lx\n", (unsigned long)sf.f_type);
	SHOW(stat(QP_N(1), &st));
	printf("file mode %o size %lld\n", st.st_mode, (long long)st.st_size);
	f = SHOW_OK(open(QP_N(1), O_RDONLY));
	ssize_t n = SHOW(read(f, buf, sizeof(buf) - 1));
	printf("%.*s", n > 0 ? (int)n : 0, buf);
	close(f);
	SHOW(stat(QP_N(3), &st));
	SHOW(unlink(QP_N(2)));
	SHOW(mq_open(QS_N(2), O_RDWR));
	SHOW(unlink(QP_N(2)));
	SHOW(mq_unlink(QS_N(1)));
	SHOW(stat(QP_N(1), &st));
	mq_close(a);
	mq_close(b);
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	return 0;
}
