"""The content's history in git: `git` (the only module that runs git), `diff` (a pure comparison
of two contents, for citizens) and `revisions` (the content at past revisions, recent changes)."""
