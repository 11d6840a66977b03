"""congkhai: a static site generator for Vietnamese public-administration transparency portals.

The pipeline, one module per stage: `source` (YAML with positions) → `models` (typed records) →
`content` (a whole folder, with pydantic errors translated into `problems`) → `checks` (across
records) → pages. `cli` is the editors' command line.
"""
