"""Property-based and fuzz tests: valid trees always load, broken ones always fail cleanly."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.authoring.sample import write_sample
from generator.content import load_content
from generator.problems import CATALOGUE, Severity

from . import fuzz
from .helpers import TODAY

settings.register_profile("congkhai", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("congkhai")


@settings(max_examples=15)
@given(procedures=st.integers(1, 40), communes=st.integers(0, 8), seed=st.integers(0, 10_000))
def test_any_generated_valid_tree_loads_without_problems(procedures: int, communes: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_sample(Path(tmp), procedures, communes, seed=seed)
        content, problems = load_content(Path(tmp), TODAY)
        assert problems == [] and content is not None
        assert len(content.procedures) == procedures


# Values of every YAML kind, to put where they do not belong.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.text(max_size=30),
    # Control, bidi, invisible and private-use characters, as a tired clerk pastes them from a PDF.
    st.text(st.characters(categories=("Cc", "Cf", "Co", "Zs", "Zl", "Lo")), max_size=10),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=8), st.integers(), max_size=3),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@settings(max_examples=60)
@given(data=st.data())
def test_any_broken_value_fails_with_a_catalogued_code_and_a_place(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_sample(root, 3, 1, seed=7)
        files = sorted(p for p in root.rglob("*.yaml"))
        path = data.draw(st.sampled_from(files))
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = data.draw(st.sampled_from(_paths(tree)))
        junk = data.draw(JUNK)
        parent = tree
        for part in target[:-1]:
            parent = parent[part]
        parent[target[-1]] = junk
        path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
        content, problems = load_content(root, TODAY)  # never raises
        for problem in problems:
            assert problem.code in CATALOGUE
            assert problem.line >= 0 and problem.message
        if content is None:
            assert any(p.severity is Severity.ERROR for p in problems)
            assert all(p.line >= 1 for p in problems if p.severity is Severity.ERROR and p.code != "file-too-large")


def test_bounded_fuzz_of_the_loader_finds_no_crash() -> None:
    done, failures = fuzz.run(400, seed=20261127)
    assert done == 400
    assert failures == [], "\n".join(failures)
