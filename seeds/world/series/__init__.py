"""The demo series: four original micro-dramas, each in three revisions.

Every series is written for the demo and adapted from nothing. The revision texts sit
next to this file (``<slug>/r1.txt`` … or ``.fountain``); ``check.py`` parses them with
the platform's own parser and must report zero warnings and a hook on every episode of
each final revision (``python3 -m seeds.world.series.check``).

People are e-mail local parts from ``seeds.world.people``; themes, genres and
audiences are taxonomy slugs from ``taxonomy.data``. Revision colours follow the
screen-industry order (white, blue, pink, yellow, green).
"""

SERIES = [
    {
        "slug": "window-three",
        "title": "三号窗口",
        "logline_zh": (
            "县城法律援助律师许青禾一心想回省城，却在讨薪、邻里排水沟、老人养老钱这些“小案子”里，"
            "挖出一串用老人身份证注册的空壳公司。"
        ),
        "logline_en": (
            "A legal-aid lawyer in a Hunan county town who only wants to get back to the city finds "
            "that the 'small cases' at her window (unpaid wages, a neighbours' drain, a widow's "
            "savings) all lead to shell companies registered in the names of unsuspecting old people."
        ),
        "synopsis": (
            "**临水县法律援助中心，三号窗口。** 许青禾在长沙律所因一次失误丢了工作，回县城“过渡一年”。"
            "她只信纸面证据，说话像背法条，看不上窗口前的鸡毛蒜皮。\n\n"
            "第1集，十二个农民工讨薪，总包说八十六万劳务费早已付给“惠民劳务”；她拨通惠民登记的电话，"
            "铃声在她身后的等候区响起：法定代表人是来告邻居砌墙堵水沟的捡废品老人谭秋生。"
            "顺着这条线，邻居曾桂英也成了“老板”，吴玉芬的五万块养老钱存进了“惠民康养”，"
            "租门面的人是她的高中同桌贺晨。\n\n"
            "每集一个日常法律问题（农民工工资先行清偿、相邻关系、非法集资的识别、冒用身份登记的撤销），"
            "串成一个越收越紧的谜团；许青禾的成长是学会“证据上写的是名字，不是人”。\n\n"
            "*Window Three* is a realistic rule-of-law series: one everyday legal question per "
            "episode, one larger mystery across the season, and a heroine whose flaw (she reads "
            "files, not people) is exactly what the county teaches her to fix. Planned: 60 "
            "episodes of about 1.5–2 minutes; the first paywall after episode 10."
        ),
        "language": "zh-hans",
        "format": "zh",
        "themes": ["rule-of-law", "realistic", "mainstream-values"],
        "genres": ["suspense", "female-led"],
        "audiences": ["lower-tier-cities", "female", "youth"],
        "planned_episodes": 60,
        "target_episode_seconds": 105,
        "paywall_episode": 10,
        "ai_disclosure": "none",
        "ai_note": "",
        "owner": "writer.chen",
        "cowriters": ["writer.yang"],
        "readers": ["mentor.qian"],
        "revisions": [
            {
                "file": "r1.txt",
                "author": "writer.chen",
                "name": "初稿",
                "color": "white",
                "note": (
                    "第1—4集粗稿。开场用长沙律所的闪回交代许青禾被辞退；“惠民”的谜团要到第2集末"
                    "才靠她“顺手一查”出现；各集卡点多是总结句。"
                ),
            },
            {
                "file": "r2.txt",
                "author": "writer.yang",
                "name": "",
                "color": "blue",
                "note": (
                    "结构调整：删掉闪回，改成一句内心独白；把谭秋生放进第1集的等候区，第1集结尾"
                    "“身后的电话响了”抛出谜团。第2集调解室改为许青禾把谭秋生当嫌疑人审，暴露她的缺点；"
                    "邻里纠纷与惠民挂钩（曾桂英的传票）。第3、4集卡点改成具体事件，新增彭四一场。"
                ),
            },
            {
                "file": "r3.txt",
                "author": "writer.chen",
                "name": "第二稿",
                "color": "pink",
                "note": (
                    "按钱一鸣老师的批注打磨方言台词；第1集独白点明她因“漏看一份证据”被辞退，"
                    "为第5集“又漏看了一个”埋线；第3集加非法集资的字幕、母子和解一拍，第4集让她"
                    "收下名片。新增第5集（人脸考勤对假工资表、奶奶的银行短信）和第6集（不识字的签名、"
                    "贺晨请她当自己的律师），补上许桂芳、张队的小传。"
                ),
            },
        ],
    },
    {
        "slug": "jinguan-embroidery",
        "title": "锦官绣",
        "logline_zh": (
            "深圳产品经理苏小满回成都帮外婆关掉蜀绣老铺，却发现外婆要关门不是因为房租，而是因为眼睛；"
            "七天后的非遗评估，她得重新拿起二十年没碰过的针。"
        ),
        "logline_en": (
            "A Shenzhen product manager comes home to Chengdu to close her grandmother's Shu "
            "embroidery workshop, finds the real reason is her grandmother's failing eyes, and has "
            "seven days before a heritage review to pick up the needle she dropped at eight."
        ),
        "synopsis": (
            "**成都锦官巷，苏家绣坊。** 巷子改造成文旅街区，老铺子要过“非遗活化评估”，过不了，"
            "门面就租给连锁茶饮。外孙女苏小满请了七天假回来，想让外婆签字放弃、跟她去深圳。\n\n"
            "第一夜她就撞见外婆穿不进针。体验课、直播、“机绣冒充手工”的质疑、翻过来看反面的真相，"
            "再到更难的问题：这两年“苏玉珍亲绣”的细活，其实都出自绣娘梅姨之手。"
            "手艺人的名字、三代女人的和解、一根劈成十六股的丝线。\n\n"
            "*Jinguan Embroidery* is a family drama about Shu embroidery (蜀绣), one of China's "
            "four great embroidery traditions, and about who gets the credit for handwork. The "
            "cultural-tourism angle is concrete: a 30-minute class, the back of the cloth, a "
            "livestream that shows rather than sells. Planned: 40 episodes; the first paywall "
            "after episode 6, when Xiaoman sits down at the other side of the frame."
        ),
        "language": "zh-hans",
        "format": "zh",
        "themes": ["intangible-heritage", "cultural-tourism", "family-ethics"],
        "genres": ["family", "female-led", "urban"],
        "audiences": ["female", "youth"],
        "planned_episodes": 40,
        "target_episode_seconds": 100,
        "paywall_episode": 6,
        "ai_disclosure": "ideas",
        "ai_note": (
            "用AI助手头脑风暴过体验课的形式和名字；剧情、人物和全部台词由两位编剧创作。"
            "Used an AI assistant to brainstorm names for the visitor class; all story and dialogue "
            "by the writers."
        ),
        "owner": "writer.wang",
        "cowriters": ["writer.zhou"],
        "readers": ["prof.tang"],
        "revisions": [
            {
                "file": "r1.txt",
                "author": "writer.wang",
                "name": "初稿",
                "color": "white",
                "note": (
                    "第1—4集粗稿。外婆的眼睛要到第3集才揭开，前两集只有“要不要签字”；"
                    "非遗知识由外婆当台词背出来。"
                ),
            },
            {
                "file": "r2.txt",
                "author": "writer.zhou",
                "name": "",
                "color": "blue",
                "note": (
                    "结构：把深夜穿针一场提前为第1集结尾；第2集以“评估提前到七天后、要当场绣”收尾；"
                    "体验课、闪回和“机绣”质疑合并为第3集；新写第4集（翻反面直播、罗秀芝登门、"
                    "梅姨认下“是我绣的”）。百科式台词改成字幕。"
                ),
            },
            {
                "file": "r3.txt",
                "author": "writer.wang",
                "name": "第二稿",
                "color": "pink",
                "note": (
                    "按唐蔚老师的意见补针法细节（晕针、从叶尖起针）、文旅的具体做法和成都话；"
                    "新增第5集（布标上的名字、拜师、答辩与评估撞期）和第6集（付费卡点：对绣芙蓉鲤鱼）。"
                ),
            },
        ],
    },
    {
        "slug": "not-fooled",
        "title": "老两口不上当",
        "logline_zh": (
            "沈阳铁西的退休车工老孙偷偷停了降压药、迷上直播间“神茶”，老伴嘴上骂他，自己却被电话里的"
            "“干闺女”哄走一万二；老两口跟着社区家庭医生一个个识破骗局，也学会了在危急时刻救下彼此。"
        ),
        "logline_en": (
            "A retired lathe worker in Shenyang quietly stops his blood-pressure pills for a "
            "livestream 'miracle tea' while his wife is charmed out of her savings by a phone "
            "'daughter'; with their family doctor they see through each scam, and learn the stroke "
            "signs that one morning save a life."
        ),
        "synopsis": (
            "**沈阳铁西工人村，孙家。** 儿子在深圳，家里太安静。老孙信直播间的“李教授”，"
            "老伴刘桂琴信天天叫她“妈”的小雅。社区卫生服务中心的叶晓雯大夫不吓唬人，"
            "只把道理讲明白：测血压前先坐五分钟，降压药不能自己停，夹手指的机器查不出血管，"
            "鱼油是食品不是药，“中风120”一看脸、二查胳膊、零听说话。\n\n"
            "节奏为银发观众放慢：每集两到三场，一场讲清一件事，知识点用大字幕再说一遍；"
            "不靠惊吓，靠老两口之间的拌嘴和心疼。第5集，老孙用学来的知识救下老伴。\n\n"
            "*Not Fooled* is a health and medical-science series for older viewers: accurate, "
            "gentle, funny, and about a marriage. Medical content is read by an emergency "
            "physician. Planned: 40 episodes of 2–2.5 minutes; the first paywall after episode 12."
        ),
        "language": "zh-hans",
        "format": "zh",
        "themes": ["health-wellness", "medical-science", "family-ethics", "popular-science"],
        "genres": ["family", "urban"],
        "audiences": ["silver-haired", "lower-tier-cities"],
        "planned_episodes": 40,
        "target_episode_seconds": 120,
        "paywall_episode": 12,
        "ai_disclosure": "editing",
        "ai_note": (
            "用AI工具检查台词是否口语化、字幕里有没有生僻字；医学内容（测血压的方法、中风120、"
            "溶栓时间窗）由方晴医生逐条审读。AI checked readability only; the medical facts were "
            "reviewed by a physician."
        ),
        "owner": "writer.zhang",
        "cowriters": ["writer.xie"],
        "readers": ["mentor.fang"],
        "revisions": [
            {
                "file": "r1.txt",
                "author": "writer.zhang",
                "name": "初稿",
                "color": "white",
                "note": (
                    "第1—3集粗稿。第2集塞了五场戏，对银发观众太密；第1集量血压的方法不对"
                    "（进门就量、只量一次）；卡点多是“他决定……”。"
                ),
            },
            {
                "file": "r2.txt",
                "author": "writer.xie",
                "name": "",
                "color": "blue",
                "note": (
                    "按方晴医生的批注改正量血压：爬楼后先静坐五分钟、手臂与心脏同高、隔一分钟复测，"
                    "并加字幕。第2集五场拆成第2集（体检会）和第3集（干闺女），每集两到三场；"
                    "原第3集改为第4集“试一试”。卡点都换成具体画面，加96110反诈专线字幕。"
                ),
            },
            {
                "file": "r3.txt",
                "author": "writer.zhang",
                "name": "第二稿",
                "color": "pink",
                "note": (
                    "第1集加控盐（一天不超过五克）；第3集埋下“中风120”；第4集卡点从“传单”改为"
                    "清晨碗摔在地上；新增第5集：识别中风、不喂药不放血、记下发病时间、打120、"
                    "时间窗内溶栓，传单挪到本集结尾。"
                ),
            },
        ],
    },
    {
        "slug": "three-bowls",
        "title": "Three Bowls",
        "logline_zh": (
            "美国美食博主在贵州侗寨过侗年时无处落脚，住进一家快要卖掉的油茶铺；三天里，她学会先问一声"
            "“可以拍吗”，也帮这家人守住了铺子。"
        ),
        "logline_en": (
            "Stranded in a Dong village in Guizhou during the New Year festival, an American food "
            "vlogger who treats people as content moves into a failing oil-tea house, and has "
            "three days to learn to ask first before the family signs it away."
        ),
        "synopsis": (
            "**Longbei, a Dong village in the hills of Guizhou, festival week.** Riley Brooks "
            "needs a viral hit by Friday. Every bed is booked, so she talks her way into the Lu "
            "family's oil-tea house, posts it as 'the saddest tea house in China', and meets the "
            "two people who will not let that caption stand: Shan, a Guangzhou line cook who came "
            "home for a roof and a loan, and his grandmother, who is 'not sad, busy'.\n\n"
            "One bowl makes you a stranger, two a guest, three family. The season follows the "
            "Dong New Year (the grand song in the drum tower, the long-table feast) and a light "
            "romance built on consent: nothing goes up without a yes.\n\n"
            "海外竖屏短剧，英文Fountain格式。文旅角度：侗族油茶、侗族大歌、鼓楼、风雨桥、长桌宴；"
            "不靠狗血，靠“先问一声”。计划60集，每集60—90秒，第6集后付费。"
        ),
        "language": "en",
        "format": "fountain",
        "themes": ["cultural-tourism", "intangible-heritage", "rural-revitalisation"],
        "genres": ["sweet-romance", "female-led"],
        "audiences": ["overseas", "female", "youth"],
        "planned_episodes": 60,
        "target_episode_seconds": 75,
        "paywall_episode": 6,
        "ai_disclosure": "ideas",
        "ai_note": (
            "We used an AI assistant to list English glosses for Dong food and festival terms; "
            "every scene and line is ours. Dong details to be checked with a cultural consultant "
            "before production."
        ),
        "owner": "writer.emma",
        "cowriters": ["writer.daniel"],
        "readers": ["mentor.grace"],
        "revisions": [
            {
                "file": "r1.fountain",
                "author": "writer.emma",
                "name": "First draft",
                "color": "white",
                "note": (
                    "Episodes 1-4, rough. Opens on a bus with a long voice-over; the sale and "
                    "Mr. Tan only surface in episodes 3-4; hooks are summaries, not events."
                ),
            },
            {
                "file": "r2.fountain",
                "author": "writer.daniel",
                "name": "",
                "color": "blue",
                "note": (
                    "Cold open at the tea-house door; the for-sale notice and the 'saddest tea "
                    "house' caption now land in episode 1. Mr. Tan and the signing set up in "
                    "episode 2, producer Jordan added in episode 3 to give Riley's want a "
                    "deadline, Nainai's own plan as the episode 4 hook."
                ),
            },
            {
                "file": "r3.fountain",
                "author": "writer.emma",
                "name": "Draft 2",
                "color": "pink",
                "note": (
                    "Polish after Grace's read: Jordan's deadline moved up to episode 1, the "
                    "'three bowls' saying planted, Shan's drone backstory, Mr. Tan's one-bowl "
                    "visit, kgal laox named; timeline fixed (the signing is on the festival's "
                    "last day). New episodes 5 (Long Table) and 6 (Sixty Bowls, first paywall)."
                ),
            },
        ],
    },
    # Not an original: a planted copy for the originality report to find. Its first scene
    # is lifted from 三号窗口 (names changed, punctuation and two lines shuffled, and a
    # "许律师" the copyist missed); the rest is its own.
    {
        "slug": "window-secrets",
        "title": "窗口的秘密",
        "logline_zh": "新人律师林晓雨接手讨薪案，发现一张用老人身份注册公司的网。",
        "logline_en": (
            "A new legal-aid lawyer takes on a wage claim and finds a web of companies "
            "registered in old people's names."
        ),
        "synopsis": "清河县法律援助中心的新人律师林晓雨，从一桩讨薪案查到一串空壳公司。",
        "language": "zh-hans",
        "format": "zh",
        "themes": ["rule-of-law"],
        "genres": ["suspense"],
        "audiences": ["lower-tier-cities"],
        "planned_episodes": 40,
        "target_episode_seconds": 90,
        "paywall_episode": 12,
        "ai_disclosure": "none",
        "ai_note": "",
        "owner": "writer.gao",
        "cowriters": [],
        "readers": [],
        "revisions": [
            {
                "file": "r1.txt",
                "author": "writer.gao",
                "name": "初稿",
                "color": "white",
                "note": "第1—3集。",
            },
        ],
    },
]
