from ambicion.periods import period_years, same_period


def test_period_years_reads_the_printed_forms():
    assert period_years("2020-2021") == (2020, 2021)
    assert period_years("2020 – 2021") == (2020, 2021)
    assert period_years("Plan 2023/2025") == (2023, 2025)
    assert period_years("2016") == (2016, 2016)
    assert period_years("") == (None, None)
    assert period_years("N° 12345") == (None, None)


def test_same_period():
    assert same_period("2020-2021", "2020 – 2021")
    assert same_period("2020", "2020-2021")
    assert not same_period("2020-2021", "2023-2025")
    assert not same_period("", "2020-2021")
