"""Printable kinds, one module each; every module registers itself with studypack.registry.

Modules whose names start with '_' are helpers and are not loaded as layouts.
"""
