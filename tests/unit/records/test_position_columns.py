"""The columns of issue 19 (supersedes, source, published_on): a records file made before them upgrades when
opened, and the supersession map and search read them."""

from __future__ import annotations

import sqlite3

from service.records import Records
from tests.unit.records.test_records import _position


def test_a_records_file_made_before_the_columns_upgrades_when_opened(tmp_path):
    path = tmp_path / "r.sqlite3"
    Records(path).close()
    db = sqlite3.connect(path)
    for column in ("supersedes", "source", "published_on"):  # as an older version made the table
        db.execute(f"ALTER TABLE positions DROP COLUMN {column}")
    db.execute("INSERT INTO positions VALUES ('lama','T','A','position','[]','id',NULL,NULL,'Teks.','h',1,'active',1,"
               "'2026-01-01T00:00:00+00:00','2026-01-01T00:00:00+00:00',NULL)")
    db.commit()
    db.close()
    records = Records(path)
    old = records.get_position("lama")
    assert (old.supersedes, old.source, old.published_on) == ([], None, None)
    records.save_position(_position(id="baru", supersedes=["lama"], source="rilis.pdf#page=2",
                                    published_on="2026-02-01"))
    new = records.get_position("baru")
    assert (new.supersedes, new.source, new.published_on) == (["lama"], "rilis.pdf#page=2", "2026-02-01")
    assert records.superseded_by() == {"lama": ["baru"]}


def test_search_matches_id_title_or_text_and_escapes_wildcards(records):
    records.save_position(_position(id="bbm", title="Harga BBM", text="Naik 50% tahun ini.", agency="ESDM"))
    records.save_position(_position(id="mbg", title="Anggaran MBG", text="Rp335 triliun.", agency="Kemenkeu"))
    assert [p.id for p in records.search_positions("bbm")[0]] == ["bbm"]  # case-insensitive on both stores
    assert [p.id for p in records.search_positions("50%")[0]] == ["bbm"]
    assert records.search_positions("_")[1] == 0  # a wildcard is a character here, not "any one character"
    assert [p.id for p in records.search_positions(agency="Kemenkeu")[0]] == ["mbg"]
    assert records.agencies() == ["ESDM", "Kemenkeu"]
