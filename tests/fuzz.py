"""A mutation fuzzer for the loader and validator (`make fuzz`; a bounded run is in the tests).

It breaks the files of a small valid content tree in random ways (bytes flipped, inserted and
deleted, lines swapped and duplicated, YAML punctuation and odd Unicode dropped in) and checks
that `load_content` never raises and that every problem it reports is catalogued and placed.

    python -m tests.fuzz --iterations 200000 [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from generator.content import load_content
from generator.load.yaml_source import MAX_DEPTH, MAX_LIST_ITEMS
from generator.problems import CATALOGUE

from .helpers import BASE_FILES, TODAY, write_tree

SPECIALS = [
    b":",
    b"- ",
    b"\t",
    b"&a ",
    b"*a",
    b"!!",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"\n",
    b"#",
    b"|",
    b">",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff",
    b"\xc3",
    "Đ".encode(),
    "ệ".encode(),
    "\u0301".encode(),
    b"---\n",
    b"<<: ",
    b"? ",
    b"%YAML 1.1\n",
    b"~",
    b"2025-02-30",
    b"1.000",
    b"-1",
    b"null",
    b"yes",
    b"\r\n",
    # Characters the text types refuse, and the ones YAML takes for line breaks or spaces.
    "\u202e".encode(),
    "\u2066".encode(),
    "\u200b".encode(),
    "\u00ad".encode(),
    "\u00a0".encode(),
    "\u3000".encode(),
    "\u3164".encode(),
    "\u0085".encode(),
    "\u2028".encode(),
    "\ufeff".encode(),
    b"\x07",
    b"\x1b",
    b"\x7f",
    b'"\\0"',
    b'"\\u202E"',
    # Numbers too large to be true.
    b"9" * 40,
    b"9" * 5000,
    b"1.0e400",
    b"-0.0",
]
# Openings of nested blocks and lists, for the nesting limit.
OPENERS = [b"[", b"{a: ", b"- ", b"? "]


def _nest(data: bytes, pos: int, rng: random.Random) -> bytes:
    """Nesting at `pos`, mostly near the limit and sometimes deep enough to crash a composer that
    recursed without a bound (25,000 levels)."""
    depth = rng.choice([MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, rng.randint(1, 200), 30_000])
    opener = rng.choice(OPENERS)
    closer = {b"[": b"]", b"{a: ": b"}"}.get(opener, b"")
    return data[:pos] + opener * depth + b"x" + closer * depth * rng.randint(0, 1) + data[pos:]


def _long_list(data: bytes, rng: random.Random) -> bytes:
    """A list at the length limit or one item past it, under a new key."""
    count = MAX_LIST_ITEMS + rng.randint(0, 1)
    return data + b"\nlong: [" + b", ".join([b"x"] * count) + b"]\n"


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data = data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1 :]
        elif op == 1:
            data = data[:pos] + rng.choice(SPECIALS) + data[pos:]
        elif op == 2 and data:
            end = min(len(data), pos + rng.randint(1, 40))
            data = data[:pos] + data[end:]
        elif op in (3, 4):
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if op == 3:
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(i, lines[j])
            data = b"\n".join(lines)
        elif op == 5:
            data = data[:pos]
        elif op == 7:
            data = _long_list(data, rng) if rng.random() < 0.1 else _nest(data, pos, rng)
        else:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.randint(0, 6) + lines[i].lstrip()
            data = b"\n".join(lines)
    return data


def run(iterations: int, seed: int) -> tuple[int, list[str]]:
    """Fuzz; return (iterations done, failures)."""
    rng = random.Random(seed)
    failures: list[str] = []
    names = [n for n in BASE_FILES if n.endswith(".yaml")]
    with tempfile.TemporaryDirectory(prefix="congkhai-fuzz-") as tmp:
        root = write_tree(Path(tmp))
        originals = {n: (v.encode() if isinstance(v, str) else v) for n, v in BASE_FILES.items()}
        for i in range(iterations):
            name = rng.choice(names)
            mutated = mutate(originals[name], rng)
            (root / name).write_bytes(mutated)
            try:
                _, problems = load_content(root, TODAY)
                for p in problems:
                    if p.code not in CATALOGUE or p.line < 0 or p.column < 0 or not p.message:
                        failures.append(f"iteration {i}: bad problem {p} for {name}: {mutated[:200]!r}")
            except Exception:
                failures.append(f"iteration {i}: {name}: {mutated[:300]!r}\n{traceback.format_exc()}")
            (root / name).write_bytes(originals[name])
            if len(failures) >= 10:
                return i + 1, failures
    return iterations, failures


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz")
    parser.add_argument("--iterations", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    start = time.perf_counter()
    done, failures = run(args.iterations, args.seed)
    print(f"fuzz: {done} iterations, {len(failures)} crashes, seed {args.seed}, {time.perf_counter() - start:.0f} s")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
