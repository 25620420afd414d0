"""One-line failure reasons: the failing file is named once, another file is still named."""

from ambicion.errors import InputError, failure_reason


def test_reason_drops_the_name_of_the_failing_file_only():
    own = InputError("plan.pdf", "the PDF is password-protected")
    other = InputError("rof.pdf", "the PDF is password-protected")
    assert failure_reason(own, "plan.pdf") == "the PDF is password-protected"
    assert failure_reason(other, "plan.pdf") == "rof.pdf: the PDF is password-protected"


def test_unexpected_errors_are_summarised_on_one_line():
    assert failure_reason(ValueError("bad\nvalue"), "x.pdf") == "unexpected ValueError: bad value"
