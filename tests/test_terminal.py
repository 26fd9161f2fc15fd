"""What the terminal shows people: Chinese categories and the rule's heading path, never ids or stored file names."""
import re

import pytest

import kefu_terminal
from assist.citations import CheckResult, Violation
from core.types import Source

# A stored import's generated name (content hash) and the heading path a person reads.
SOURCE = Source(file="003_1959de39049d40ee.txt", article="某燃气公司客服规范 > 第三章 服务用语 > 第十条")


@pytest.mark.parametrize("category,severity,chinese", [("shift_responsibility", "high", "推卸责任"),
                                                       ("address_ni", "low", "称呼用“你”")])
def test_a_check_result_reads_in_chinese_with_its_article(capsys, category, severity, chinese):
    found = Violation(rule="fp-17", category=category, span=[0, 4], phrase="这不归我", severity=severity,
                      source=SOURCE, suggestion="请稍等，我帮您联系相关部门。")
    kefu_terminal.print_check(CheckResult(text="这不归我管，您去问燃气公司", violations=[found]))
    out = capsys.readouterr().out
    assert chinese in out and "第十条" in out
    assert not re.search(r"[0-9a-f]{8,}|fp-17|" + category, out)


def test_a_check_that_fell_back_says_why(capsys):
    kefu_terminal.print_check(CheckResult(text="好的，我帮您查一下", violations=[], fallback="模型服务超时，已仅按离线规则检查"))
    out = capsys.readouterr().out
    assert "注意：模型服务超时，已仅按离线规则检查" in out and "未发现违规" in out
