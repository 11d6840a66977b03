"""The largest content the resource budget accepts (`generator/load/yaml_source.py`): just under
every limit at once, for `make bench` to time its validation.

- as many YAML files as allowed (`MAX_FILES`), together just under `MAX_TOTAL_BYTES` and
  `MAX_TOTAL_VALUES`, every value of the costly kinds (texts that become models, citations that
  are looked up across files);
- `legal.yaml` with a list of `MAX_LIST_ITEMS` documents, a procedure with `MAX_LIST_ITEMS`
  keywords, a procedure of `MAX_VALUES` values just under `MAX_FILE_BYTES`;
- the content is valid, so every stage runs to the end (checks across records included).

`broken=True` writes the same content with a mistake in every procedure (an unknown key, an
unknown related procedure, an unknown legal document, a value nested `MAX_DEPTH` levels deep), so
that the error paths (positions, suggestions) are timed too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.authoring.sample import NoAliasDumper, write_sample
from generator.load.yaml_source import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_LIST_ITEMS,
    MAX_TOTAL_BYTES,
    MAX_TOTAL_VALUES,
    MAX_VALUES,
    Budget,
    load_text,
)
from generator.problems import Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = NoAliasDumper  # anchors are a warning (`yaml-anchor`), and the content must be clean
COMMUNES = 100
STEP = "Cán bộ tiếp nhận kiểm tra hồ sơ, ghi giấy biên nhận và chuyển cơ quan có thẩm quyền giải quyết"


def _dump(path: Path, data: Any) -> None:
    path.write_text(_text_of(data), "utf-8")


def _text_of(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000))


def _load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=_Loader)


def usage(folder: Path) -> tuple[Budget, list[Problem]]:
    """What the YAML files of `folder` hold, counted as the loader counts them."""
    budget = Budget()
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.yaml")):
        load_text(path.read_bytes(), path.relative_to(folder).as_posix(), problems, budget)
    return budget, problems


def _text(length: int, k: int) -> str:
    """A Vietnamese text of about `length` characters, different for each `k`."""
    words = (f"Bước {k}: " + STEP + " ") * (length // len(STEP) + 2)
    return words[:length].strip()


def write_worst(out: Path, broken: bool = False) -> Budget:
    """Write the content; return what it holds (files, bytes, values)."""
    singles = 4  # site, fields, agencies, legal
    fees = 20
    procedures = MAX_FILES - singles - fees - COMMUNES
    write_sample(out, procedures, COMMUNES)
    for extra in sorted((out / "fees").glob("*.yaml"))[fees:]:
        extra.unlink()  # the sample writes one fee per 50 procedures
    kept = {path.stem for path in (out / "fees").glob("*.yaml")}

    legal = _load(out / "legal.yaml")
    documents = legal["documents"]
    documents += [
        {
            "number": f"{k}/2024/QĐ-UBND",
            "title": f"Quyết định công bố danh mục thủ tục hành chính số {k}",
            "issuer": "UBND tỉnh Mẫu",
            "date": documents[0]["date"],
        }
        for k in range(1, MAX_LIST_ITEMS - len(documents) + 1)
    ]
    _dump(out / "legal.yaml", legal)

    paths = sorted((out / "procedures").glob("*.yaml"))
    codes = [_load(path)["code"] for path in paths[:2]]
    for path in paths:
        data = _load(path)
        for channel in data["channels"]:
            channel["fees"] = [fee for fee in channel["fees"] if fee in kept]
        _dump(path, data)

    # The largest list: every keyword a list may hold.
    first = _load(paths[0])
    first["keywords"] = [f"từ khóa số {k}" for k in range(MAX_LIST_ITEMS)]
    _dump(paths[0], first)

    # Files of as many values as a file may hold (documents: each a model of 4 fields), until
    # the values of the whole content are almost all used.
    budget, problems = usage(out)
    assert not problems, problems[:3]
    values_left = int(MAX_TOTAL_VALUES * 0.995) - budget.values - (4 if broken else 1) * len(paths)
    item = {"name": "Giấy tờ", "original": 1, "copy": 0}
    dense = 1
    while values_left > 1_000:
        data = _load(paths[dense])
        values = min(values_left, MAX_VALUES) - 300  # room for the procedure's own values
        per_item = len(item) + 1
        groups = [
            {"group": "nop", "items": [dict(item, name=f"G{k}") for k in range(MAX_LIST_ITEMS)]}
            for _ in range(values // (MAX_LIST_ITEMS * per_item + 2))
        ]
        rest = values - len(groups) * (MAX_LIST_ITEMS * per_item + 2)
        if rest > per_item + 2:
            groups.append({"group": "nop", "items": [dict(item, name=f"G{k}") for k in range((rest - 2) // per_item)]})
        data["documents"] = groups
        flow = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None)
        paths[dense].write_text(flow, "utf-8")
        assert paths[dense].stat().st_size < MAX_FILE_BYTES
        values_left -= values
        dense += 1

    # The bytes left go into a long description in every other procedure.
    budget, problems = usage(out)
    assert not problems, problems[:3]
    padded = paths[dense:]
    bytes_left = int(MAX_TOTAL_BYTES * 0.995) - budget.bytes
    ratio = len(_text(1000, 0).encode()) / 1000  # bytes per character
    for index, path in enumerate(padded):
        old = path.stat().st_size
        data = _load(path)
        if broken and index % 2:
            data["reslt"] = data.pop("result")  # unknown key, with a suggestion
        elif broken:
            # References that do not resolve, each with a suggestion out of thousands of records.
            data["related"] = [f"1.8{index:05d}", codes[0]]
            data["legal_basis"] = [*data["legal_basis"], "99/2099/NĐ-CP"]
        if broken and index == 0:
            nested: Any = "sâu"
            for _ in range(MAX_DEPTH - 2):
                nested = [nested]
            data["result"] = nested  # as deep as the loader takes
        extra = bytes_left // (len(padded) - index) - (len(_text_of(data).encode()) - old) - 20
        if extra > 0:
            data["conditions"] = [_text(int(extra / ratio), index)]
        text = _text_of(data)
        path.write_text(text, "utf-8")
        bytes_left -= len(text.encode()) - old
    budget, problems = usage(out)
    assert not [p for p in problems if p.code == "budget-exceeded"], problems[:3]
    return budget
