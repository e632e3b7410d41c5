"""Reviews of the demo series against the Boutique Standard (精品标准).

Plain data, read by the demo loader; ``check_reviews.py`` verifies it
(``python3 -m seeds.world.check_reviews``).

EXEMPLARS are calibration excerpts: short, original, deliberately middling or weak,
scored by platform staff, with what a good reviewer should notice.

REQUESTS are review requests on the final revision (3) of each demo series. People are
e-mail local parts from ``seeds.world.people``; every ``quote`` is a whole line copied
from the series' final revision file; criterion keys are those of
``reviews.boutique_standard``. A reviewer is never the owner, a co-writer or a reader of
the series; a peer on a blind request never shares an organisation with the writer.

CONFLICTS are declared conflicts of interest (reviewer, writer).
"""

# ---------------------------------------------------------------------------
# Calibration exemplars
# ---------------------------------------------------------------------------

EXEMPLARS = [
    {
        "key": "neighbours-lecture",
        "format": "zh",
        "title": "邻里之间（第1集节选）",
        "text": """\
第1集 一台空调
1-1 日 外 小区楼下
人物：王律师、李大妈、赵大爷
△小区楼下，李大妈和赵大爷在吵架。
李大妈：你家的空调外机对着我家窗户，吵得我一晚上睡不着！
赵大爷：我装在我自己家墙上，关你什么事？
△王律师路过，停下脚步。
王律师：两位好，我是律师。根据《中华人民共和国民法典》第二百八十八条，不动产的相邻权利人应当按照有利生产、方便生活、团结互助、公平合理的原则，正确处理相邻关系。
李大妈：律师同志，那我该怎么办？
王律师：你们应当互相理解，互相包容。远亲不如近邻嘛。
赵大爷：律师说得对，是我不对。
李大妈：我也有不对的地方。
△两人握手言和。
王律师：法律就在我们身边，遇到问题要学会用法律武器保护自己。

1-2 夜 内 王律师家
人物：王律师、王妈妈
王妈妈：今天工作怎么样？
王律师：很好，我又帮助了两位邻居。
王妈妈：你真是个好律师。
△王律师看着窗外，若有所思。
【卡点】王律师决定，要用法律帮助更多的人。
""",
        "reference_scores": {
            "premise": 2,
            "opening_hook": 2,
            "episode_hooks": 2,
            "structure": 3,
            "characters": 2,
            "dialogue": 2,
            "theme": 5,
            "feasibility": 9,
            "compliance": 9,
        },
        "explanation_zh": (
            "法条引用准确、两个场景就能拍完，所以可行性和合规分高；但这正是校准要点：好拍、不出错，"
            "不等于好看。好的评审应当指出：冲突在三十秒内被一段法条和一句“远亲不如近邻”化解，"
            "没有代价也没有反转；人物只有职业名（王律师、李大妈），没有欲望和缺点；律师的台词是在给观众"
            "念法条和口号；卡点是总结句（“王律师决定……”），不是事件；主题正确，但说得太白。"
        ),
        "explanation_en": (
            "Accurate law and two cheap locations earn high feasibility and compliance scores, "
            "and that is the calibration point: easy to shoot and safe is not the same as good. "
            "A good reviewer notices that the conflict is dissolved in thirty seconds by a statute "
            "and a proverb, with no cost and no reversal; the characters are job titles with no "
            "want or flaw; the lawyer reads the law and slogans at the audience; the hook is a "
            "summary ('he decides to...'), not an event; and the right theme is stated outright."
        ),
    },
    {
        "key": "rebirth-banquet",
        "format": "zh",
        "title": "重生在寿宴（第1集节选）",
        "text": """\
第1集 重生在寿宴
1-1 夜 内 酒店宴会厅
人物：林晚、顾母、顾承泽、顾老太太、宾客
△水晶吊灯，满堂宾客。林晚猛地睁开眼，手里端着一碗汤。
林晚（OS）：我重生了？回到了三年前，顾老太太的寿宴！
△顾母一巴掌扇过来，汤碗摔碎在地上。
顾母：乡下丫头，也配进我顾家的门？
△宾客们哄笑。顾承泽搂着一个穿红裙的女人，看都没看她。
林晚（OS）：上一世，我就是今晚被赶出家门，冻死在桥洞下。这一世，我要你们跪着求我！
△林晚从包里掏出一个小瓷瓶。
林晚：这是我外婆的祖传秘方茶。老太太的糖尿病，喝三天，胰岛素就可以停了。
顾母：笑话！
△顾老太太接过茶，一饮而尽。片刻后，她脸色红润，扶着桌子站了起来。
顾老太太：我……我的腿有劲了！
△全场哗然。顾承泽第一次看向林晚。
林晚：顾承泽，离婚协议，我明天送到你公司。
【卡点】想知道林晚的真实身份？立即充值，解锁全集！
""",
        "reference_scores": {
            "premise": 2,
            "opening_hook": 8,
            "episode_hooks": 5,
            "structure": 3,
            "characters": 3,
            "dialogue": 4,
            "theme": 2,
            "feasibility": 5,
            "compliance": 1,
        },
        "explanation_zh": (
            "前三十秒确实抓人（重生、当众受辱、打脸），所以“前三集钩子”给高分；校准要点是：强钩子"
            "不能抵消合规问题。好的评审应当指出：“喝三天茶就能停胰岛素”是危害健康的伪科学，而且剧情"
            "让它立刻见效，等于替它背书；卡点写成“立即充值，解锁全集”，是诱导付费；反转靠一瓶神药，"
            "没有铺垫；人物是脸谱化的恶婆婆和渣男；宴会厅加满堂群演，成本不低。结尾的“真实身份”"
            "此前毫无铺垫，钩子本身也偏虚。"
        ),
        "explanation_en": (
            "The first thirty seconds grab (rebirth, public humiliation, payback), so the opening "
            "hook scores high; the calibration point is that a strong hook does not buy back a "
            "compliance failure. A good reviewer flags that 'three days of tea and you can stop "
            "insulin' is dangerous pseudo-science, endorsed by the plot when it works on the "
            "spot; that the hook line 'top up now to unlock every episode' is inducement to pay; "
            "that the reversal rests on a miracle cure with no setup; that the characters are "
            "cartoon villains; and that a banquet hall full of extras is not cheap. The 'real "
            "identity' tease is also unplanted."
        ),
    },
    {
        "key": "postcards-xian",
        "format": "fountain",
        "title": "Postcards from Xi'an (episode 1, excerpt)",
        "text": """\
# Episode 1: The Wall

EXT. XI'AN CITY WALL - DAY

MIA (26), American, cycles along the top of the ancient wall. Her guide LEO (28) rides beside her.

LEO
This wall was built in the Ming dynasty. It is almost fourteen kilometres long and twelve metres high.

MIA
Wow. That's amazing.

EXT. MUSLIM QUARTER - NIGHT

Crowds, lanterns, smoke from lamb skewers.

LEO
This is the Muslim Quarter. Here you can try roujiamo, the Chinese hamburger.

MIA
(eating)
So delicious!

EXT. TERRACOTTA ARMY - DAY

A DRONE SHOT sweeps over the pits of clay warriors.

LEO
Eight thousand soldiers, and every face is different.

EXT. BIG WILD GOOSE PAGODA - NIGHT

The fountain show. Mia reaches into her bag. Her grandmother's ring is gone.

[[HOOK: Mia's grandmother's ring is gone.]]
""",
        "reference_scores": {
            "premise": 4,
            "opening_hook": 3,
            "episode_hooks": 5,
            "structure": 3,
            "characters": 3,
            "dialogue": 2,
            "theme": 5,
            "feasibility": 2,
            "compliance": 9,
        },
        "explanation_zh": (
            "这是一集“旅游宣传片”。好的评审应当指出：一集七八十秒里跑了四个景点，其中两个夜景、"
            "一个人流密集的街区、一个需要特批的兵马俑航拍，成本和审批都很难；导游只负责背百科，"
            "女主只会说“太好吃了”；戒指丢失是唯一的事件，却在最后一行才出现，此前从未交代戒指的存在，"
            "钩子成立但没有铺垫。文旅主题正确，但停留在明信片层面。"
        ),
        "explanation_en": (
            "This is a tourism advert with a hook stapled on. A good reviewer notices four "
            "landmarks in one 75-second episode, two of them at night, one a crowded street and "
            "one a drone shot over a protected site that needs special permission; a guide who "
            "recites an encyclopedia and a lead whose only line is 'So delicious!'; and a lost "
            "ring that is the only event, arriving in the last line with no setup (we never saw "
            "the ring). The tourism theme is right but stays at postcard level."
        ),
    },
]


