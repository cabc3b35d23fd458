"""What every worksheet shares: the header (title, name/class/date, marks, instruction), word
bank, answer-key pages and versions. Not a layout: it registers nothing."""
