# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# sed -i edits a file in place
printf 'a=1\nb=2\nc=3\n' > conf
sed -i 's/b=2/b=20/' conf; cat conf
sed -i.bak '/^a/d' conf; cat conf; cat conf.bak
ls
