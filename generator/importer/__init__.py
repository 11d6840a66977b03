"""`import`: công bố decisions (Word or text) read into draft content files."""
