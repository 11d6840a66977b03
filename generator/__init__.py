"""congkhai: a static site generator for Vietnamese public-administration transparency portals.

The pipeline, one module or package per stage (ARCHITECTURE.md lists them in order): `load/`
reads YAML safely with positions and validates it against `model/`; `content` gives the checked
`Content`; `views/` turns it into typed page contexts that `render` lays out with the templates;
`plugin` runs it all inside MkDocs; `outputs/` and `search_index` write open data, the feed and the
search index; `publish` swaps the finished site in. `cli` is the editors' command line.
"""
