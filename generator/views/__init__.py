"""Stage 4: page contexts. Every page the site publishes, as a typed object built from `Content`
that names its template. Every sentence and value a page shows is written here, with `format`;
templates see only these frozen dataclasses (never content models, dicts or tuples) and only lay
them out (`tests/test_templates.py`). One module per page family; `site_map` lists them all."""
