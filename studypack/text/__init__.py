"""Text: fonts, inline markup, fitting words into boxes, and drawing them."""
