"""A missing or corrupt corpus index stops the launcher at start, naming the fix."""

from __future__ import annotations

import shutil

import pytest

from bot import settings as settings_module
from bot.serve import preflight
from bot.settings import ROOT

build = pytest.importorskip("bot.corpus.build", reason="needs the retrieval layer")


@pytest.fixture
def built_copy(monkeypatch, tmp_path):
    """A copy of the real build (made by `make index`) that a test may damage."""
    real = build.paths_from_settings(settings_module.load())
    if not real.index.exists():
        pytest.fail(f"no index in {real.build_dir}: run `make index`")
    copy = tmp_path / "build"
    shutil.copytree(real.build_dir, copy)
    monkeypatch.setenv("CORPUS_BUILD_DIR", str(copy))
    return copy


def test_the_real_index_passes(built_copy):
    preflight.check_index(settings_module.load())


def test_missing_index_names_make_index(built_copy):
    (built_copy / build.INDEX_FILE).unlink()

    with pytest.raises(preflight.NotReady, match="make index"):
        preflight.check_index(settings_module.load())


def test_missing_build_names_make_index(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_BUILD_DIR", str(tmp_path / "nothing-here"))

    with pytest.raises(preflight.NotReady, match="make index"):
        preflight.check_index(settings_module.load())


@pytest.mark.parametrize("damage", ["garbage index", "truncated index", "passages"])
def test_corrupt_index_names_make_index(built_copy, damage):
    index = built_copy / build.INDEX_FILE
    if damage == "garbage index":
        index.write_bytes(b"not a faiss index")
    elif damage == "truncated index":
        index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    else:
        passages = built_copy / build.PASSAGES_FILE
        passages.write_text(passages.read_text()[:-500] + "\n{broken")

    with pytest.raises(preflight.NotReady, match="make index"):
        preflight.check_index(settings_module.load())


def test_launcher_stops_with_the_message(built_copy, monkeypatch):
    from bot.serve.launcher import check_ready_to_serve

    monkeypatch.setenv("MODEL_DIR", str(ROOT / "models"))
    if not (ROOT / "models" / "assistant.tar.gz").exists():
        pytest.skip("needs the trained model: run `make model`")
    (built_copy / build.INDEX_FILE).write_bytes(b"junk")

    with pytest.raises(SystemExit, match="make index"):
        check_ready_to_serve(settings_module.load())
