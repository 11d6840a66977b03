"""Editors' tools: JSON Schemas generated from the models (`schema`), skeletons of new files
(`skeleton`) and synthetic content for benchmarks and tests (`sample`)."""
