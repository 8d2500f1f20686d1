"""Schemathesis hooks for LAPOR! (loaded by scripts/schemathesis.sh).

What the OpenAPI document states in words but JSON Schema cannot express:

* `format: tracking-number`: 12 digits whose last is a Damm check digit over
  the other 11 (separators allowed); the pattern says the shape, this says
  which numbers are numbers at all.
* The body of `POST /api/v1/attachments`: a well-formed photo or PDF,
  recognised by content. Random bytes are not a file.
"""

import struct
import zlib

import schemathesis
from hypothesis import strategies as st

DAMM = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
]


def damm(digits):
    interim = 0
    for d in digits:
        interim = DAMM[interim][d]
    return interim


@st.composite
def tracking_numbers(draw):
    digits = draw(st.lists(st.integers(0, 9), min_size=11, max_size=11))
    digits.append(damm(digits))
    plain = "".join(map(str, digits))
    sep = draw(st.sampled_from(["", "", "-", " ", "."]))
    if not sep:
        return plain
    return sep.join(plain[i : i + 4] for i in range(0, 12, 4))


schemathesis.openapi.format("tracking-number", tracking_numbers())


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@st.composite
def pngs(draw):
    w = draw(st.integers(1, 8))
    h = draw(st.integers(1, 8))
    rows = b"".join(b"\0" + draw(st.binary(min_size=3 * w, max_size=3 * w)) for _ in range(h))
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    if draw(st.booleans()):
        out += png_chunk(b"tEXt", b"Comment\0" + draw(st.binary(max_size=40)).replace(b"\0", b" "))
    out += png_chunk(b"IDAT", zlib.compress(rows))
    out += png_chunk(b"IEND", b"")
    if draw(st.booleans()):
        out += draw(st.binary(max_size=16))  # a trailer some phones append
    return out


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


@st.composite
def jpegs(draw):
    out = b"\xff\xd8" + segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")
    if draw(st.booleans()):
        out += segment(0xE1, b"Exif\0\0" + draw(st.binary(max_size=60)))
    if draw(st.booleans()):
        out += segment(0xFE, draw(st.binary(max_size=30)))
    out += segment(0xDB, b"\0" + bytes(range(1, 65)))
    out += segment(0xC0, b"\x08\0\x08\0\x08\x01\x01\x11\0")
    out += segment(0xDA, b"\x01\x01\0\0\x3f\0")
    data = draw(st.binary(min_size=1, max_size=64)).replace(b"\xff", b"\xff\x00")
    return out + data + b"\xff\xd9"


schemathesis.openapi.media_type("application/octet-stream", st.one_of(pngs(), jpegs()))


# --- Valid data needs the server's lists ----------------------------------
#
# The document names, in words, what only the server's data decides: region
# codes that exist and nest (a regency of the province, …), categories and
# agencies that exist, uploads and practice sessions of this client, a report
# this officer may see, "not after today", a user name not taken yet. JSON
# Schema has no words for "one of the rows of this table" or "this field
# under that one", so the generator's valid (positive) cases are given such
# values here, from the lists the server publishes and the region files the
# server embeds. Invalid (negative) cases are left as generated.

import csv
import hashlib
import datetime
import json
import os
import random
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.environ.get("LAPOR_BASE", "http://127.0.0.1:8080")
# The demo coordinator's jurisdiction: West Kalimantan.
AREA = "61"
RNG = random.Random(20261123)


def _codes(name, parent_column):
    with open(os.path.join(ROOT, "data", "wilayah", name), newline="", encoding="utf-8") as f:
        return [(row["code"], row[parent_column]) for row in csv.DictReader(f) if row["code"].startswith(AREA + ".")]


REGENCIES = [c for c, _ in _codes("regencies.csv", "province_code")]
DISTRICTS = {}
for code, parent in _codes("districts.csv", "regency_code"):
    DISTRICTS.setdefault(parent, []).append(code)
VILLAGES = {}
for code, parent in _codes("villages.csv", "district_code"):
    VILLAGES.setdefault(parent, []).append(code)
REGENCIES = [r for r in REGENCIES if DISTRICTS.get(r)]


