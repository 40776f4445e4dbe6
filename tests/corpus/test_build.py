"""Building the index: a second document just works, and unchanged input is
not rebuilt. Uses the real model on a temporary corpus directory."""

import json
import shutil
from pathlib import Path

import pytest

from bot.corpus.build import BuildPaths, build, is_up_to_date
from bot.retrieval import Retriever

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

SECOND_DOC = """# Restless legs

## What restless legs syndrome is

Restless legs syndrome is an urge to move the legs, usually in the evening,
with a crawling or tingling feeling in the calves that eases when walking.

## What helps

- Walking or stretching the calves for a few minutes.
- A warm bath before bed.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    corpus_dir = tmp_path_factory.mktemp("corpus")
    shutil.copy(ROOT / "corpus" / "000_4b07dd24fe9908c9.txt", corpus_dir)
    shutil.copy(ROOT / "corpus" / "sources.yml", corpus_dir)
    (corpus_dir / "restless-legs.md").write_text(SECOND_DOC, encoding="utf-8")
    paths = BuildPaths(corpus_dir, corpus_dir / "build")
    assert build(paths, "", progress=lambda _: None) is True
    return paths


def test_second_markdown_document_is_indexed_and_searchable(corpus):
    retriever = Retriever.load(corpus_dir=corpus.corpus_dir)

    result = retriever.search("what is restless legs syndrome", k=3)

    assert not result.abstained
    top = result.passages[0]
    assert top.source == "Restless legs"  # its first heading, no manifest entry
    assert top.section == "What restless legs syndrome is"
    assert top.passage_id.startswith("restless-legs-")


def test_manifest_names_the_model_dimension_and_corpus_hash(corpus):
    manifest = json.loads(corpus.manifest.read_text())

    assert "all-MiniLM-L6-v2" in manifest["model"]
    assert manifest["dimension"] == 384
    assert len(manifest["corpus_hash"]) == 64
    assert {s["file"] for s in manifest["sources"]} == {
        "000_4b07dd24fe9908c9.txt",
        "restless-legs.md",
    }


def test_unchanged_corpus_is_not_rebuilt_but_a_changed_source_or_model_is(corpus):
    messages = []
    assert build(corpus, "", progress=messages.append) is False
    assert "up to date" in messages[0]
    assert not is_up_to_date(corpus, "some/other-model")

    doc = corpus.corpus_dir / "restless-legs.md"
    doc.write_text(SECOND_DOC + "\nIron deficiency can make it worse.\n")

    assert not is_up_to_date(corpus, "")
