/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/kmsg: one record per read ("prio,seq,usec,-;text"), EINVAL, EAGAIN, lseek, escapes. */
/* abi: glibc */
/* abi: serial: the kernel log is the host's: another test's records would come between */
#include "abi.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(void)
{
	int rd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), wr = open("/dev/kmsg", O_WRONLY);
	unsigned long long prio, seq, seq2, usec;
	char buf[2048], small[8], *text;
	struct stat st;
	ssize_t n;

	CHECK(rd >= 0 && wr >= 0);
	SHOW(fstat(rd, &st));
	printf("chr %d, rdev %u:%u, mode %o\n", S_ISCHR(st.st_mode), major(st.st_rdev),
	       minor(st.st_rdev), st.st_mode & 0777);
	SHOW(lseek(rd, 0, SEEK_END));
	SHOW(read(rd, buf, sizeof(buf)));
	SHOW(write(wr, "<7>kmsg-mark \\ \x01\tend\n", 21));
	SHOW(write(wr, "<30>kmsg-mark second\n", 21));
	n = read(rd, buf, sizeof(buf) - 1);
	CHECK(n > 0);
	buf[n > 0 ? n : 0] = '\0';
	text = strchr(buf, ';');
	CHECK(sscanf(buf, "%llu,%llu,%llu,", &prio, &seq, &usec) == 3 && text);
	printf("prio %llu, flags %.1s, text %s", prio, text ? text - 1 : "", text ? text + 1 : "");
	n = read(rd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(sscanf(buf, "%llu,%llu,", &prio, &seq2) == 2);
	printf("prio %llu, next seq: %s, text %s", prio, seq2 == seq + 1 ? "yes" : "no",
	       n > 0 ? strchr(buf, ';') + 1 : "\n");
	SHOW(read(rd, buf, sizeof(buf)));
	/* a buffer too small: EINVAL, and the record is skipped */
	SHOW(write(wr, "<7>kmsg-mark third\n", 19));
	SHOW(read(rd, small, sizeof(small)));
	SHOW(read(rd, buf, sizeof(buf)));
	SHOW(lseek(rd, 1, SEEK_SET));
	SHOW(lseek(rd, 0, 99));
	SHOW(lseek(rd, 0, SEEK_SET));
	FACT("a record after SEEK_SET", read(rd, buf, sizeof(buf)) > 0);
	SHOW(lseek(rd, 0, SEEK_DATA));
	memset(buf, 0, sizeof(buf));
	SHOW(write(wr, buf, 2000));
	close(rd);
	close(wr);
	return 0;
}
