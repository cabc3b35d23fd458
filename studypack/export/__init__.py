"""Export: the pack's cards and key terms for revising on screen, as an Anki package (anki.py) or a
term/definition TSV that Quizlet imports (tsv.py). Both read the same flashcards (flashcards.py)."""
