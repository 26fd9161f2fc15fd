"""Scripted trainees for the simulator tests: a model agent per scenario and a rude one."""
from __future__ import annotations

OPEN = "您好，很高兴为您服务，请问您贵姓？"
CLOSE = "感谢您的来电，祝您生活愉快，再见。"

# {s}: the caller's surname + 先生; {order}/{phone}: the scenario's hidden facts, as a trainee would hear them.
GOOD = {
    "refund_not_arrived": [
        OPEN, "{s}，非常抱歉给您添麻烦了，我理解您的心情。请问您的订单号是多少？",
        "您的订单号是{order}，对吗？我马上为您核实。",
        "{s}，退款会在3个工作日内退回原支付账户，请问还有其他问题吗？", CLOSE],
    "wrong_item": [
        OPEN, "{s}，非常抱歉给您发错了货，我理解您的心情。请问您的订单号是多少？",
        "您的订单号是{order}，对吗？我马上为您办理换货。",
        "{s}，换货会在5个工作日内完成并通知您，请问还有其他问题吗？", CLOSE],
    "order_not_shipped": [
        OPEN, "{s}，非常抱歉让您久等了，我理解您着急的心情。请问您的订单号是多少？",
        "您的订单号是{order}，对吗？我马上为您催促发货。",
        "{s}，我们会在48小时内给您答复发货时间，请问还有其他问题吗？", CLOSE],
    "cannot_get_through": [
        "您好，很抱歉，让您久等了，请问您贵姓？", "{s}，真是不好意思，我理解您的心情。请问您的订单号是多少？",
        "您的订单号是{order}，对吗？我马上为您查询物流进度。",
        "{s}，我已经为您查到物流，明天下午五点前送到，请问还有其他问题吗？", CLOSE],
    "product_damage": [
        OPEN, "{s}，非常抱歉给您造成损失，我理解您的心情。麻烦您留下联系电话好吗？",
        "您的电话是{phone}，对吗？您反映的情况我已经记录，会向领导反映，派专人和您联系。",
        "{s}，我们会在48小时内联系您了解情况，请问还有其他问题吗？", CLOSE],
    "boss_phone": [
        OPEN, "{s}，非常抱歉让您不满意了，我理解您的心情。请问您有什么具体的事情？麻烦您留下联系电话好吗？",
        "您的电话是{phone}，对吗？我会及时向领导汇报，请领导联系您。",
        "{s}，我们会在48小时内给您回复，请问还有其他问题吗？", CLOSE],
    "misdial": [
        "您好，很高兴为您服务。", "不好意思，给您添麻烦了，请您别着急，这里是客户服务中心，请您查证后再拨，好吗？",
        "非常抱歉，理解您着急，我可以帮您查一下您要找的号码，请问还有其他问题吗？", CLOSE],
    "cannot_hear": [
        "您好，请讲。请问您贵姓？", "{s}，不好意思，请您别着急，慢慢讲，您要咨询的是维修进度，对吗？",
        "{s}，我马上为您查询维修进度，请您稍等。",
        "{s}，维修会在48小时内完成并通知您，请问还有其他问题吗？", CLOSE],
    "warranty_repair": [
        OPEN, "{s}，非常抱歉给您添麻烦了，我理解您的心情。请问您是什么时候买的？",
        "好的，您是在保修期内，对吗？我马上为您安排维修。",
        "{s}，我们会在48小时内联系您上门维修，请问还有其他问题吗？", CLOSE],
    "second_complaint": [
        OPEN, "{s}，非常抱歉上次没有处理好，我理解您的心情。请问您的订单号是多少？",
        "您的订单号是{order}，对吗？我已经为您记录，并上报主管专人跟进处理。",
        "{s}，我们会在48小时内联系您给出处理结果，请问还有其他问题吗？", CLOSE],
}

RUDE = ["喂，说话！", "这我怎么知道呀！", "这件事你应该找快递解决！", "我告诉你几遍了！", "不知道，不行就是不行！",
        "真啰嗦", "你爱找谁找谁去！", "我忙着呢！你等着！"]


def good_script(scenario) -> list[str]:
    """The model agent's lines for a scenario, with its hidden facts filled in."""
    facts = scenario.facts
    return [line.format(s=facts.get("name", "") + "先生", order=facts.get("order", ""), phone=facts.get("phone", ""))
            for line in GOOD[scenario.id]]
