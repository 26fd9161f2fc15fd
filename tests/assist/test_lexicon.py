from assist.lexicon import Lexicon


def test_finds_every_occurrence_with_overlaps():
    lexicon = Lexicon([("不归我管", "a"), ("我管", "b"), ("不清楚", "c")])
    found = sorted(lexicon.find("这事不归我管我不清楚"))
    assert found == [(2, 6, "a"), (4, 6, "b"), (7, 10, "c")]


def test_first_value_for_a_key_wins():
    lexicon = Lexicon([("听不清", 1), ("听不清", 2)])
    assert lexicon.find("我听不清") == [(1, 4, 1)]


def test_spans_merge_into_disjoint_intervals():
    lexicon = Lexicon([("听不清您讲话", True), ("请您挂机后重拨", True), ("挂机", True)])
    assert lexicon.spans("很抱歉听不清您讲话请您挂机后重拨再见") == [(3, 16)]  # touching spans join


def test_empty_lexicon_and_empty_text():
    assert Lexicon([]).find("任何内容") == []
    assert Lexicon([("", 1), ("喂", 2)]).find("") == []
