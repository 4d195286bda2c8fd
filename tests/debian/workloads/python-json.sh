# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python json, collections, re, hashlib
python3 - <<'P'
import json, collections, re, hashlib, base64
d = {"b": [1, 2, {"c": None}], "a": True, "u": "\u00e9"}
s = json.dumps(d, sort_keys=True); print(s); print(json.loads(s) == d)
json.dump(d, open("f.json", "w"), indent=2); print(json.load(open("f.json"))["b"][2])
print(collections.Counter("mississippi").most_common(2))
print(re.findall(r"\d+", "a1b22c333"), hashlib.sha256(b"abc").hexdigest()[:16])
print(base64.b64encode(b"kevlar").decode())
P
