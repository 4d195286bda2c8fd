# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# chmod symbolic and octal, stat shows it
touch f; chmod 0 f; stat -c %a f
chmod u+rwx,g+rx,o+r f; stat -c '%a %A' f
chmod -R 700 .; stat -c %a f
mkdir d; chmod g+s d; stat -c %A d
