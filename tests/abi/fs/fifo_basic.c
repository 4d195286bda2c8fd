/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mkfifo: a named pipe shared by every opener; O_NONBLOCK opens (ENXIO for a lone writer); data goes with the last close. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char buf[16] = "";
	struct stat st;
	int rd, wr, rw;

	SHOW(mkfifo("fifo", 0644));
	SHOW(stat("fifo", &st));
	printf("fifo: %s size %lld\n", S_ISFIFO(st.st_mode) ? "S_IFIFO" : "?",
	       (long long)st.st_size);
	SHOW(mkfifo("fifo", 0644));
	SHOW(open("fifo", O_WRONLY | O_NONBLOCK));
	rd = open("fifo", O_RDONLY | O_NONBLOCK);
	SHOW(rd >= 0);
	SHOW(read(rd, buf, sizeof(buf)));
	wr = open("fifo", O_WRONLY | O_NONBLOCK);
	SHOW(wr >= 0);
	SHOW(read(rd, buf, sizeof(buf)));
	SHOW(write(wr, "hello", 5));
	SHOW(read(rd, buf, sizeof(buf)));
	printf("read: %.5s\n", buf);
	SHOW(write(wr, "left", 4));
	close(rd);
	close(wr);
	rw = open("fifo", O_RDWR | O_NONBLOCK);
	SHOW(rw >= 0);
	SHOW(read(rw, buf, sizeof(buf)));
	SHOW(write(rw, "self", 4));
	rd = open("fifo", O_RDONLY);
	SHOW(rd >= 0);
	SHOW(read(rd, buf, sizeof(buf)));
	printf("read: %.4s\n", buf);
	SHOW(stat("fifo", &st));
	printf("fifo size while holding data: %lld\n", (long long)st.st_size);
	SHOW(unlink("fifo"));
	SHOW(write(rw, "gone", 4));
	SHOW(read(rd, buf, sizeof(buf)));
	close(rd);
	close(rw);
	return 0;
}
