"""The people of the demo world. Every demo account shares DEMO_PASSWORD (see README)."""

DEMO_PASSWORD = "microdrama-demo"  # noqa: S105 - a published demo credential

# email local part, 中文名, English name, roles, expertise themes, memberships [(org, role, title)], bio
PEOPLE = [
    ("admin", "平台管理员", "Platform Admin", ["staff"], [], [], "负责平台运营与内容安全。"),
    ("moderator", "审核员 周宁", "Zhou Ning (moderator)", ["staff"], ["rule-of-law"], [],
     "平台内容审核，熟悉分类分层审核规则。"),
    # educators
    ("prof.lin", "林晓岚", "Lin Xiaolan", ["educator", "mentor"], ["family-ethics", "realistic"],
     [("east-china-film-academy", "admin", "教授 Professor")],
     "华东影视学院戏剧影视文学系教授，研究短剧叙事结构。"),
    ("dr.he", "何嘉", "He Jia", ["educator"], ["popular-science", "medical-science"],
     [("east-china-film-academy", "member", "讲师 Lecturer")], "讲授科普与医疗题材写作。"),
    ("prof.tang", "唐蔚", "Tang Wei", ["educator", "mentor"], ["intangible-heritage", "cultural-tourism"],
     [("southwest-media-university", "admin", "副教授 Associate Professor")],
     "西南传媒大学副教授，长期记录川渝非遗技艺。"),
    ("dr.ma", "马骁", "Ma Xiao", ["educator"], ["rural-revitalisation"],
     [("southwest-media-university", "member", "讲师 Lecturer")], "乡村题材纪录片导演出身。"),
    # mentors
    ("mentor.qian", "钱一鸣", "Qian Yiming", ["mentor"], ["rule-of-law", "realistic"], [],
     "前检察官，现为法治题材编剧顾问。Former prosecutor, now a legal-drama consultant."),
    ("mentor.song", "宋雨桐", "Song Yutong", ["mentor"], ["health-wellness", "family-ethics"],
     [("vertical-frame", "member", "内容总监 Head of Content")], "代表作《回家吃饭》系列。"),
    ("mentor.grace", "郭佳", "Grace Guo", ["mentor"], ["cultural-tourism", "history-culture"],
     [("seabreeze-global", "member", "Story Editor")], "Bilingual story editor for overseas releases."),
    ("mentor.fang", "方晴", "Fang Qing", ["mentor"], ["medical-science", "popular-science"], [],
     "三甲医院急诊科医生、医学科普作者。"),
    ("mentor.lu", "陆平", "Lu Ping", ["mentor"], ["mainstream-values", "history-culture"], [],
     "资深电视剧编剧，转型微短剧创作。"),
    # scouts
    ("scout.zhao", "赵凯", "Zhao Kai", ["scout"], ["rule-of-law"],
     [("galaxy-shorts", "admin", "制片人 Producer")], "星河短剧制片人。"),
    ("scout.wen", "温可欣", "Wen Kexin", ["scout"], ["realistic"],
     [("galaxy-shorts", "member", "策划 Development")], "负责新剧本发现。"),
    ("scout.li", "李松", "Li Song", ["scout"], ["health-wellness"],
     [("vertical-frame", "admin", "制片人 Producer")], "竖屏映画制片人，关注银发市场。"),
    ("scout.amy", "陈安美", "Amy Chen", ["scout"], ["cultural-tourism"],
     [("seabreeze-global", "admin", "Head of Acquisitions")], "Acquisitions for English vertical dramas."),
    # fund managers
    ("fund.xu", "徐文博", "Xu Wenbo", ["fund_manager"], ["intangible-heritage", "rule-of-law"],
     [("boutique-drama-fund", "admin", "项目主管 Programme Lead")], "精品扶持基金项目主管。"),
    ("fund.ye", "叶澜", "Ye Lan", ["fund_manager"], ["popular-science"],
     [("boutique-drama-fund", "member", "评审协调 Panel Coordinator")], "负责评审组织与利益冲突核查。"),
    # writers
    ("writer.chen", "陈思远", "Chen Siyuan", ["writer"], ["rule-of-law"],
     [("east-china-film-academy", "member", "研究生 MFA student")], "法学本科转编剧，写过三部普法短剧。"),
    ("writer.wang", "王小雨", "Wang Xiaoyu", ["writer"], ["intangible-heritage"],
     [("southwest-media-university", "member", "本科生 Undergraduate")], "家里三代做蜀绣。"),
    ("writer.zhang", "张卓", "Zhang Zhuo", ["writer"], ["health-wellness", "family-ethics"],
     [("east-china-film-academy", "member", "研究生 MFA student")], "想给爸妈写一部能看懂的短剧。"),
    ("writer.liu", "刘一诺", "Liu Yinuo", ["writer"], ["realistic"],
     [("east-china-film-academy", "member", "本科生 Undergraduate")], "喜欢悬疑与反转。"),
    ("writer.zhou", "周末", "Zhou Mo", ["writer"], ["cultural-tourism"],
     [("southwest-media-university", "member", "本科生 Undergraduate")], "用镜头带你逛成都。"),
    ("writer.sun", "孙可", "Sun Ke", ["writer", "mentor"], ["popular-science"], [],
     "科普博主，兼职编剧。"),
    ("writer.hu", "胡蝶", "Hu Die", ["writer"], ["family-ethics"], [],
     "自由编剧，擅长女性成长题材。"),
    ("writer.gao", "高远", "Gao Yuan", ["writer"], ["rural-revitalisation"],
     [("southwest-media-university", "member", "研究生 MFA student")], "返乡青年，写家乡的故事。"),
    ("writer.luo", "罗晨", "Luo Chen", ["writer"], ["history-culture"], [], "古装与历史题材写手。"),
    ("writer.emma", "艾玛", "Emma Walsh", ["writer"], ["cultural-tourism"],
     [("seabreeze-global", "member", "Staff Writer")], "Writes English vertical dramas set in China."),
    ("writer.daniel", "丹尼尔", "Daniel Park", ["writer"], ["medical-science"], [],
     "ER nurse turned screenwriter."),
    ("writer.yang", "杨柳", "Yang Liu", ["writer"], ["mainstream-values"],
     [("east-china-film-academy", "member", "本科生 Undergraduate")], "校园短剧社社长。"),
    ("writer.xie", "谢婷", "Xie Ting", ["writer"], ["medical-science", "health-wellness"], [],
     "护理专业毕业，关注老年健康。"),
]  # fmt: skip

# Open invitations in the demo, so an organisation admin sees the flow at work.
INVITATIONS = [
    ("east-china-film-academy", "writer.hu", "prof.lin"),
    ("galaxy-shorts", "writer.chen", "scout.zhao"),
]
