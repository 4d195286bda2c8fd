# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python file I/O, os and pathlib on tmpfs
python3 - <<'P'
import os, pathlib, shutil
p = pathlib.Path("d"); p.mkdir()
(p / "a.txt").write_text("hello\n"); (p / "b.bin").write_bytes(bytes(range(256)))
print(sorted(x.name for x in p.iterdir()))
print((p / "a.txt").read_text(), end="")
st = os.stat(p / "b.bin"); print(st.st_size, oct(st.st_mode & 0o777))
os.rename(p / "a.txt", p / "c.txt"); os.symlink("c.txt", p / "l")
print(os.readlink(p / "l"), os.path.islink(p / "l"), sorted(os.listdir(p)))
with open(p / "c.txt", "a") as f: f.write("more\n")
with open(p / "c.txt") as f: f.seek(6); print(f.read(), end="")
shutil.copytree(p, "e"); shutil.rmtree(p); print(sorted(os.listdir(".")), sorted(os.listdir("e")))
P
