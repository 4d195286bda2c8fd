/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of the System V identifier table: ids, keys, reuse of slots, a stale id, the limit. */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include "ipc.h"

KTEST(sysvipc, table_ids_and_keys)
{
	struct ipc_table tab = IPC_TABLE_INIT(tab, "ktest_ipc", 2);
	struct kipc_perm a = {.key = 7}, b = {.key = 8}, c = {.key = 9};
	int old;

	mutex_lock(&tab.lock);
	KTEST_EXPECT_EQ(t, ipc_add(&tab, &a), 0);
	KTEST_EXPECT_EQ(t, ipc_add(&tab, &b), 0);
	KTEST_EXPECT_EQ(t, a.id % IPC_SEQ_MUL, 0);
	KTEST_EXPECT_EQ(t, b.id % IPC_SEQ_MUL, 1);
	KTEST_EXPECT(t, ipc_find_id(&tab, b.id) == &b);
	KTEST_EXPECT(t, ipc_find_key(&tab, 7) == &a);
	KTEST_EXPECT(t, ipc_find_key(&tab, 10) == NULL);
	KTEST_EXPECT_EQ(t, ipc_max_idx(&tab), 1);
	/* the limit, then a freed slot is reused under a new sequence number */
	KTEST_EXPECT_EQ(t, ipc_add(&tab, &c), -ENOSPC);
	old = a.id;
	ipc_remove(&tab, &a);
	KTEST_EXPECT(t, ipc_find_id(&tab, old) == NULL);
	KTEST_EXPECT(t, ipc_at(&tab, 0) == NULL);
	KTEST_EXPECT_EQ(t, ipc_add(&tab, &c), 0);
	KTEST_EXPECT_EQ(t, c.id % IPC_SEQ_MUL, 0);
	KTEST_EXPECT(t, c.id != old);
	KTEST_EXPECT(t, ipc_find_id(&tab, old) == NULL);
	KTEST_EXPECT(t, ipc_find_id(&tab, c.id) == &c);
	KTEST_EXPECT(t, ipc_find_id(&tab, -1) == NULL);
	ipc_remove(&tab, &b);
	ipc_remove(&tab, &c);
	KTEST_EXPECT_EQ(t, ipc_max_idx(&tab), -1);
	mutex_unlock(&tab.lock);
	kfree(tab.slots);
}
