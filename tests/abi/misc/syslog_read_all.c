/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* syslog READ_ALL after CLEAR: records written to /dev/kmsg, as "<prio>[time] text". */
/* abi: glibc */
/* abi: serial: reads the host's whole kernel log */
#include "abi.h"

#include <sys/klog.h>

/* Print the records of buf that carry our marker, without the time stamp. */
static void show_marked(const char *buf, long n)
{
	for (long i = 0; i < n;) {
		const char *line = buf + i, *nl = memchr(line, '\n', (size_t)(n - i));
		const char *close = memchr(line, ']', (size_t)(nl - line));
		long len = nl ? nl - line : n - i;

		if (memmem(line, (size_t)len, "abi-mark", 8) && close)
			printf("%.*s%.*s\n", (int)(strchr(line, '>') + 1 - line), line,
			       (int)(nl - close - 1), close + 1);
		i += len + 1;
	}
}

int main(void)
{
	static char buf[1 << 17];
	int fd = open("/dev/kmsg", O_WRONLY);
	long n;

	CHECK(fd >= 0);
	SHOW(klogctl(5, NULL, 0)); /* CLEAR */
	SHOW(write(fd, "<7>abi-mark one\n", 16));
	SHOW(write(fd, "<31>abi-mark two\n", 17)); /* daemon.debug */
	SHOW(write(fd, "<7>abi-mark a\tb\n", 16));
	n = klogctl(3, buf, sizeof(buf));
	FACT("read_all > 0", n > 0);
	show_marked(buf, n);
	FACT("starts with <", n > 0 && buf[0] == '<');
	FACT("ends with newline", n > 0 && buf[n - 1] == '\n');
	n = klogctl(4, buf, sizeof(buf)); /* READ_CLEAR */
	FACT("read_clear > 0", n > 0);
	n = klogctl(3, buf, sizeof(buf));
	printf("after READ_CLEAR:\n");
	show_marked(buf, n);
	SHOW(write(fd, "<7>abi-mark three\n", 18));
	n = klogctl(3, buf, sizeof(buf));
	show_marked(buf, n);
	close(fd);
	return 0;
}
