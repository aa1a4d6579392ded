"""Uploading, reading and listing imports through the real API on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from modules.marketplace.service import clean_filename
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.marketplace.uploads import IMPORTS, get, imported, upload

GOOD = (
    "\ufeff SKU ,Title, Price ,Quantity,Colour\r\n"  # BOM, any case, padded names, an unknown column
    "MUG-1,Blue mug,12.34,5,blue\r\n"
    "MUG-2,Red mug,12.3,,red\r\n"  # empty quantity: none (not 0)
    '"TEA.3","Teapot, large",12,1000000,\r\n'  # quoted cells, a comma inside, the largest quantity
    "\r\n"  # blank lines are skipped and not counted
    "cup_4,  Cup  ,0.07,0,\r\n"
)

BAD = (
    "sku,title,price,quantity\n"
    "A1,Fine,1.00,1\n"  # line 2: staged
    ",No sku,1.00,1\n"  # line 3
    "B2,,1.005,-1\n"  # line 4: three problems
    "A1,Again,2.00,1\n"  # line 5: duplicate of line 2
    "C 3,Spaced sku,1,1\n"  # line 6
    'D4,Comma,"1,234.50",1\n'  # line 7
    "E5,Minus,-3,1\n"  # line 8
    "F6,Not a number,NaN,x\n"  # line 9
    "G7,Too much,10000000.01,1000001\n"  # line 10
    'H8,"Two\nlines",1,1\n'  # lines 11-12: reported on the line where the row starts
    "I9,Short row,1\n"  # line 13
    "J10,Fine too,999999.99,2.5\n"  # line 14: only the quantity is wrong
    "K11,Last,10000000.00,7\n"  # line 15: staged, the largest price
)


def test_a_good_file_is_staged_with_exact_counts_and_cents(api: Api, world: dict) -> None:
    job = imported(api, world["acme_owner"], GOOD.encode(), filename="spring.csv")
    assert job == {
        "id": job["id"],
        "vendor_id": world["acme"],
        "filename": "spring.csv",
        "status": "completed",
        "rows_total": 4,
        "rows_valid": 4,
        "rows_invalid": 0,
        "error": None,
        "created_at": "2026-06-15T12:00:00Z",
        "finished_at": "2026-06-15T12:00:00Z",
        "approved_at": None,
        "stock_rows_set": None,
        "approval_note": None,
    }
    rows = get(api, world["acme_owner"], f"/{job['id']}/rows")
    assert [(r["line"], r["sku"], r["title"], r["price_cents"], r["quantity"]) for r in rows["items"]] == [
        (2, "MUG-1", "Blue mug", 1234, 5),
        (3, "MUG-2", "Red mug", 1230, None),
        (4, "TEA.3", "Teapot, large", 1200, 1_000_000),
        (6, "cup_4", "Cup", 7, 0),  # line 5 is blank
    ]
    assert {(r["status"], r["product_id"]) for r in rows["items"]} == {("staged", None)}
    assert get(api, world["acme_owner"], f"/{job['id']}/errors") == {
        "items": [],
        "total": 0,
        "limit": 20,
        "offset": 0,
    }
    assert get(api, world["acme_owner"], f"/{job['id']}") == job


def test_bad_rows_are_listed_with_their_line_and_reason(api: Api, world: dict) -> None:
    job = imported(api, world["acme_owner"], BAD)
    assert (job["status"], job["rows_total"], job["rows_valid"], job["rows_invalid"]) == (
        "completed",
        13,
        2,
        11,
    )
    errors = get(api, world["acme_owner"], f"/{job['id']}/errors", limit=100)
    assert [(e["line"], e["reason"]) for e in errors["items"]] == [
        (3, "sku is empty"),
        (4, "title is empty"),
        (4, "price has more than 2 decimals"),
        (4, "quantity must not be negative"),
        (5, "duplicate sku, first seen on line 2"),
        (6, "sku may hold only letters, digits, '.', '_' and '-'"),
        (7, "price must be plain digits with a dot for cents, no thousands separators: 1234.50"),
        (8, "price must not be negative"),
        (9, "price must be a finite number"),
        (9, "quantity is not a whole number"),
        (10, "price is above the maximum of 10000000.00"),
        (10, "quantity is above the maximum of 1000000"),
        (11, "title contains a line break or another control character"),
        (13, "the row has 3 cells but the header has 4"),
        (14, "quantity is not a whole number"),
    ]
    assert errors["total"] == 15
    rows = get(api, world["acme_owner"], f"/{job['id']}/rows")["items"]
    assert [(r["line"], r["sku"], r["price_cents"], r["quantity"]) for r in rows] == [
        (2, "A1", 100, 1),
        (15, "K11", 1_000_000_000, 7),
    ]
    page = get(api, world["acme_owner"], f"/{job['id']}/errors", limit=2, offset=3)
    assert [(e["line"], e["reason"]) for e in page["items"]] == [
        (4, "quantity must not be negative"),
        (5, "duplicate sku, first seen on line 2"),
    ]
    assert (page["total"], page["limit"], page["offset"]) == (15, 2, 3)


TOO_MANY = "sku,title,price\n" + "".join(f"S{n},T,1\n" for n in range(10_001))
EXACTLY_ENOUGH = "sku,title,price\n" + "".join(f"S{n},T,1\n" for n in range(10_000))


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            b"sku,title,price\nA,Caf\xe9,1\n",
            "the file is not UTF-8 text (line 2, byte 22); save it as 'CSV UTF-8'",
        ),
        (
            "sku,title,price\n".encode("utf-16"),
            "the file contains NUL bytes: it is not CSV text; save it as 'CSV UTF-8'",
        ),
        (
            b"sku,title,price\nA,B\x00C,1\n",
            "the file contains NUL bytes: it is not CSV text; save it as 'CSV UTF-8'",
        ),
        (b"\xef\xbb\xbf\n\n , \n", "the file is empty: it needs a header row naming sku, title and price"),
        (b"sku,title,price\n\n", "the file has a header row but no data rows"),
        (
            b"sku,name,price\nA,B,1\n",
            "the header lacks the required column(s) title; "
            "it must name sku, title and price, and may name quantity",
        ),
        (
            b"sku;title;price\nA;B;1\n",
            "the header lacks the required column(s) sku, title, price (the file must be comma-separated); "
            "it must name sku, title and price, and may name quantity",
        ),
        (b"sku,title,price,SKU\nA,B,1,A\n", "the header names the column 'sku' twice"),
        (
            b'sku,title,price\nA,B,1\nC,"D,1\n',
            "the CSV is malformed in the row starting on line 3: unexpected end of data",
        ),
        (
            b'sku,title,price\nA,"B"x,1\n',
            "the CSV is malformed in the row starting on line 2: ',' expected after '\"'",
        ),
        (TOO_MANY.encode(), "the file has more than 10000 data rows; split it"),
        (
            b"sku,title,price\nA,B,1\nC," + b"d" * 200_000 + b",1\n",
            "the CSV is malformed in the row starting on line 3: field larger than field limit (131072)",
        ),
    ],
    ids=[
        "latin-1",
        "utf-16",
        "nul",
        "blank",
        "header-only",
        "missing-column",
        "semicolons",
        "twice",
        "open-quote",
        "stray-quote",
        "too-many-rows",
        "huge-cell",
    ],
)
def test_an_unusable_file_fails_the_job_with_the_reason(
    api: Api, world: dict, content: bytes, error: str
) -> None:
    job = imported(api, world["acme_owner"], content)
    assert (job["status"], job["error"], job["finished_at"]) == ("failed", error, "2026-06-15T12:00:00Z")
    assert (job["rows_total"], job["rows_valid"], job["rows_invalid"]) == (0, 0, 0)
    assert get(api, world["acme_owner"], f"/{job['id']}/rows")["total"] == 0
    assert get(api, world["acme_owner"], f"/{job['id']}/errors")["total"] == 0


def test_old_mac_line_endings_count_lines_too(api: Api, world: dict) -> None:
    job = imported(api, world["acme_owner"], "sku,title,price\rA,B,1\rC,,1\r")
    assert (job["rows_valid"], job["rows_invalid"]) == (1, 1)
    errors = get(api, world["acme_owner"], f"/{job['id']}/errors")["items"]
    assert errors == [{"line": 3, "reason": "title is empty"}]


def test_ten_thousand_rows_is_still_accepted(api: Api, world: dict) -> None:
    job = imported(api, world["acme_owner"], EXACTLY_ENOUGH)
    assert (job["status"], job["rows_valid"]) == ("completed", 10_000)


def test_what_is_not_an_upload_is_400_and_creates_no_job(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    empty = upload(api, owner, b"")
    assert empty.status_code == 400
    assert empty.json()["extra"] == [
        {
            "key": "file",
            "message": "the file is empty: upload a CSV with a header row and rows",
            "source": None,
        }
    ]
    huge = upload(api, owner, b"sku,title,price\n" + b"x" * (5 * 1024 * 1024))
    assert huge.status_code == 400
    assert huge.json()["detail"] == "file: the file is larger than 5 MB"
    enormous = upload(api, owner, b"x" * (6 * 1024 * 1024))  # cut off by the request size limit
    assert enormous.status_code == 413
    missing = api.client.post(
        IMPORTS, files={"upload": ("a.csv", b"sku,title,price\nA,B,1\n")}, headers=owner
    )
    assert missing.status_code == 400
    assert "file" in missing.json()["detail"]
    as_text = api.client.post(
        IMPORTS, data={"file": "sku,title,price"}, files={"x": ("x", b"")}, headers=owner
    )
    assert as_text.status_code == 400
    assert as_text.json()["extra"][0]["key"] == "file"
    as_json = api.client.post(IMPORTS, json={"file": "sku,title,price"}, headers=owner)
    assert as_json.status_code == 400
    two_files = api.client.post(
        IMPORTS, files=[("file", ("a.csv", b"sku,title,price\n")), ("file", ("b.csv", b"x"))], headers=owner
    )
    assert two_files.status_code == 400
    assert get(api, owner)["total"] == 0


def test_the_stored_file_name_has_no_folders(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    named = imported(api, owner, "sku,title,price\nA,B,1\n", "C:\\Users\\me\\..\\stock.csv")
    assert named["filename"] == "stock.csv"
    assert imported(api, owner, "sku,title,price\nA,B,1\n", "../")["filename"] == "import.csv"
    assert len(imported(api, owner, "sku,title,price\nA,B,1\n", "a" * 300 + ".csv")["filename"]) == 255


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("spring.csv", "spring.csv"),
        ("/home/me/b.csv", "b.csv"),
        ("bell\x07\x00.csv\n", "bell.csv"),
        ("  \u202e.csv ", ".csv"),  # a right-to-left override is a format character: dropped
        ("", "import.csv"),
        (None, "import.csv"),
    ],
)
def test_file_names_lose_folders_and_control_characters(sent: str | None, stored: str) -> None:
    assert clean_filename(sent) == stored


def test_only_vendor_users_import_and_another_vendors_job_is_not_found(api: Api, world: dict) -> None:
    job = imported(api, world["acme_owner"], BAD)
    assert upload(api, world["root"], GOOD).status_code == 403
    for path in (f"/{job['id']}", f"/{job['id']}/errors", f"/{job['id']}/rows", "/999"):
        response = api.client.get(f"{IMPORTS}{path}", headers=world["bolt_owner"])
        assert response.status_code == 404, path
    approve = api.client.post(f"{IMPORTS}/{job['id']}/approve", headers=world["bolt_owner"])
    assert approve.status_code == 404
    assert approve.json()["detail"] == f"import {job['id']} not found"
    assert get(api, world["bolt_owner"])["total"] == 0
    assert api.client.get(IMPORTS, headers=world["root"]).status_code == 403
    assert api.client.get(IMPORTS).status_code == 401


def test_imports_are_listed_newest_first_and_paginated(api: Api, world: dict, clock: FrozenClock) -> None:
    owner = world["acme_owner"]
    for day, content in ((1, GOOD), (2, b"\xff"), (3, BAD), (4, GOOD)):
        clock.set(datetime(2026, 6, day, 9, 0, tzinfo=UTC))
        imported(api, owner, content, filename=f"day{day}.csv")
    imported(api, world["bolt_owner"], GOOD)
    page = get(api, owner, limit=2, offset=1)
    assert [job["filename"] for job in page["items"]] == ["day3.csv", "day2.csv"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    failed = get(api, owner, status="failed")
    assert [job["filename"] for job in failed["items"]] == ["day2.csv"]
    assert failed["total"] == 1
    assert get(api, owner, status="completed")["total"] == 3


@pytest.mark.parametrize(
    ("path", "params", "key"),
    [
        ("", {"limit": 0}, "limit"),
        ("", {"limit": 101}, "limit"),
        ("", {"offset": -1}, "offset"),
        ("", {"status": "done"}, "status"),
        ("/1/errors", {"limit": "x"}, "limit"),
        ("/0", {}, "job_id"),
        ("/2147483648/rows", {}, "job_id"),
    ],
)
def test_bad_parameters_are_400_naming_them(api: Api, world: dict, path: str, params: dict, key: str) -> None:
    response = api.client.get(f"{IMPORTS}{path}", params=params, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
