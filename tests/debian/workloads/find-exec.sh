# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# find -exec and -delete
mkdir -p t/u; seq 3 > t/a; seq 5 > t/u/b
find t -type f -exec wc -l {} \; | sort
find t -type f -exec cat {} + | wc -l
find t -name b -delete; find t | sort
