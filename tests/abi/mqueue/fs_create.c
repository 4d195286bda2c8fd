/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Creating a file in a mounted mqueue directory makes a queue with the default attributes. */
/* abi: glibc */
#define MQ_BASE "abi_mq_fs_create"
#include "mq.h"

#include <dirent.h>
#include <sys/mount.h>

int main(void)
{
	struct mq_attr a;
	struct stat st;
	int f, n = 0;
	mqd_t q;
	DIR *d;

	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "mqueue", 0, NULL));
	f = SHOW_OK(open(QP_N(1), O_CREAT | O_EXCL | O_RDWR, 0604));
	SHOW(open(QP_N(1), O_CREAT | O_EXCL | O_RDWR, 0604));
	SHOW(fstat(f, &st));
	printf("mode %o size %lld\n", st.st_mode, (long long)st.st_size);
	q = mq_open(QS_N(1), O_RDWR);
	CHECK(q != (mqd_t)-1);
	SHOW(mq_getattr(q, &a));
	printf("maxmsg %ld msgsize %ld\n", a.mq_maxmsg, a.mq_msgsize);
	SHOW(mq_send(f, "via open", 8, 0));
	SHOW(mq_getattr(q, &a));
	printf("curmsgs %ld\n", a.mq_curmsgs);
	d = opendir("m");
	for (struct dirent *de; (de = readdir(d));)
		n += !strcmp(de->d_name, QS_N(1) + 1);
	closedir(d);
	printf("listed %d\n", n);
	SHOW(mkdir("m/sub", 0755));
	SHOW(unlink(QP_N(1)));
	close(f);
	mq_close(q);
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	return 0;
}
