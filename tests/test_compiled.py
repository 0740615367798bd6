"""The compiled data cache: later starts skip the files, and a changed file is read again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bodymap import BodyMap, api
from bodymap.data import compiled
from bodymap.errors import DataErrors
from bodymap.files import folders


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(folders.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each time the data is built from the files (not read from the cache)."""
    seen: list[Path] = []
    build = api.build_data

    def counting(root: Path, skip_bad: bool) -> api.BuiltData:
        seen.append(root)
        return build(root, skip_bad)

    monkeypatch.setattr(api, "build_data", counting)
    return seen


def _ranking(bm: BodyMap) -> list[tuple[str, str, float]]:
    return [(c.muscle, c.side, c.score) for c in bm.rank(["posterior:right-psis"])]


def test_a_second_load_reads_the_cache_and_ranks_the_same(
    data_copy: Path, cache: Path, builds: list[Path]
) -> None:
    first = BodyMap.load(data_copy)
    second = BodyMap.load(data_copy)
    assert len(builds) == 1
    assert len(list(cache.glob("data-*.pickle"))) == 1
    assert _ranking(second) == _ranking(first)
    assert [m.id for m in second.catalogue] == [m.id for m in first.catalogue]
    assert second.red_flag_rules.flags == first.red_flag_rules.flags


def test_a_changed_region_file_is_read_again(
    data_copy: Path, cache: Path, builds: list[Path]
) -> None:
    before = BodyMap.load(data_copy)
    path = data_copy / "regions" / "gluteus_medius.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Gluteus medius", "name: Gluteus medius (edited)", 1))
    after = BodyMap.load(data_copy)
    assert len(builds) == 2
    assert before.catalogue.muscle("gluteus_medius").name == "Gluteus medius"
    assert after.catalogue.muscle("gluteus_medius").name == "Gluteus medius (edited)"


def test_a_removed_or_added_file_is_read_again(
    data_copy: Path, cache: Path, builds: list[Path]
) -> None:
    BodyMap.load(data_copy)
    (data_copy / "regions" / "piriformis.yaml").unlink()
    assert "piriformis" not in BodyMap.load(data_copy).catalogue
    (data_copy / "assets" / "notes.txt").write_text("an extra file changes the key too")
    BodyMap.load(data_copy)
    assert len(builds) == 3


def test_a_bad_file_is_never_cached(data_copy: Path, cache: Path, builds: list[Path]) -> None:
    path = data_copy / "regions" / "piriformis.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataErrors, match=r"piriformis\.yaml"):
            BodyMap.load(data_copy)
    assert len(builds) == 2


def test_a_damaged_cache_is_rebuilt(data_copy: Path, cache: Path, builds: list[Path]) -> None:
    expected = _ranking(BodyMap.load(data_copy))
    (pickle,) = cache.glob("data-*.pickle")
    pickle.write_bytes(pickle.read_bytes()[:1000])
    assert _ranking(BodyMap.load(data_copy)) == expected
    assert len(builds) == 2
    assert _ranking(BodyMap.load(data_copy)) == expected  # and written again, whole
    assert len(builds) == 2


def test_a_cache_that_cannot_be_written_is_not_an_error(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(folders.CACHE_ENV, str(blocker / "cache"))
    assert BodyMap.load(data_copy).rank(["posterior:right-psis"])


def test_an_empty_setting_turns_the_cache_off(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, builds: list[Path]
) -> None:
    monkeypatch.setenv(folders.CACHE_ENV, "")
    BodyMap.load(data_copy)
    BodyMap.load(data_copy)
    assert len(builds) == 2
    assert folders.cache_dir() is None


def test_strict_and_lenient_loads_are_cached_apart(
    data_copy: Path, cache: Path, builds: list[Path]
) -> None:
    (data_copy / "regions" / "piriformis.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    lenient = BodyMap.load(data_copy, skip_bad=True)
    assert "piriformis" not in lenient.catalogue
    assert [Path(e.path).name for e in lenient.skipped] == ["piriformis.yaml"]
    again = BodyMap.load(data_copy, skip_bad=True)
    assert [str(e) for e in again.skipped] == [str(e) for e in lenient.skipped]
    with pytest.raises(DataErrors):
        BodyMap.load(data_copy)
    assert len(builds) == 2  # the lenient load once, the strict one (it fails) once


def test_only_a_few_copies_are_kept(
    data_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "KEEP", 2)
    path = data_copy / "regions" / "gluteus_medius.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(text + f"\n# edit {n}\n", encoding="utf-8")
        BodyMap.load(data_copy)
    assert len(list(cache.glob("data-*.pickle"))) == 2


def test_the_cache_folder_follows_each_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(folders.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert folders.cache_dir() == tmp_path / ".cache" / "bodymap"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert folders.cache_dir() == tmp_path / "xdg" / "bodymap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert folders.cache_dir() == tmp_path / "Library" / "Caches" / "bodymap"
    monkeypatch.setattr(sys, "platform", "win32")
    local = "C:\\Users\\jane\\AppData\\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    assert folders.cache_dir() == Path(local) / "bodymap" / "Cache"
