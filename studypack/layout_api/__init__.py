"""What a layout sees, built-in or third-party: the registry, options, page records, styles."""
