"""Stage 4: page contexts. Every page the site publishes, as a typed object built from `Content`
that names its template; templates see only these objects, never raw dicts. One module per page
family; `site_map` lists them all."""
