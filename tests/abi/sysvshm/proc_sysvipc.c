/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sysvipc/{shm,sem,msg}: Linux's header lines, and a line for each object in its columns. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

/* Print the header and the line of object `id` as "end:token" pairs (the
 * column each token ends in), the varying tokens (ids, pids, times) as *. */
static void show(const char *file, int id, unsigned hide)
{
	char buf[65536], *line, *save;
	FILE *f = fopen(file, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int key, lid, col = 0, tok = 0;

		if (line == buf) {
			printf("%s\n", line);
			continue;
		}
		if (sscanf(line, "%d %d", &key, &lid) != 2 || lid != id)
			continue;
		while (line[col]) {
			int start;

			while (line[col] == ' ')
				col++;
			start = col;
			while (line[col] && line[col] != ' ')
				col++;
			printf("%d:%.*s ", col, (hide >> tok & 1) ? 1 : col - start,
			       (hide >> tok & 1) ? "*" : line + start);
			tok++;
		}
		printf("\n");
	}
}

int main(void)
{
	int shm = shmget(IPC_PRIVATE, 5000, 0640), sem = semget(IPC_PRIVATE, 3, 0604);
	int msg = msgget(IPC_PRIVATE, 0620);
	struct {
		long t;
		char x[10];
	} m = {1, "123456789"};
	struct sembuf op = {1, 1, 0};
	char *a = shmat(shm, NULL, 0);

	a[0] = 1;
	semop(sem, &op, 1);
	msgsnd(msg, &m, 10, 0);
	msgsnd(msg, &m, 5, 0);
	show("/proc/sysvipc/shm", shm, 0x3fb2); /* id, pids, ids, times */
	show("/proc/sysvipc/sem", sem, 0x3f2);
	show("/proc/sysvipc/msg", msg, 0x3fe2);
	shmdt(a);
	shmctl(shm, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	msgctl(msg, IPC_RMID, NULL);
	return 0;
}
