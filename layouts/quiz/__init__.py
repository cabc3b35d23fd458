"""The quiz worksheet: numbered questions from question/answer cards, written or multiple choice."""

from studypack.layout_api.registry import Layout, lazy_render, register

from .options import QuizOptions

register(
    Layout("quiz", "numbered questions with answer lines or four options, with its key", QuizOptions, lazy_render(__name__),
           order=50, title="Quiz")
)  # fmt: skip
