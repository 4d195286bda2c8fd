# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python tempfile, tarfile, zipfile, gzip
python3 - <<'P'
import tempfile, tarfile, zipfile, gzip, os, io
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "x.txt"); open(p, "w").write("data\n" * 100)
    with tarfile.open("t.tgz", "w:gz") as t: t.add(p, arcname="x.txt")
    with zipfile.ZipFile("z.zip", "w", zipfile.ZIP_DEFLATED) as z: z.write(p, "x.txt")
print(tarfile.open("t.tgz").getnames(), zipfile.ZipFile("z.zip").read("x.txt")[:5])
print(len(gzip.decompress(gzip.compress(b"a" * 1000))))
print(os.path.exists(d))
P
