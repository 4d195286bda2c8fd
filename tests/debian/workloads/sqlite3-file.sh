# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# sqlite3 CLI on a file: schema, inserts, queries
sqlite3 db 'create table t(id integer primary key, name text, n int);'
for i in 1 2 3 4 5; do sqlite3 db "insert into t(name, n) values ('row$i', $((i * i)));"; done
sqlite3 db 'select count(*), sum(n) from t;'
sqlite3 -header -column db 'select * from t where n > 4 order by n desc;'
sqlite3 db .schema
