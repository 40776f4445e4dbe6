"""Turns former blind NLU sets into training data: patients' own messages.

    python -m tools.nlu_join tests/nlu/blind_10.yml ... --out data/nlu/patients.yml

A blind set, once measured (docs/evaluation.md), is dev data. Its messages are
written the way patients write (typos, "prob nothing lol", follow-ups typed
half-way), which the hand-written training examples are not. The sets carry
intents only; entities are annotated here with the spans the trained model's
RegexEntityExtractor finds (the lookup tables and regexes of data/nlu/), so
DIET does not learn that "calf" in them is no body part. A message whose text
the training data already has, under any intent, is left out: a short answer
such as "skip" means skip in the symptom form and is kept that way; so is a
text of a held-out set in tests/nlu/ ("sure thing"), in the file too. The
messages are added to the output file's own; the sets then leave tests/nlu,
where only held-out sets belong.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import yaml

from bot.settings import ROOT

ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")
EXAMPLE = re.compile(r"^\s*- (.*)$")
HEADER = """\
# Patients' messages: former blind NLU sets, each measured once (the sets and
# their figures are in docs/evaluation.md), joined to the training data by
# `python -m tools.nlu_join` with entities from the lookup tables. Add sets
# with that command, not by hand.
version: "3.1"
nlu:
"""


def examples(path: Path, keep_annotation: bool = False) -> List[Tuple[str, str]]:
    """(text, intent) for each example of a Rasa NLU YAML file."""
    data = yaml.safe_load(path.read_text()) or {}
    found = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            match = EXAMPLE.match(line)
            if match:
                text = match.group(1).strip()
                if not keep_annotation:
                    text = ANNOTATION.sub(r"\1", text)
                found.append((text, block["intent"]))
    return found


def annotate(text: str, spans: Iterable[Tuple[int, int, str]]) -> str:
    """`text` with the longest of overlapping spans marked `[words](entity)`."""
    kept, end = [], -1
    for start, stop, entity in sorted(set(spans), key=lambda s: (s[0], s[0] - s[1])):
        if start >= end:
            kept.append((start, stop, entity))
            end = stop
    for start, stop, entity in reversed(kept):
        text = f"{text[:start]}[{text[start:stop]}]({entity}){text[stop:]}"
    return text


async def _regex_spans(model: Path, texts: List[str]) -> List[list]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    spans = []
    for text in texts:
        parsed = await agent.parse_message(text)
        spans.append(
            [
                (e["start"], e["end"], e["entity"])
                for e in parsed.get("entities") or []
                if e.get("extractor") == "RegexEntityExtractor"
            ]
        )
    return spans


def join(
    sets: List[Path],
    out: Path,
    training: Iterable[Path],
    model: Path,
    held_out: Iterable[Path] = (),
) -> str:
    """The YAML of `out` with the messages of `sets` that none of `training`
    (nor `out`) has yet added to it. A text of a `held_out` set stays out of
    training, in `out` too."""
    unseen = {t.lower() for p in held_out for t, _ in examples(p)}
    kept = [
        (t, i)
        for t, i in (examples(out, keep_annotation=True) if out.exists() else [])
        if ANNOTATION.sub(r"\1", t).lower() not in unseen
    ]
    seen = {ANNOTATION.sub(r"\1", t).lower() for t, _ in kept} | unseen
    seen |= {t.lower() for p in training for t, _ in examples(p)}
    chosen: List[Tuple[str, str]] = []
    for path in sets:
        for text, intent in examples(path):
            if text.lower() not in seen:
                seen.add(text.lower())
                chosen.append((text, intent))
    spans = asyncio.run(_regex_spans(model, [t for t, _ in chosen]))
    by_intent: Dict[str, List[str]] = {}
    for text, intent in kept:
        by_intent.setdefault(intent, []).append(text)
    for (text, intent), found in zip(chosen, spans, strict=True):
        by_intent.setdefault(intent, []).append(annotate(text, found))
    lines = [HEADER]
    for intent, texts in by_intent.items():
        lines.append(f"- intent: {intent}\n  examples: |\n")
        lines.extend(f"    - {t}\n" for t in texts)
    return "".join(lines)


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nlu_join")
    parser.add_argument("sets", nargs="*", type=Path, help="blind NLU YAML files")
    parser.add_argument("--out", type=Path, required=True, help="the file to write")
    parser.add_argument(
        "--model", type=Path, default=ROOT / "models" / "assistant.tar.gz"
    )
    args = parser.parse_args(argv)
    if not args.model.exists():
        parser.error(f"{args.model} is missing: run `make model` first")
    training = [
        p for p in sorted((ROOT / "data" / "nlu").glob("*.yml")) if p != args.out
    ]
    joined = {p.resolve() for p in args.sets}
    held_out = [
        p
        for p in sorted((ROOT / "tests" / "nlu").glob("*.yml"))
        if p.resolve() not in joined
    ]
    args.out.write_text(join(args.sets, args.out, training, args.model, held_out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