def _get(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as r:
            return json.load(r)
    except Exception:
        return None


CATEGORIES = [c["id"] for c in (_get("/api/v1/categories") or [])] or [1]
AGENCIES = [a["id"] for a in (_get("/api/v1/agencies") or []) if a.get("region_code", "").startswith(AREA + ".")] or [1]
REPORTS = [r["tracking_number"] for r in ((_get("/api/v1/public/reports?province=61&limit=50") or {}).get("items") or [])]


def today():
    """The server's day (WIB)."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


def _date(s):
    try:
        return datetime.date.fromisoformat(s.strip()) if isinstance(s, str) and s.strip() else None
    except ValueError:
        return None


def _blank(v):
    return v is None or (isinstance(v, str) and not v.strip())


def place():
    regency = RNG.choice(REGENCIES)
    district = RNG.choice(DISTRICTS[regency])
    village = RNG.choice(VILLAGES.get(district) or [""])
    return regency, district, village


def fix_report(r, received=None):
    """A new report's fields that depend on the server's lists and today."""
    if not isinstance(r, dict):
        return
    regency, district, village = place()
    r["province_code"] = AREA
    r["regency_code"] = regency
    if not _blank(r.get("district_code")):
        r["district_code"] = district
        if not _blank(r.get("village_code")):
            r["village_code"] = village
    if r.get("category_id") is not None:
        r["category_id"] = RNG.choice(CATEGORIES)
    if r.get("target_agency_id") is not None:
        r["target_agency_id"] = RNG.choice(AGENCIES)
    r["attachments"] = []
    r.pop("practice_code", None)
    latest = received or today()
    incident = _date(r.get("incident_date"))
    if (r.get("kind", "pengaduan") == "pengaduan" and _blank(r.get("incident_date"))) or (incident and incident > latest):
        r["incident_date"] = (latest - datetime.timedelta(days=3)).isoformat()
    if not r.get("anonymous"):
        if _blank(r.get("reporter_name")):
            r["reporter_name"] = "Warga Sanggau"
        if _blank(r.get("reporter_phone")) and _blank(r.get("reporter_email")):
            r["reporter_phone"] = "0812-3456-7890"
    if len(str(r.get("reporter_email", "")).strip().encode()) > 254:
        r["reporter_email"] = "warga@contoh.id"


def fix_key(r, whole):
    """An idempotency key of this body alone: a resent case is a retry (the
    first receipt, 200), and no two bodies share a key (which is a 422)."""
    if isinstance(r, dict) and r.get("idempotency_key") is not None:
        r["idempotency_key"] = None
        r["idempotency_key"] = hashlib.sha256(json.dumps(whole, sort_keys=True).encode()).hexdigest()[:40]


def fix_intake(b):
    if not isinstance(b, dict):
        return
    if b.get("channel") == "web":
        b["channel"] = "surat"
    received = _date(b.get("received_date"))
    if received is None or received > today() or (today() - received).days > 90:
        received = today() - datetime.timedelta(days=5)
        b["received_date"] = received.isoformat()
    fix_report(b.get("report"), received)
    fix_key(b.get("report"), b)


def fix_regions(q, keys):
    """Region filters: the given ones, real and nested (the narrowest wins)."""
    if not isinstance(q, dict):
        return
    regency, district, _ = place()
    real = {"province": AREA, "regency": regency, "district": district}
    for k in keys:
        if not _blank(q.get(k)):
            q[k] = real[k]


def fix_recap(q):
    if not isinstance(q, dict):
        return
    fix_regions(q, ("province", "regency"))
    to = _date(q.get("to")) if not _blank(q.get("to")) else today()
    frm = _date(q.get("from")) if not _blank(q.get("from")) else (to.replace(day=1) if to else None)
    if to is None or frm is None or frm > to or (to - frm).days > 5 * 366:
        q.pop("from", None)
        q.pop("to", None)


def fix_archive(b):
    if isinstance(b, dict) and b.get("reason") == "duplicate" and REPORTS:
        b["duplicate_of"] = RNG.choice(REPORTS)
    if isinstance(b, dict) and "ids" in b and isinstance(b["ids"], list) and len(b["ids"]) > 100:
        b["ids"] = b["ids"][:100]


def fix_action(b):
    if not isinstance(b, dict):
        return
    if "agency_id" in b:
        b["agency_id"] = RNG.choice(AGENCIES)
    if "category_id" in b:
        b["category_id"] = RNG.choice(CATEGORIES)
    if b.get("action") == "archive":
        fix_archive(b)
    if b.get("action") == "set_flags" and not (b.get("anonymous") or b.get("confidential")):
        b["anonymous"] = True
    if b.get("action") == "respond":
        b["attachments"] = []
        b.pop("draft_id", None)


def fix_agency(b):
    if not isinstance(b, dict):
        return
    b["category_ids"] = [RNG.choice(CATEGORIES)]
    regency, district, village = place()
    level = b.get("level")
    codes = {"provinsi": AREA, "kabupaten": regency, "kecamatan": district, "desa": village}
    if level not in codes or not codes[level]:
        b["level"], level = "kabupaten", "kabupaten"
    b["region_code"] = codes[level]
    # Kept active: a valid report may name any agency of the lists read at
    # the start, and one deactivated meanwhile is rightly refused.
    if "active" in b:
        b["active"] = True


def fix_account(b, creating):
    if not isinstance(b, dict):
        return
    if creating:
        b["username"] = "st-" + uuid.uuid4().hex[:12]
    if b.get("role") == "agency_admin" and b.get("agency_id") is None or "agency_id" in b and b.get("agency_id") is not None:
        b["agency_id"] = RNG.choice(AGENCIES)
    if b.get("role") in ("coordinator", "supervisor") and not _blank(b.get("jurisdiction")):
        b["jurisdiction"] = AREA


FIXES = {
    ("POST", "/api/v1/reports"): lambda c: (fix_report(c.body), fix_key(c.body, c.body)),
    ("POST", "/api/v1/admin/reports"): lambda c: fix_intake(c.body),
    ("GET", "/api/v1/public/reports"): lambda c: fix_regions(c.query, ("province", "regency", "district")),
    ("GET", "/api/v1/admin/reports"): lambda c: fix_regions(c.query, ("province", "regency", "district")),
    ("GET", "/api/v1/admin/recap"): lambda c: fix_recap(c.query),
    ("POST", "/api/v1/admin/reports/archive"): lambda c: fix_archive(c.body),
    ("POST", "/api/v1/admin/reports/{id}/actions"): lambda c: fix_action(c.body),
    ("POST", "/api/v1/admin/practice/{id}/reports/{report_id}"): lambda c: fix_action(c.body),
    ("POST", "/api/v1/admin/agencies"): lambda c: fix_agency(c.body),
    ("PUT", "/api/v1/admin/agencies/{id}"): lambda c: fix_agency(c.body),
    ("POST", "/api/v1/admin/users"): lambda c: fix_account(c.body, True),
    ("PUT", "/api/v1/admin/users/{id}"): lambda c: fix_account(c.body, False),
}


def whole_numbers(v):
    """The API's integers are written as integers (`1`, never `1.0`, which
    JSON Schema counts as an integer too but the server reads as a float)."""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**63:
        return int(v)
    if isinstance(v, dict):
        return {k: whole_numbers(x) for k, x in v.items()}
    if isinstance(v, list):
        return [whole_numbers(x) for x in v]
    return v


@schemathesis.hook
def map_case(ctx, case):
    meta = getattr(case, "meta", None)
    if meta is None or not meta.generation.mode.is_positive:
        return case
    if isinstance(case.body, (dict, list)):
        case.body = whole_numbers(case.body)
    if isinstance(case.query, dict):
        case.query = whole_numbers(case.query)
    fix = FIXES.get((ctx.operation.method.upper(), ctx.operation.path))
    if fix is not None:
        fix(case)
    return case


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """The stateful phase fills fields from earlier answers after `map_case`
    (an agency's `level`, say): the region code is matched to the level sent."""
    meta = getattr(case, "meta", None)
    if meta is None or not meta.generation.mode.is_positive:
        return
    if ctx.operation.path.startswith("/api/v1/admin/agencies") and ctx.operation.method.upper() in ("POST", "PUT"):
        fix_agency(case.body)
