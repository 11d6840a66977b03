"""The content's history in git: `git` (the only module that runs git), `diff` (a pure comparison
of the records at two revisions, for citizens) and `revisions` (the files a change touched, read
at both revisions; recent changes, cached per commit)."""
