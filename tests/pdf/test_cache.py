"""The build cache reuses a file only if both its inputs and its bytes are as recorded."""

from __future__ import annotations

from pathlib import Path

from explainer.pdf.cache import Cache, file_hash


def previous(tmp_path: Path) -> Cache:
    """An output folder holding one PDF and a cache that records it."""
    root = tmp_path / "dist"
    (root / "en").mkdir(parents=True)
    pdf = root / "en" / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7 previous")
    cache = Cache(root)
    cache.record("en/a.pdf", "inputs-1", file_hash(pdf))
    cache.write(root)
    return Cache.load(root)


def test_same_inputs_reuse_the_file(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    assert previous(tmp_path).reuse("en/a.pdf", "inputs-1", stage)
    assert (stage / "en" / "a.pdf").read_bytes() == b"%PDF-1.7 previous"


def test_changed_inputs_do_not(tmp_path: Path) -> None:
    assert not previous(tmp_path).reuse("en/a.pdf", "inputs-2", tmp_path / "stage")


def test_a_changed_file_is_not_reused(tmp_path: Path) -> None:
    cache = previous(tmp_path)
    (tmp_path / "dist" / "en" / "a.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    assert not cache.reuse("en/a.pdf", "inputs-1", tmp_path / "stage")


def test_a_broken_cache_file_is_an_empty_cache(tmp_path: Path) -> None:
    root = tmp_path / "dist"
    root.mkdir()
    (root / ".build-cache.json").write_text("{not json", encoding="utf-8")
    assert Cache.load(root).entries == {}
    (root / ".build-cache.json").write_text('{"entries": []}', encoding="utf-8")
    assert Cache.load(root).entries == {}
