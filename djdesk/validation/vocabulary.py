"""Fixed vocabularies of the registration forms (domain.md §2.3): 民族 (GB 3304), 政治面貌,
报到方式, service times and specialties offered, and the 党组织类别 ①–⑨ of units.

Pure data, so the form rules (services), the roster template (formats) and the screens all
offer and accept the same lists.
"""

from __future__ import annotations

ETHNICITIES = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)
POLITICAL_STATUSES = ("正式党员", "预备党员")
CHANNELS = ("线下", "线上", "随单位集中")
AVAILABLE_TIMES = ("工作日晚上", "周末", "节假日")
SPECIALTIES = (
    "法律",
    "医疗卫生",
    "教育辅导",
    "心理咨询",
    "文艺",
    "体育",
    "书法绘画",
    "摄影",
    "计算机",
    "财务会计",
    "建筑维修",
    "水电维修",
    "驾驶",
    "外语",
    "宣讲",
    "养老护理",
)

#: 党组织类别 (四川省党员信息 "一卡一表" codes ①–⑨).
UNIT_CATEGORIES: dict[int, str] = {
    1: "国有企业",
    2: "非公有制企业",
    3: "农村",
    4: "党政机关",
    5: "学校",
    6: "其他事业单位",
    7: "街道社区",
    8: "社会组织",
    9: "其他",
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨"


def category_label(code: int) -> str:
    """``④党政机关`` for 4; ``未知`` for a code outside ①–⑨."""
    return f"{CIRCLED[code - 1]}{UNIT_CATEGORIES[code]}" if code in UNIT_CATEGORIES else "未知"
