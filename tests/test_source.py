"""The YAML reader: YAML 1.2 scalars, positions, NFC, safety limits."""

from __future__ import annotations

import datetime as dt
import unicodedata

from generator.load.yaml_source import MAX_DEPTH, MAX_LIST_ITEMS, load_text
from generator.problems import Problem


def load(text: str | bytes) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    source = load_text(text.encode() if isinstance(text, str) else text, "t.yaml", problems)
    return (source.data if source else None), problems


def test_yaml_1_1_traps_stay_text() -> None:
    data, problems = load("a: 07:30\nb: no\nc: yes\nd: on\ne: 0o17\nf: 1_000\n")
    assert data == {"a": "07:30", "b": "no", "c": "yes", "d": "on", "e": "0o17", "f": "1_000"}
    assert problems == []


def test_core_scalars() -> None:
    data, _ = load('a: 12\nb: -3\nc: 2.5\nd: true\ne: ~\nf:\ng: 2025-07-01\nh: "2025-07-01"\n')
    assert data == {
        "a": 12,
        "b": -3,
        "c": 2.5,
        "d": True,
        "e": None,
        "f": None,
        "g": dt.date(2025, 7, 1),
        "h": "2025-07-01",
    }


def test_bom_is_tolerated() -> None:
    data, problems = load(b"\xef\xbb\xbfname: X\n")
    assert data == {"name": "X"} and problems == []


def test_nfd_text_is_normalised_with_a_warning_at_its_line() -> None:
    data, problems = load("a: x\nb: " + unicodedata.normalize("NFD", "Hộ tịch") + "\n")
    assert data == {"a": "x", "b": "Hộ tịch"}
    assert [(p.code, p.line, p.column) for p in problems] == [("text-not-nfc", 2, 4)]


def test_positions_follow_paths() -> None:
    problems: list[Problem] = []
    source = load_text(b"a:\n  - x: 1\n    y: 50.000\n  - z\nb: {c: 2}\n", "t.yaml", problems)
    assert source is not None
    assert (source.position(("a", 0, "y")).line, source.position(("a", 0, "y")).column) == (3, 8)
    assert source.position(("a", 0, "y")).raw == "50.000"
    assert source.key_position(("a", 0, "y")).column == 5
    assert source.position(("a", 1)).line == 4
    assert source.position(("b", "c")).line == 5
    # An unknown path falls back to the nearest written ancestor.
    assert source.position(("a", 0, "nope")).line == 2
    assert source.has(("a", 0, "x")) and not source.has(("a", 0, "nope")) and not source.has(("a", 7))


def test_many_values_without_aliases_are_fine() -> None:
    # 20.000 values in lists of the longest length allowed: not taken for an alias bomb.
    text = "".join(f"l{n}:\n" + "".join(f"  - {i}\n" for i in range(MAX_LIST_ITEMS)) for n in range(4))
    data, problems = load(text)
    assert isinstance(data, dict) and [len(v) for v in data.values()] == [MAX_LIST_ITEMS] * 4 and problems == []


def test_deep_nesting_fails_cleanly() -> None:
    data, problems = load("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert data is None
    # Reported where the limit is crossed: the block `a:` is the first level, so the 20th `[`
    # (column 3 + 20) opens the 21st.
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-too-deep", 1, 3 + MAX_DEPTH)]
