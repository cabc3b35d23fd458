"""Loading: YAML text -> node trees -> the validated content model, every problem at once."""
