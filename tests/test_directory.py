import pytest

from saraban.errors import Ambiguous, InvalidInput, NotFound
from saraban.services.directory import (
    children,
    find_by_code_prefix,
    import_dla_file,
    list_agencies,
    provinces,
    resolve_agency,
)
from tests.conftest import DATA


def test_all_77_provinces_with_letter_codes() -> None:
    rows = dict(provinces())
    assert len(rows) == 77
    assert rows["กรุงเทพมหานคร"] == "กท"
    assert rows["อุตรดิตถ์"] == "อต"


def test_directory_is_seeded_once(ctx) -> None:
    with ctx.reading() as s:
        provinces_ = list_agencies(s, level="province")
        assert len(provinces_) == 77
        assert resolve_agency(s, "อต 0023").short_name == "สถ.จ.อต."
        assert resolve_agency(s, "ศาลากลางจังหวัดอุตรดิตถ์").code == "อต 0023"
        assert resolve_agency(s, "กท").name == "กรุงเทพมหานคร"
        assert find_by_code_prefix(s, "มท ๐๘๑๐.๔").code == "มท 0810"
        assert find_by_code_prefix(s, "อต 0023.3").code == "อต 0023"
        with pytest.raises(NotFound):
            resolve_agency(s, "สำนักงานที่ไม่มีอยู่จริง")
        with pytest.raises(Ambiguous) as info:
            resolve_agency(s, "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสุ")
        assert "สุโขทัย" in str(info.value) and "สุรินทร์" in str(info.value)


def test_dla_csv_creates_each_office_once(ctx) -> None:
    with ctx.writing() as s:
        summary = import_dla_file(s, DATA / "dla_local_bodies_sample.csv")
        assert summary.rows == 8 and not summary.problems
        assert summary.districts_created == 3  # ท่าวังผา, เมืองน่าน, เกาะคา
        assert summary.bodies_created == 7
    with ctx.writing() as s:
        again = import_dla_file(s, DATA / "dla_local_bodies_sample.csv")
        assert again.bodies_created == 0 and again.districts_created == 0
    with ctx.reading() as s:
        district = resolve_agency(s, "อำเภอท่าวังผา")
        assert district.level == "district" and district.province == "นน"
        names = {a.name for a in children(s, district.id)}
        assert names == {"เทศบาลตำบลท่าวังผา", "องค์การบริหารส่วนตำบลป่าคา", "องค์การบริหารส่วนตำบลศรีภูมิ, เชียงกลาง"}
        nan = resolve_agency(s, "นน 0023")
        assert "องค์การบริหารส่วนจังหวัดน่าน" in [a.name for a in children(s, nan.id, level="local")]
        assert resolve_agency(s, "องค์การบริหารส่วนตำบลไหล่หิน").province == "ลป"


def test_csv_that_is_not_the_dla_list_is_refused(ctx, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with ctx.writing() as s, pytest.raises(InvalidInput, match=r"ไม่ใช่รายชื่อ อปท\."):
        import_dla_file(s, bad)
