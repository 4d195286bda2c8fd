/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/vmstat: "name value" lines carrying the counters vmstat(8) reads, in Linux's order. */
#include "abi.h"

static const char *const want[] = {
	"nr_free_pages",  "nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
	"nr_active_file", "nr_anon_pages",    "nr_mapped",	"nr_file_pages",
	"nr_dirty",	  "nr_writeback",     "nr_shmem",	"nr_page_table_pages",
	"pgpgin",	  "pgpgout",	      "pswpin",		"pswpout",
	"pgfree",	  "pgfault",	      "pgmajfault",	"oom_kill",
};

int main(void)
{
	static char buf[65536];
	int fd = open("/proc/vmstat", O_RDONLY), bad = 0, last = -1;
	struct stat st;
	size_t i;
	char *line;

	SHOW(fd >= 0);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char name[64];
		unsigned long long v;

		if (sscanf(line, "%63s %llu", name, &v) != 2)
			bad++;
		for (i = 0; i < ABI_COUNT(want); i++) {
			if (strcmp(name, want[i]))
				continue;
			printf("%s%s\n", want[i], (int)i > last ? "" : " (out of order)");
			last = (int)i;
		}
	}
	printf("malformed lines: %d\n", bad);
	SHOW(stat("/proc/vmstat", &st));
	printf("mode %o size %lld\n", st.st_mode, (long long)st.st_size);
	return 0;
}