# ---------------------------------------------------------------------------
# Review requests on the final revisions
# ---------------------------------------------------------------------------

REQUESTS = [
    # 1. 《三号窗口》peer, double-blind, three reviewers, completed.
    {
        "series": "window-three",
        "revision": 3,
        "kind": "peer",
        "blindness": "double",
        "k": 3,
        "requested_by": "writer.chen",
        "episodes": None,
        "state": "completed",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "writer.hu",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 8,
                        "comment": "法援窗口前的“小案子”串成一串空壳公司，单元加连续的骨架在法治短剧里少见，一句话就讲得清。",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "第1集结尾“铃声在身后响起”是极好的视觉钩子，而且1-1就把抱塑料布的老人放进了画面，对观众公平。扣分在开头：改简历加内心独白偏静，讨薪的人进场前有十几秒空转。",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "六集卡点都是具体事件，不是总结句。第5集“许桂芳”和第6集“请她做自己的律师”尤其强。第3集卡点略靠巧合。",
                    },
                    "structure": {
                        "score": 6,
                        "comment": "“证据上写的是名字，不是人”从第2集埋到第6集收，很漂亮。但几个节点都靠“正好”：谭秋生正好在等候区、房东正好留着租约、贺晨正好此刻发来短信。一处可以，三处连在一起观众会察觉。",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "许青禾的缺点就是她的职业习惯，成长线可信，收下名片那一拍很真。罗满堂目前只负责说对的话，需要一点他自己的私心或往事。",
                    },
                    "dialogue": {
                        "score": 7,
                        "comment": "湘方言有味道（“策你的”“恰口味虾”），和许青禾的普通话形成城乡反差。1-1的法条独白和5-1张队的长句仍像在念条文。",
                    },
                    "theme": {
                        "score": 9,
                        "comment": "四个普法点都长在事件里，又有“被骗的不丢人”这样的情感落点，不说教。",
                    },
                    "feasibility": {
                        "score": 6,
                        "comment": "六集十个场景、十三场戏，工地（塔吊）、人社局、市场监管局各一场，十二个工友和门店前的老人都要群演。调解室、人社局会议室、登记窗口可以在同一栋办公楼里改景。",
                    },
                    "compliance": {
                        "score": 9,
                        "comment": "法条引用准确，非法集资的字幕表述规范，没有渲染暴力。",
                    },
                },
                "overall": (
                    "**先说好的**：这是我近期读到最像“剧”的法治题材。身后的手机铃声、七十一岁的钢筋工、"
                    "不识字的签名，普法点都长在画面里。许青禾的缺点（只看纸面）和全剧的谜团是同一件事，"
                    "这是结构上的大优点。\n\n"
                    "**最重要的三点**：\n"
                    "1. **巧合太密**。谭秋生恰好在等候区、房东恰好留着租约、贺晨恰好此刻来短信。至少给第一处补铺垫，"
                    "比如罗满堂一眼认出他是为水沟来的常客。\n"
                    "2. **罗满堂只说对的话**，给他一点自己的事。\n"
                    "3. **场景偏多**，工地和三处机关可以合并改景。"
                ),
                "line_notes": [
                    {
                        "quote": "△等候区，一个老人抱着一卷塑料布打瞌睡——谭秋生。",
                        "body": "公平的铺垫，回看会拍大腿。但他为什么今天在这里？第2集才说是来告邻居。建议让罗满堂路过时随口一句“谭爹，又是水沟的事？”，把“他在这里”从巧合变成日常。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "好主意。罗满堂这句加上了，顺便交代他是窗口的常客。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "【卡点】她刚查到贺晨，贺晨就找上了她。",
                        "body": "卡点成立，但和第4集的卡点是同一种悬念，连着两集都是“贺晨在盯着她”。第6集解释了彭四那条短信，这一条却一直没有解释。可以让他第一次找她的理由更日常，第4集的寒意才更足。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "本意是他听说她回来了。确实要点明，我想在第6集他的交代里加半句。",
                            },
                            {
                                "by": "writer.hu",
                                "body": "半句就够。第6集的力量在那个纸袋，别让他解释太多。",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "张队：考勤是真的，工资表是假的。鲁经理，条例写得清楚，分包欠的工钱，总包先行清偿，你们再去追偿。五个工作日，从工资专用账户直接打到工人卡上。",
                        "body": "前半句极好，一句话定案。后半句把第1集的法条又复述了一遍；“五个工作日”我在条例里没有找到出处，请核实，或改成“限期”。让张队只说前半句，后面交给鲁经理点头。",
                        "replies": [
                            {
                                "by": "writer.yang",
                                "body": "“五个工作日”参考的是一份地方整改通知，不是条例原文。已改成“限期支付”，张队只留前半句。",
                            },
                        ],
                        "resolved": True,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "巧合那一条说到点子上了，第7集大纲已经按这个改。",
            },
            {
                "reviewer": "writer.gao",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "县城法援的视角新鲜；但“冒用老人身份注册空壳公司”在社会新闻和普法剧里都出现过，新意主要在讲法的方式，而不在案子本身。",
                    },
                    "opening_hook": {
                        "score": 7,
                        "comment": "钩子成立，落在第1集结尾。但第1集估算近两分钟，超出105秒的目标，开头改简历、罗满堂催人的段落可以再压十几秒。",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "集集有钩。第2集“曾桂英也成了老板”是很好的二次加码。",
                    },
                    "structure": {
                        "score": 7,
                        "comment": "单元案件和主线咬合得好：第5集把第1集的讨薪案收尾，同时打开奶奶这条线，节奏成熟。",
                    },
                    "characters": {
                        "score": 6,
                        "comment": "主角成立。配角功能性太强：彭四只交代信息，周志强出场一次就完成和解，鲁经理从头到尾是“打钱的人”。",
                    },
                    "dialogue": {
                        "score": 8,
                        "comment": "方言是真方言，不是加了“咯”的普通话。曾桂英“他发了财，还要占我屋的沟”很有人味。许青禾到第6集对谭秋生仍是“您”，成长之后可以让她冒一句方言，作为变化的标记。",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "普法点准确、有分寸。第3集“被骗的不丢人，骗人的才丢人”说得略满，像口号。",
                    },
                    "feasibility": {
                        "score": 5,
                        "comment": "这是最需要改的一项：六集十个场景，第4集连着两场夜戏，第1集就要工地塔吊和十二个工友。县城实景好找，群演和场地协调成本不低。",
                    },
                    "compliance": {
                        "score": 8,
                        "comment": "整体合规。门店海报用了“以房养老”，这是有正规产品的说法，建议换成虚构口号，避免误伤。",
                    },
                },
                "overall": (
                    "**亮点**：县城的质感是真的。排水沟、口味虾、老人机里的两条短信，这些细节让普法不飘。"
                    "第5集用人脸考勤戳破假工资表是全稿最漂亮的一场：证据是画面，不是台词。\n\n"
                    "**建议**：\n"
                    "1. **成本**。六集十个场景。建议把人社局和市场监管局合并成一个“政务服务中心”，"
                    "彭四一场挪到援助中心调解室。\n"
                    "2. **配角**。彭四、周志强、鲁经理都只完成一个功能，至少给彭四一个让人记住的动作。\n"
                    "3. **时长**。第1集超出约十五秒，开头改简历的段落可以再压。"
                ),
                "line_notes": [
                    {
                        "quote": "△卷闸门紧闭，门上贴着褪色的海报：“以房养老，安享晚年”。",
                        "body": "“以房养老”有正规的金融保险产品（住房反向抵押养老保险），骗局只是借用这个名头。建议换成虚构口号，比如“存一张床位，养一辈子老”，既不误伤正规业务，也更像骗子的话术。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "没想到这一层。已改成“存一张床位，养一辈子老”，谢谢。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "彭四：我冇跑！八十六万，惠民账上一到，第二天就转走了，我只分到十几万，全垫了材料钱。",
                        "body": "这一句扛了太多信息：钱的去向、他的分成、他的清白，观众一次记不住。建议这里只说“账上一到就转走了”，分成和垫付留给他看到工友们的时候再说，那时候才有愧疚。",
                        "replies": [],
                        "resolved": False,
                    },
                    {
                        "quote": "许青禾：谭爹，您写一遍您的名字给她看。",
                        "body": "这是全剧的情感高点，但让一个不识字的老人当众“写名字”，有点残忍，而且许青禾事先应该知道结果。要么她不知道（她还在学“看人”），要么由曾桂英抢着替他说。现在的写法介于两者之间。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "我原本想的是这是她的策略。“残忍”这一点我没意识到，改成曾桂英抢在前面。",
                            },
                            {
                                "by": "writer.gao",
                                "body": "这样好，“他写不出！”本来就该是她抢着喊的。",
                            },
                        ],
                        "resolved": True,
                    },
                ],
                "helpfulness": 4,
                "helpfulness_comment": "成本那条很实际，场景合并我们采纳了；配角的意见和另一位评审有重复。",
            },
            {
                "reviewer": "writer.luo",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "法援窗口加空壳公司，组合不算新，但“每集一个民生法律问题”的单元骨架清楚，撑得起60集。",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "1-3许青禾慢慢转身，是全稿最好的一个镜头。",
                    },
                    "episode_hooks": {
                        "score": 7,
                        "comment": "第1、2、5、6集卡点都强；第3、4集的卡点都落在“贺晨发来一条短信”，手法重复，其中一集应换成动作或物件。",
                    },
                    "structure": {
                        "score": 6,
                        "comment": "单集结构好，全季的问题是底牌亮得太早：第6集贺晨自首、交出名单、指向严总。60集的体量，第6集就翻过中间人，后面靠什么撑？",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "贺晨是全稿最有意思的人：亲切、可疑、最后崩溃，层次清楚。许桂芳只有一场戏，但那一场足够。",
                    },
                    "dialogue": {
                        "score": 6,
                        "comment": "许青禾说话像法条是设定，但第1集的法条独白和第3集“这几条凑齐了，就是非法集资”仍是在给观众上课。法条交给字幕，她说人话，到第6集的变化才看得出来。",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "法治与人情结合自然，看完知道遇到这些事该去哪里、找谁。",
                    },
                    "feasibility": {
                        "score": 6,
                        "comment": "场景偏多，但都是现实场景，无特效。工地和群演是主要成本。",
                    },
                    "compliance": {"score": 9, "comment": "法律表述准确，字幕写明了出处。"},
                },
                "overall": (
                    "**亮点**：第1集的转身、第5集的考勤、第6集的签名，三场戏都把法律问题变成了看得见的证据，"
                    "这是法治短剧最难的地方。\n\n"
                    "**三点意见**：\n"
                    "1. **底牌亮得太早**。60集的剧，第6集贺晨就交出名单、交接单，还指出卡在严总的会计手里，"
                    "主线只剩“抓人”。建议纸袋里只有他经手的那一部分，第10集付费点可以落在“另一半在谁手里”。\n"
                    "2. **短信钩子重复**。第3、4集的卡点都是贺晨的短信，换一个。\n"
                    "3. **法条交给字幕**。许青禾前几集的法条台词改成人话，她的变化才有对比。"
                ),
                "line_notes": [
                    {
                        "quote": "贺晨：四十一个老人的卡，全在严总的会计手里。名单、交接单，还有我每一回交材料的照片，都在这里。",
                        "body": "这一袋证据太完整了。第6集就拿到名单、交接单和照片，接下来只剩抓人。建议他只交出自己经手的部分，“卡在哪里”他也说不准，第7集之后才有路可走。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "同意。我们原计划第10集付费点前才让严总露面，纸袋确实给多了。",
                            },
                            {
                                "by": "writer.luo",
                                "body": "那正好：让第10集的付费点落在剩下那一半在谁手里。",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "【手机屏幕：贺晨：咯晚了，还去彭四屋里？注意安全。】",
                        "body": "单看很好，后背发凉。但和上一集卡点一样是贺晨的短信。可以换成画面：她出门时，巷口停着一辆贴着“便民代办”的面包车，车里的人正在打电话。同样的问题，观众自己看出来。",
                        "replies": [],
                        "resolved": False,
                    },
                    {
                        "quote": "许青禾：讲保本，给高息，还到处拉人——这几条凑齐了，就是非法集资。要先报警。",
                        "body": "内容准确，但下一行就是同样意思的字幕，等于说了两遍。留字幕，这句换成她对吴玉芬说的一句人话，比如“阿姨，送您鸡蛋的钱，就是从您那五万里出的”。",
                        "replies": [
                            {"by": "writer.chen", "body": "“送鸡蛋的钱”太好了，直接用了。"},
                        ],
                        "resolved": True,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "“底牌亮得太早”是三份评审里最有价值的一条，直接改了我们后面二十集的大纲。",
            },
        ],
    },
    # 2. 《三号窗口》mentor, open, completed.
    {
        "series": "window-three",
        "revision": 3,
        "kind": "mentor",
        "blindness": "open",
        "k": 1,
        "requested_by": "writer.chen",
        "episodes": None,
        "state": "completed",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "mentor.lu",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 8,
                        "comment": "“窗口”是个好装置：人来人往，天然的单元剧入口。谜团（冒用身份）和主角的职业缺陷是一体的，这是立得住的原创设定。",
                    },
                    "opening_hook": {
                        "score": 7,
                        "comment": "钩子在第1集结尾，前一分钟是“改简历、排队、法条”。短剧观众前十五秒就决定走不走。建议直接从田满仓把欠条拍进窗口开始，简历在她说“下一位”之后一闪而过。",
                    },
                    "episode_hooks": {
                        "score": 9,
                        "comment": "六集卡点没有一句空话。第5集卡点把主线和主角的私人生活拧在一起，是付费剧的写法。",
                    },
                    "structure": {
                        "score": 7,
                        "comment": "单元案件与主线咬合得好。要警惕的是第6集已接近一个季终，离第10集付费点还有四集，第7至10集的升级要提前规划。",
                    },
                    "characters": {
                        "score": 6,
                        "comment": "许青禾“想回长沙”的欲望在第4集收下名片后就断了，第5、6集没有再用。欲望是她的发动机，要一直烧着。罗满堂现在是“智者”，需要一个让他犯错的时刻。",
                    },
                    "dialogue": {
                        "score": 8,
                        "comment": "湘方言的分寸好，一开口分得出城乡和年龄。“证据上写的是名字，不是人”出现两次正好，第三次就多了。",
                    },
                    "theme": {
                        "score": 9,
                        "comment": "法治与人情结合自然，普法在事件里完成，看完有所得。",
                    },
                    "feasibility": {
                        "score": 6,
                        "comment": "县城实景，无特效，但场景多、群演多，第1集就要工地和十二个工友。",
                    },
                    "compliance": {
                        "score": 9,
                        "comment": "表述准确，有字幕出处。第6集许青禾能否为贺晨代理涉及利益冲突，第7集必须讲清，否则懂法的观众会挑错。",
                    },
                },
                "overall": (
                    "思远，这一稿比上一稿紧了很多。最好的是你让每个法律问题都落在一个**能拍的证据**上："
                    "身后的铃声、考勤机、按手印的手。这是法治题材最难做到的。\n\n"
                    "三点意见，按轻重：\n"
                    "1. **第6集的卡点是个法律问题，下一集要正面回答**。许青禾代理着被冒用身份的老人，"
                    "又是受害人许桂芳的孙女，她不能做贺晨的辩护人。让她说“不”，并说清为什么，这是全剧最好的普法机会。\n"
                    "2. **她的欲望不能断**。严总的名片收进包里以后就没了下文。\n"
                    "3. **开场前十五秒**，从欠条拍进窗口开始。"
                ),
                "line_notes": [
                    {
                        "quote": "△许青禾看着那张名片，过了好一会儿，把它收进了包里。",
                        "body": "好。这是她最像真人的一刻。但这张名片之后去哪了？建议第6集贺晨说出“严总”时，她下意识按了一下包。道具要用完。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "钱老师也说过这张名片要“回收”。第6集加了这个动作。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "贺晨：你陪我去，好不好？",
                        "body": "很好的卡点，但请先想好答案：她代理着谭秋生、曾桂英，又是许桂芳的孙女，做贺晨的辩护人有利益冲突。我的建议：她拒绝代理，但陪他走到公安局门口。法律上说不，人情上陪一程，这就是这部剧。",
                        "replies": [
                            {
                                "by": "writer.chen",
                                "body": "陆老师，这正是我们第7集想写的，“陪到门口”这个画面我们用了。",
                            },
                            {"by": "mentor.lu", "body": "那就把门口那场写短，让她少说一句。"},
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "许青禾（OS）：《保障农民工工资支付条例》第三十条，分包单位拖欠农民工工资的，由施工总承包单位先行清偿。",
                        "body": "条文准确，但放在内心独白里，观众听到的是朗读。她脑子里闪过的是“总包跑不脱”，不是条文编号。条文做成字幕，独白删掉，下一句“包工头跑了，总包跑不脱”已经够了。",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "“法律上说不，人情上陪一程”，第7集就照这个写。",
            },
        ],
    },
    # 3. 《锦官绣》peer, single-blind, two reviewers who disagree on structure. Staff
    #    recorded a decision and asked for one more review, so the request is open again
    #    and stays in the staff queue until that review is in.
    {
        "series": "jinguan-embroidery",
        "revision": 3,
        "kind": "peer",
        "blindness": "single",
        "k": 2,
        "requested_by": "writer.wang",
        "episodes": None,
        "state": "diverged",
        "extra_review": True,
        "staff_decision": (
            "“结构与反转”一项，两位评审分别给出3分和8分，相差5分，超过阈值4分。平台工作人员复读了第3至6集："
            "两份意见都有文本依据。芙蓉鲤鱼、嫁妆字条、“针扎一下，手就记得路了”等线索确有铺垫并回收（8分一方）；"
            "但罗秀芝在第4集登门和第5集答辩撞期都是事后才给理由（3分一方）。本项不取平均（5.5），"
            "按6分计入综合分，对应评分标准中档“结构清楚，反转偶有生硬”。两份评审均保留，评审人声誉不受影响；"
            "建议作者优先处理罗秀芝出场的前因。\n\n"
            "Structure and reversals: the two reviewers gave 3 and 8, a spread of 5 against a threshold of 4. "
            "Staff re-read episodes 3-6 and found textual support for both: the setups (the half-finished "
            "carp, the dowry note, 'the hand remembers the way') are planted and paid off, while Luo "
            "Xiuzhi's arrival in episode 4 and the clashing promotion interview in episode 5 are justified "
            "only after the fact. Instead of the mean (5.5) the criterion counts as 6, the rubric's middle "
            "anchor ('clear structure; some reversals feel forced'). Both reviews stand and neither "
            "reviewer's reputation is affected."
        ),
        "reviews": [
            {
                "reviewer": "writer.liu",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 6,
                        "comment": "都市女主回乡继承老手艺，是非遗短剧最常见的开局。新意在后半段：“谁的名字绣在布标上”比“铺子保不保得住”有意思得多，应该更早亮出来。",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "第1集结尾穿不进针，画面有力，情感钩子立得住。",
                    },
                    "episode_hooks": {
                        "score": 7,
                        "comment": "大部分集尾有钩，第4集“梅姨认下”最好。第5集“九点评估、十点航班”是硬造的倒计时。",
                    },
                    "structure": {
                        "score": 3,
                        "comment": "三个关键转折都靠巧合：罗秀芝恰好在直播那天登门并当众发问；晋升答辩恰好改到评估当天；评估的作品恰好要两个人对绣。第5集补的“前天有买家找我鉴定”是事后解释，不是铺垫。三处叠在一起，故事是被安排的，不是被人物推着走的。",
                    },
                    "characters": {
                        "score": 6,
                        "comment": "苏玉珍和梅素芬立得住。苏小满的“产品经理”多是台词上的标签（需求、用户体验、提交记录），除了报名小程序，她的职业能力没有真正解决过问题。",
                    },
                    "dialogue": {
                        "score": 6,
                        "comment": "成都话自然。但小满的互联网比喻出现得太规律，第5集“提交记录”那句像编剧在替她总结主题。",
                    },
                    "theme": {
                        "score": 7,
                        "comment": "署名权是好主题。但“苏玉珍亲绣”已经卖给了买家，现实里这是对消费者的误导，剧里没有人提怎么补救。",
                    },
                    "feasibility": {
                        "score": 8,
                        "comment": "主场景集中在绣坊，巷子、茶馆、出租车都好拍。",
                    },
                    "compliance": {
                        "score": 7,
                        "comment": "“亲绣”误导买家的问题需要在剧中给出态度（联系买家说明、可退换），否则像是被轻轻放过。",
                    },
                },
                "overall": (
                    "**优点**：针是这部剧的心脏。第1集穿不进针，第3集“针扎一下，手就记得路了”，"
                    "第6集隔着绡看见婆婆的手，一条线贯穿到底。翻反面直播是全稿最好的文旅段落：不卖货，只给人看。\n\n"
                    "**问题**：\n"
                    "1. **结构靠巧合推进**。罗秀芝登门、答辩撞期、双面绣要两人对绣，都是编剧替人物安排的。"
                    "至少让罗秀芝的出现有前因，比如第3集评论区里有她的一条留言。\n"
                    "2. **已售出的“亲绣”怎么办**？第5集剪了布标，之前卖出去的呢？给一句态度。\n"
                    "3. **出租车掉头**是常见桥段，换一个更像苏小满的选择。"
                ),
                "line_notes": [
                    {
                        "quote": "△人群里走出一个瘦小的老太太，拎着布包，布包上绣着一朵褪了色的芙蓉。",
                        "body": "罗秀芝是第4集反转的核心，但此前剧中从没提过她（只在人物小传里）。观众会问：她怎么偏偏今天来？建议在3-3的评论截图里加一条她的留言，或让梅素芬在4-1提一句“安靖那边有人托话来问”。",
                        "replies": [
                            {
                                "by": "writer.wang",
                                "body": "评论区加一条她的留言，好做，已经加了：“针脚是谁的，我看得出来。——安靖罗”。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "【手机屏幕：领导：晋升答辩改到明天下午两点，深圳，必须本人到场。】",
                        "body": "这条短信是为了制造“二选一”而存在的。领导为什么偏偏改到明天？如果一定要撞期，请在第1集就埋下答辩日期（她进门时那通电话就可以提），让它是早就定好的，而不是临时掉下来的。",
                        "replies": [
                            {
                                "by": "writer.zhou",
                                "body": "第1集的电话可以改成“答辩定在下周四，我一定赶回去”。我们再讨论一下。",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "苏小满：婆婆，在我们公司，哪个写的代码，提交记录上都有名字。不写名字，人家做得再好，也像没做过。",
                        "body": "这句把主题直接说出来了，而且说得漂亮，所以更像编剧的总结。苏玉珍剪布标的动作已经完成了这个意思。建议删掉后半句，留给观众。",
                        "replies": [
                            {
                                "by": "writer.wang",
                                "body": "我们很喜欢这句……但你说得对，后半句删了。",
                            },
                        ],
                        "resolved": True,
                    },
                ],
                "helpfulness": 4,
                "helpfulness_comment": "巧合的问题说得很重，但每一条都给了具体改法。",
            },
            {
                "reviewer": "writer.chen",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "非遗题材常见，但“眼睛坏了”和“署名是谁”这两个真问题让它不落俗套。",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "第1集就揭开眼睛的秘密，嫁妆字条一句顶一场戏。",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "六个卡点都落在具体画面上，第6集付费卡点“二十年没拿过针的手，落下了第一针”情绪到位。第5集卡点略硬。",
                    },
                    "structure": {
                        "score": 8,
                        "comment": "反转的铺垫做得细：芙蓉鲤鱼第1集就盖在绣架上；“针扎一下，手就记得路了”第3集种、第6集收；第4集梅素芬“手停在半空”、苏玉珍“顿了一下”，提前暗示那幅芙蓉有问题。罗秀芝的登场第5集补了理由，可以接受。",
                    },
                    "characters": {
                        "score": 8,
                        "comment": "三代女人各有缺点：外婆要面子，小满急，梅姨不争。梅姨女儿那句“一件都没得你的名字”让配角有了自己的欲望。",
                    },
                    "dialogue": {
                        "score": 7,
                        "comment": "成都话味道足（莫得、巴适、孃孃）。向阳在2-2的几句像在讲市场分析。",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "非遗与署名、文旅与“体验”结合自然，翻反面直播寓教于乐。",
                    },
                    "feasibility": {
                        "score": 7,
                        "comment": "场景集中。但需要一幅真实、半完成的芙蓉鲤鱼双面绣作道具，还要能上特写的绣娘手替，这笔钱要提前算。",
                    },
                    "compliance": {
                        "score": 8,
                        "comment": "格调健康。建议核实评估规则：要求传承人“当场绣”，却由两人对绣完成，是否算数？剧里可以让专家问一句。",
                    },
                },
                "overall": (
                    "**亮点**：这是一部会埋线的剧。芙蓉鲤鱼从第1集的嫁妆字条走到第6集的绣架，"
                    "“针扎一下，手就记得路了”从外婆教小女孩变成外婆对外孙女说，回收得干净。"
                    "第5集剪布标的动作比任何台词都有力。\n\n"
                    "**建议**：\n"
                    "1. **道具与手替**。双面绣特写是全剧卖点，半完成的芙蓉鲤鱼和绣娘手替要提前落实，否则第6集拍不出来。\n"
                    "2. **评估规则**。专家看到两人对绣会怎么判？第7集开头给一个明确态度。\n"
                    "3. 向阳在第2集的台词偏“市场分析”，换成他自己拍视频时的具体烦恼。"
                ),
                "line_notes": [
                    {
                        "quote": "苏玉珍：（对专家）我眼睛不行了，不瞒各位。可这幅是双面绣，正反两面都是鱼，要两个人对着绣，一个在正面，一个在反面，针从这边递过去，那边接住。",
                        "body": "动人。但请和熟悉蜀绣的老师核实：双面绣是否需要两人对坐递针？据我所知，不少双面绣由一人完成。如果大幅作品确有两人对绣的做法，建议加一句说明，懂行的观众会看这一点。",
                        "replies": [
                            {
                                "by": "writer.wang",
                                "body": "我外婆那辈做大件的确有两人对绣，但不是常规。加一句“大件才这样绣”，再请唐老师过目。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "向阳：外地人来成都，吃了火锅，看了熊猫，还想带点成都的东西走。带一片自己绣的芙蓉，比带个冰箱贴巴适多了。",
                        "body": "这是写给运营方的方案，不像博主会说的话。可以换成他自己的困境：在锦官巷拍了一个月，流量全在火锅店，没人点绣坊的视频。让“体验课”成为两个人互相帮忙的结果。",
                        "replies": [],
                        "resolved": False,
                    },
                    {
                        "quote": "△梅素芬从墙上取下那幅芙蓉，手停在半空。",
                        "body": "这一下停顿是全集最好的铺垫，第4集结尾回看就明白了。请给手部一个特写，剪辑时别剪掉。",
                        "replies": [
                            {"by": "writer.zhou", "body": "好，分镜里给了两秒特写。"},
                        ],
                        "resolved": True,
                    },
                ],
                "helpfulness": 3,
                "helpfulness_comment": "道具和评估规则两条很实用；结构部分多是肯定，对改稿帮助不大。",
            },
        ],
    },
    # 4. 《老两口不上当》mentor, single-blind, completed.
    {
        "series": "not-fooled",
        "revision": 3,
        "kind": "mentor",
        "blindness": "single",
        "k": 1,
        "requested_by": "writer.zhang",
        "episodes": None,
        "state": "completed",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "mentor.song",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "老两口各上一个当、互相看不起又各自中招，比单一骗局剧有层次；家庭医生作为固定角色撑得起长线。反诈加健康本身不新，新在“夫妻互救”。",
                    },
                    "opening_hook": {
                        "score": 6,
                        "comment": "第1集的卡点“免费体检为啥要带银行卡”是问句，对银发观众有效（评论区会抢答“骗子”），但力度偏软。停药在1-2当着医生被老伴揭穿，这场很好；卡点如果落在老孙把传单折好揣进上衣兜，观众会替他着急。第2、3集加码很好。",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "第2集“收据是老伴儿的”和第4集“碗摔碎了”是一流的卡点。第5集卡点重复了上一句台词。",
                    },
                    "structure": {
                        "score": 7,
                        "comment": "从“他上当”到“她上当”再到“他救她”，三段清楚。刘桂琴中风出人意料，但她此前没有任何风险因素，稍显突兀；给她一句“我又没高血压，体检我就不去了”即可。",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "老孙的车工身份用得极好，“差一丝都不行”成了他识破骗局、签字的方式。叶晓雯只负责讲知识，是全剧最薄的人物。",
                    },
                    "dialogue": {
                        "score": 8,
                        "comment": "东北话地道，有幽默感（“叫兽”）。叶晓雯的台词太满，1-2一场讲了三件事。",
                    },
                    "theme": {
                        "score": 9,
                        "comment": "科普准确、有温度，不吓唬老人，这在银发题材里难得。",
                    },
                    "feasibility": {
                        "score": 7,
                        "comment": "家、社区卫生服务中心、急诊、酒店会议厅。会议厅那场要三四十位老年群演，是主要成本；急诊走廊可借医院非诊疗时段或搭景。",
                    },
                    "compliance": {
                        "score": 7,
                        "comment": "医学内容已审，整体放心。两处要调：点名一种中成药，容易被理解为否定该药；溶栓后一小时手指就动，疗效表现得过于理想。",
                    },
                },
                "overall": (
                    "这是我今年读到最适合银发观众的剧本之一：节奏慢而不拖，一场讲一件事，知识点用大字幕再说一遍，"
                    "老人看得懂，儿女愿意转发。老孙用“车了四十年零件”识破假报告，是把科普写成人物的范例。\n\n"
                    "从制作和播出的角度，三点：\n"
                    "1. **第1集卡点落在动作上**。问句偏软，让老孙把传单折好揣进上衣兜，观众替他着急。\n"
                    "2. **叶晓雯需要自己的戏**。她是长线角色，不能只是知识播报员。\n"
                    "3. **两处送审风险**：点名中成药、溶栓效果过于理想，见批注。"
                ),
                "line_notes": [
                    {
                        "quote": "马富贵：老孙，快！安宫牛黄丸，给嫂子灌下去！再拿针扎手指头放血，我老家都这么整！",
                        "body": "情节上是对的：急救时不能乱喂药、不能放血。但点名一种合法上市的中成药，送审时容易被理解为否定该药。建议改成“我这有救急的药丸子”；老孙的理由也改成“嘴歪了咽不下去，一喂就呛”，更准确，也不得罪人。",
                        "replies": [
                            {
                                "by": "writer.zhang",
                                "body": "方晴医生也建议理由落在吞咽上。两处都改了。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "△一个多小时后，病床上，刘桂琴右手的手指头，慢慢动了一下，又动了一下。",
                        "body": "情感上需要这一拍，但别让观众以为溶栓立竿见影。建议陈大夫加一句“能恢复多少，要看接下来几天”，或者把这一拍挪到第二天早上。",
                        "replies": [
                            {
                                "by": "writer.zhang",
                                "body": "挪到第二天早上，还可以让儿子赶到，一举两得。",
                            },
                            {
                                "by": "mentor.song",
                                "body": "好。儿子赶到这一拍放在第6集开头也行，给第5集卡点留位置。",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "叶晓雯：还有，咸菜少吃。一天的盐，连酱油、咸菜算上，不超过五克。一个啤酒瓶盖装平了，差不多六克。",
                        "body": "这一场叶晓雯讲了三件事：测量方法、不能停药、控盐。老年观众一场只记得住一件。控盐在1-1饭桌上已经有了拌嘴，这里可以只留“瓶盖”这个画面，数字放到以后专讲饮食的一集。另外，“啤酒瓶盖约六克”通常指去掉胶垫的瓶盖，请加上。",
                        "replies": [
                            {
                                "by": "writer.xie",
                                "body": "“去掉胶垫”已经加上。控盐只留瓶盖这个画面，我们在试。",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "叶晓雯：刘姨，天天打电话、先叫妈、后卖货，这叫情感营销。专挑家里孩子不在身边的老人。",
                        "body": "道理对，而且这是叶晓雯全剧唯一一次碰到“人”而不是“病”。可以多给她一点：她自己的妈妈也在外地，她也一周才打一回电话。她说这句话时，是在说自己。",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "送审风险那两条，我们自己完全没想到。",
            },
        ],
    },
    # 5. 《老两口不上当》peer, double-blind, episodes 1-3, in progress.
    {
        "series": "not-fooled",
        "revision": 3,
        "kind": "peer",
        "blindness": "double",
        "k": 3,
        "requested_by": "writer.zhang",
        "episodes": [1, 3],
        "state": "in_progress",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "writer.wang",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "骗局题材常见，但把骗局分给老两口各一个、互相看不起又各自中招，是喜剧的好结构。",
                    },
                    "opening_hook": {
                        "score": 7,
                        "comment": "1-1就交代了“神茶”和停药，信息到位；第1集卡点是问题式的，力度中等。第2集结尾老伴的收据是前三集最强的一拍。",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "三集集尾都有具体画面或问题，第3集“这回她会怎么回答”很抓人。",
                    },
                    "structure": {
                        "score": 7,
                        "comment": "第2集老孙刚识破骗局就被收据反打，节奏好。第3集有点赶：刘桂琴说完“我不信”，中间插进中风120，回到小雅这条线只隔两句台词她就去试探了。",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "老孙、刘桂琴都有面子、有软肋。马富贵是好用的喜剧配角。叶晓雯在前三集只出现在诊室里讲道理。",
                    },
                    "dialogue": {"score": 8, "comment": "东北口语生动：“磨叽”“整一台”“叫兽”。"},
                    "theme": {
                        "score": 8,
                        "comment": "反诈与健康知识结合自然，字幕帮老年观众记住要点。",
                    },
                    "feasibility": {
                        "score": 7,
                        "comment": "酒店会议厅的群演是大头，其余场景简单。",
                    },
                    "compliance": {
                        "score": 8,
                        "comment": "知识点有字幕，有反诈专线号码，表述准确。",
                    },
                },
                "overall": (
                    "**优点**：老两口互相“抓包”的结构很聪明：他笑她，转身自己也差点掏卡；她骂他，"
                    "枕头底下压着一万二的收据。酒店门口老孙用“同一批活儿还差个一丝半丝”识破假报告，"
                    "是把人物职业写进情节的好例子。\n\n"
                    "**建议**：\n"
                    "1. **第3集转得太快**。刘桂琴从“我不信”到主动打电话试探，中间缺一个她自己动摇的瞬间。\n"
                    "2. **第1集卡点换成动作**：比如刘桂琴把传单上“银行卡”那一行撕下来，塞进围裙兜。\n"
                    "3. **会议厅群演**可以用前排五六位老人加环境声做满。"
                ),
                "line_notes": [
                    {
                        "quote": "刘桂琴：我不信。",
                        "body": "这三个字之后，她下一次开口就同意试探了。她需要一个自己动摇的瞬间：比如叶晓雯问“小雅知道您叫啥名吗？”她愣住——半年了，对方只叫她“妈”。",
                        "replies": [
                            {
                                "by": "writer.zhang",
                                "body": "“只叫妈，不叫名字”，这个太好了，我们加。",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "孙德厚：我车了四十年零件，同一批活儿还差个一丝半丝，咱俩的脑血管能一模一样？",
                        "body": "全稿我最喜欢的一句。现在他对着太阳看报告，观众看不到数字。给两份报告并排一个特写，让观众比他先看出“六十七点三”一模一样，再让他说这句话，观众会跟着他一起得意。",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": None,
                "helpfulness_comment": "",
            },
            {
                "reviewer": "writer.sun",
                "status": "draft",
                "scores": {
                    "opening_hook": {
                        "score": 6,
                        "comment": "第1集信息量足，但钩子到结尾才出现，而且是个问句。",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "测血压的方法、不能自行停药、控盐，逐条核对都对，没有恐吓。",
                    },
                    "compliance": {
                        "score": 7,
                        "comment": "第2集老孙用数字识破了骗局，但“夹手指能查脑血管”这个说法本身要到第3集才被叶晓雯纠正。老年观众可能只记住“那个数不对”，而不是“这种机器根本查不了”。考虑在2-2加一行字幕。",
                    },
                },
                "overall": (
                    "（草稿）科普点我逐条核对了：测前静坐五分钟、手臂与心脏同高、隔一分钟复测，都对。"
                    "还要再看：指夹仪器那段要不要提前拆穿；刘桂琴的线……"
                ),
                "line_notes": [
                    {
                        "quote": "工作人员：孙大爷，您这脑血管，堵了百分之六十七。",
                        "body": "（待完善）“夹手指查血管”要隔一整集才被纠正。",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": None,
                "helpfulness_comment": "",
            },
            {
                "reviewer": "writer.zhou",
                "status": "assigned",
                "scores": {},
                "overall": "",
                "line_notes": [],
                "helpfulness": None,
                "helpfulness_comment": "",
            },
        ],
    },
    # 6. Three Bowls: peer, open, two reviewers writing in English, completed.
    {
        "series": "three-bowls",
        "revision": 3,
        "kind": "peer",
        "blindness": "open",
        "k": 2,
        "requested_by": "writer.emma",
        "episodes": None,
        "state": "completed",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "writer.luo",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "Outsider vlogger saves the family business is a familiar overseas frame; the consent rule and the one-chopstick custom make it yours.",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "Rain, 'we're closed', the for-sale sign, Jordan's deadline and the caption, all inside episode 1. It runs about 86 seconds against a 75-second target; the Dodo introduction can lose an exchange.",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "Every hook is an event. Episode 3 (Dodo heard) and episode 4 (Nainai will sign herself) are the best.",
                    },
                    "structure": {
                        "score": 5,
                        "comment": "The rescue comes from outside the family: Ms. Yang's county offer arrives in episode 6 with no setup. Who can sign, Shan or Nainai, is also never settled.",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "Nainai is the strongest character with the fewest lines. Shan has a past (the drone, the wok line) but no want of his own beyond paying the loan. Jordan is only a voice.",
                    },
                    "dialogue": {
                        "score": 8,
                        "comment": "Riley's voice is specific and funny ('cereal that went to college'). 'Did you ask?' does more work than a speech would.",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "Consent as the spine of a tourism story is smart and current, and it never preaches.",
                    },
                    "feasibility": {
                        "score": 4,
                        "comment": "Costly: a night drum-tower scene with a costumed choir, a 100-metre long-table feast, a queue down the hill onto the bridge, rain on the bridge at night. Shoot during the real festival with the village's agreement, or shrink.",
                    },
                    "compliance": {
                        "score": 8,
                        "comment": "Respectful and consent-aware. Have the Dong consultant check the festival details and the term glosses.",
                    },
                },
                "overall": (
                    "**What works.** The one-chopstick custom is the best device in the script: it tells us "
                    "who belongs before anyone says so, and Mr. Tan's two-gulp bowl in episode 2 "
                    "characterises him without a line. 'Did you ask?' is the whole theme in three words. "
                    "Nainai, with almost no English, is the character I'd follow for sixty episodes.\n\n"
                    "**What to fix.**\n"
                    "1. **Set up the rescue.** Ms. Yang and the heritage food trail arrive from nowhere in "
                    "episode 6. Plant the trail earlier, ideally in Mr. Tan's mouth.\n"
                    "2. **Who signs?** In episode 2 Shan agrees to sell; in episode 4 Nainai will sign "
                    "'herself'. One line on whose name is on the house and whose on the loan.\n"
                    "3. **Cost.** Episodes 4-6 need a drum-tower choir, a long-table feast and a crowd on "
                    "the bridge. Decide now whether you shoot during the real festival."
                ),
                "line_notes": [
                    {
                        "quote": "A woman in a county lanyard steps past him: MS. YANG (40s), county culture and tourism office.",
                        "body": "This is the rescue, and it's the first we hear of the county or a food trail. Plant it: a half-built trail sign on the bridge in episode 3, or Mr. Tan waving it away ('the county's trail won't fix your roof'). Then episode 6 pays off instead of arriving.",
                        "replies": [
                            {
                                "by": "writer.emma",
                                "body": "Love Mr. Tan waving it away: it also gives him a reason to hurry the signing.",
                            },
                            {
                                "by": "writer.luo",
                                "body": "Exactly. Then his midnight deadline is about the trail, not only the bank.",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "Nainai went to Mr. Tan's office. She will sign tomorrow. Herself. So you can go back to Guangzhou.",
                        "body": "Great hook, but it raises a question the script never answers: if Nainai can sign herself, why was Shan going to sign in episode 2? One line (the house is hers, the loan is his) and this becomes a sharper choice.",
                        "replies": [
                            {
                                "by": "writer.daniel",
                                "body": "House is hers, loan is his. We'll give that line to Mr. Tan in episode 2.",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "Lanterns. Villagers in indigo and silver. A circle of women sings in many voices, like cicadas in summer.",
                        "body": "Beautiful, and the most expensive line in the draft: a costumed choir at night. If you can't shoot at the real festival, open on a close shot of three singers and let the sound carry the crowd.",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "The Mr. Tan line about the trail fixed two problems at once.",
            },
            {
                "reviewer": "writer.hu",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "A fresh setting for the overseas market; the vlogger-learns-better arc itself is familiar.",
                    },
                    "opening_hook": {
                        "score": 7,
                        "comment": "The hook works, but the strongest beat, Shan reading the caption, lands in the last scene of the longest episode.",
                    },
                    "episode_hooks": {
                        "score": 8,
                        "comment": "All six end on events. The episode 5 hook is long for a card; trim it to the line on the bridge.",
                    },
                    "structure": {
                        "score": 6,
                        "comment": "A clean three-day clock. The Bangkok offer gives the paywall a real choice, but it is Jordan changing the story by phone again.",
                    },
                    "characters": {
                        "score": 6,
                        "comment": "Riley changes too fast: by episode 2 she has deleted the post and offered a deal, and after that she is mostly right. Dodo carries the translating and little else.",
                    },
                    "dialogue": {
                        "score": 7,
                        "comment": "Riley and Shan spar well. Dodo's lines are mostly translations of Nainai, which makes her a device.",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "'Not sad, busy' turns the tourist's gaze around; consent is built into the plot, not lectured.",
                    },
                    "feasibility": {
                        "score": 5,
                        "comment": "The festival set pieces in episodes 4-6 are heavy; the tea house itself is a gift of a single location.",
                    },
                    "compliance": {
                        "score": 9,
                        "comment": "Respectful throughout; nothing to flag.",
                    },
                },
                "overall": (
                    "**Strengths.** 'Tell the American I'm not sad. I'm busy.' is the line that sells this "
                    "show to an overseas buyer: it turns the poverty-content gaze around in one sentence. "
                    "The tea house is a gift for production, and the three-bowls saying pays off cleanly "
                    "with the backpacker in episode 6.\n\n"
                    "**Notes.**\n"
                    "1. **Riley turns too quickly.** She deletes the post in episode 2 and is mostly right "
                    "from then on. Let her slip once in episode 3 (a cropped clip posted without asking, "
                    "and Dodo sees it), so 'I'm going to ask first' in episode 4 costs her something.\n"
                    "2. **Dodo is a translator, not yet a person.** Eleven, bilingual, funny: give her "
                    "something she wants from Riley.\n"
                    "3. **Episode 1 runs long** and its best beat comes last. Cut one exchange at the table."
                ),
                "line_notes": [
                    {
                        "quote": "She looks at Nainai, at the fire, at Shan. She deletes the post.",
                        "body": "This is the turn of the series and it comes in episode 2 of 60. I believe the impulse, not that it sticks. Keep the deletion, but let her relapse once before episode 4.",
                        "replies": [
                            {
                                "by": "writer.emma",
                                "body": "We argued about exactly this. Trying a version where she reposts a cropped clip in episode 3 and Dodo sees it.",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": "She says, \"Sad? Tell the American I'm not sad. I'm busy.\"",
                        "body": "Best line in the script, but it belongs to the translator. Consider letting Nainai say the last word herself in English, 'Busy!', the one English word she knows. Then she is the one answering the caption.",
                        "replies": [
                            {
                                "by": "writer.daniel",
                                "body": "Nainai's one English word. Yes. We'll plant that she picked it up from Dodo's homework.",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "DODO (11), Shan's cousin, school tracksuit, sits across from Riley.",
                        "body": "Dodo does nearly all the translating in six episodes. Give her a want of her own: a follow from Riley's account, a school English contest, a way out of the village. She'll stop being furniture.",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": 4,
                "helpfulness_comment": "The relapse note is right and hard; we're still working on it.",
            },
        ],
    },
    # 7. Three Bowls: mentor, single-blind, completed.
    {
        "series": "three-bowls",
        "revision": 3,
        "kind": "mentor",
        "blindness": "single",
        "k": 1,
        "requested_by": "writer.emma",
        "episodes": None,
        "state": "completed",
        "staff_decision": "",
        "reviews": [
            {
                "reviewer": "mentor.lu",
                "status": "submitted",
                "scores": {
                    "premise": {
                        "score": 7,
                        "comment": "A city outsider in a village is a well-worn road; 'ask first' is the new turn, and a good one for viewers tired of 'authentic' content.",
                    },
                    "opening_hook": {
                        "score": 8,
                        "comment": "Door, rain, a for-sale sign and a Friday deadline, all in episode 1. The caption as the hook is exactly right.",
                    },
                    "episode_hooks": {
                        "score": 9,
                        "comment": "Every episode ends on an event that changes someone's choice. The paywall gives Riley a real dilemma.",
                    },
                    "structure": {
                        "score": 6,
                        "comment": "The three-day clock is clear, but the resolution is handed in from outside (the county, the network) in the same episode. One of the two must be earned by the Lus.",
                    },
                    "characters": {
                        "score": 7,
                        "comment": "Nainai and Shan are specific. Mr. Tan is only a deadline; give him a history with this hill.",
                    },
                    "dialogue": {
                        "score": 7,
                        "comment": "Riley and Shan spar well. Some lines explain the culture to us; the big-song line works because it is also about them.",
                    },
                    "theme": {
                        "score": 8,
                        "comment": "Heritage and tourism told through consent and a family choice, not through a brochure.",
                    },
                    "feasibility": {
                        "score": 5,
                        "comment": "Big festival set pieces in episodes 4-6; otherwise one main location.",
                    },
                    "compliance": {
                        "score": 8,
                        "comment": "Nothing to worry about. Check the Dong terms and the festival calendar with the consultant, as your AI note says.",
                    },
                },
                "overall": (
                    "**The spine is strong.** Three days, one tea house, one rule: ask first. Each episode "
                    "turns on a choice, and every hook changes what someone will do next. Mr. Tan's "
                    "one-bowl visit is a small masterpiece of economy.\n\n"
                    "**Two things before episode 7.**\n"
                    "1. **Earn the rescue.** In episode 6 both the county's offer and the network's offer "
                    "fall from the sky. Keep one and let the family earn it: Shan walks into the county "
                    "office in episode 5 with Riley's film on his phone, so Ms. Yang's visit is an answer, "
                    "not a miracle.\n"
                    "2. **Give Mr. Tan a face.** If he grew up on this hill and drank Nainai's tea as a boy, "
                    "his single bowl means something, and the signing becomes a scene between people.\n\n"
                    "Also: the silver-headdress line reads as a contradiction in festival week (see note)."
                ),
                "line_notes": [
                    {
                        "quote": "She says the silver is for New Year. You can film her hands.",
                        "body": "We are in the middle of the New Year festival, so this reads as a contradiction. If the point is that the silver is for the drum tower, not the kitchen (or not for a thumbnail), say so: 'The silver is for the song, not for the tea.' Check with your Dong consultant.",
                        "replies": [
                            {
                                "by": "writer.emma",
                                "body": "Good catch. 'The silver is for the drum tower', pending the consultant.",
                            },
                        ],
                        "resolved": True,
                    },
                    {
                        "quote": "MR. TAN (40s), puffer jacket, leather folder, climbs the porch steps. He bows to Nainai, all smiles. She hands him a bowl. He drinks it in two gulps and lays his chopstick across the rim at once.",
                        "body": "Lovely: a character introduced without a line. Now pay it off. Does he ever take a second bowl? If he once took three, as a boy, we should learn it.",
                        "replies": [
                            {
                                "by": "writer.daniel",
                                "body": "He will, around episode 8. We'll plant the boyhood bowls in episode 5.",
                            },
                        ],
                        "resolved": False,
                    },
                    {
                        "quote": 'Forget the signing. The network bought "Three Bowls." Your own show. Shooting starts Monday in Bangkok. Your flight is at seven tomorrow morning.',
                        "body": "A strong paywall, but it is the third time Jordan changes the story by phone. Let us see the offer land on Riley's face: she reads it as a text while Shan watches. 'Your own show.' is the line; the rest is logistics.",
                        "replies": [],
                        "resolved": False,
                    },
                ],
                "helpfulness": 5,
                "helpfulness_comment": "Mr. Tan growing up on the hill: we had never thought of him as a person. Thank you.",
            },
        ],
    },
    # 8. 《三号窗口》mentor, open, episodes 5-6, not started yet: after the finished
    #    reviews the writer asks a family-ethics mentor about the grandmother's line.
    {
        "series": "window-three",
        "revision": 3,
        "kind": "mentor",
        "blindness": "open",
        "k": 1,
        "requested_by": "writer.chen",
        "episodes": [5, 6],
        "state": "open",
        "staff_decision": "",
        "note": (
            "第5集结尾，奶奶许桂芳的名字出现在名单上；第6集贺晨请许青禾做自己的律师。想请宋老师看看"
            "家里这条线的分寸：奶奶知道自己被骗之后，祖孙俩要不要在第6集就有一场戏，还是留到第7集？"
        ),
        "reviews": [
            {
                "reviewer": "mentor.song",
                "status": "assigned",
                "scores": {},
                "overall": "",
                "line_notes": [],
                "helpfulness": None,
                "helpfulness_comment": "",
            },
        ],
    },
]


# ---------------------------------------------------------------------------
# Declared conflicts of interest
# ---------------------------------------------------------------------------

CONFLICTS = [
    {
        "reviewer": "prof.lin",
        "writer": "writer.chen",
        "reason": (
            "林晓岚是陈思远的研究生导师，《三号窗口》是她指导的毕业作品。"
            "Thesis supervisor: Window Three is writer.chen's MFA project under her supervision."
        ),
    },
    {
        "reviewer": "mentor.grace",
        "writer": "writer.emma",
        "reason": (
            "郭佳与艾玛同在海风出海传媒，是她的直属故事编辑，参与了《Three Bowls》的开发。"
            "Grace is Emma's story editor at SeaBreeze Global and developed Three Bowls with her."
        ),
    },
]
