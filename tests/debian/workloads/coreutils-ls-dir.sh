# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# ls of a directory, sorted and classified
mkdir sub; touch c a b sub/x; ln -s a l; chmod +x b
ls; ls -F; ls -r; ls -A sub
ls -1 | wc -l
