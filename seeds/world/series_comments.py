"""Readers' line notes on the demo series' current drafts.

Each note is anchored to the first line of the final revision that contains `quote`.
"""

# (series slug, reader's e-mail local part, quote, note)
COMMENTS = [
    ("window-three", "mentor.qian", "【卡点】",
     "钩子成立：铃声在她身后响起，这个画面很好。但第2集开头要马上兑现，不要再绕回律所。"),
    ("window-three", "mentor.qian", "人物：",
     "普法点要准确：农民工工资由总包单位先行清偿，这一条请让许青禾说得更口语一些。"),
    ("jinguan-embroidery", "prof.tang", "【卡点】",
     "外婆穿不进针这个细节是全剧的心脏，第1集就点出来是对的。镜头上请给手部特写留时间。"),
    ("jinguan-embroidery", "prof.tang", "△",
     "蜀绣针法的名称请再核对一下（如“晕针”“掺针”），评估专家会看。"),
    ("not-fooled", "mentor.fang", "【卡点】",
     "医学上准确：FAST/中风120的顺序对。建议字幕停留久一点，方便老年观众记下来。"),
    ("not-fooled", "mentor.fang", "△",
     "量血压的姿势这一稿改对了：坐姿、手臂与心脏同高、测前静坐五分钟。"),
    ("three-bowls", "mentor.grace", "[[HOOK:",
     "Strong button. For the overseas cut, consider a subtitle card for 油茶 the first time it appears."),
    ("three-bowls", "mentor.grace", "INT.",
     "Lovely texture here. Watch that Maya doesn't explain the custom to camera: let Grandma show it."),
]  # fmt: skip
