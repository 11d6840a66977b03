"""Stage 5b: files written beside the pages: open data (`opendata`), schema.org JSON-LD embedded
in pages (`jsonld`), the Atom feed of recent changes (`feed`) and `robots.txt` (`robots`)."""
