"""Stage 1: reading content. `yaml_source` parses one file safely and keeps positions; `translate`
turns pydantic's errors into catalogued problems; `upgrade` accepts renamed keys for one release;
`folder` reads every file of every kind; `checks` looks across records. The orchestration, and the
`Content` it produces, is `content.py`."""
