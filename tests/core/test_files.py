import pytest

from core.files import written_whole


@pytest.mark.parametrize("name, text", [("rulebook.yaml", "禁语：你找别人去"), ("scenario-vectors.json", '{"标签": 1}'),
                                        ("客服热线服务规范.docx", "二进制内容")])
def test_a_finished_write_replaces_the_file_whole(tmp_path, name, text):
    target = tmp_path / "ws" / name
    target.parent.mkdir()
    target.write_text("旧内容", encoding="utf-8")
    with written_whole(target) as partial:
        partial.write_text(text, encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "旧内容"  # readers see the old file until the rename
    assert target.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in target.parent.iterdir()) == [name]


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "rulebook.yaml"
    target.write_text("禁语：不归我管", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with written_whole(target) as partial:
            partial.write_text("写了一半", encoding="utf-8")
            raise RuntimeError("磁盘已满")
    assert target.read_text(encoding="utf-8") == "禁语：不归我管"
    assert [p.name for p in tmp_path.iterdir()] == ["rulebook.yaml"]


def test_a_missing_folder_is_created(tmp_path):
    target = tmp_path / "models" / "check.npz"
    with written_whole(target) as partial:
        partial.write_bytes(b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
