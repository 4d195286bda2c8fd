# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# sqlite3 transactions, WAL and a rollback
sqlite3 db 'pragma journal_mode=wal; create table k(v); begin; insert into k values(1); commit;'
sqlite3 db 'begin; insert into k values(2); rollback; select count(*) from k;'
printf 'insert into k values(3);\nselect group_concat(v) from k;\n' | sqlite3 db
sqlite3 db 'pragma integrity_check;'
