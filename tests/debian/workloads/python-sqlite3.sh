# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python sqlite3 module on a file
python3 - <<'P'
import sqlite3
c = sqlite3.connect("db.sqlite")
c.execute("create table t (k text primary key, v int)")
c.executemany("insert into t values (?, ?)", [("a", 1), ("b", 2), ("c", 3)])
c.commit(); c.close()
c = sqlite3.connect("db.sqlite")
print(c.execute("select sum(v), group_concat(k) from t").fetchone())
P
