"""The demo fund: 精品微短剧扶持基金 of the fund body 精品微短剧扶持基金 (`fund.xu` its admin,
`fund.ye` given the fund-manager role), with

- a closed call, 2026 法治与健康题材专项, whose two applications were submitted before it
  closed: 《三号窗口》 (writer.chen with writer.yang and the studio 星河短剧工作室) and
  《老两口不上当》 (writer.zhang with writer.xie);
- an open call on intangible heritage and cultural tourism, 非遗与文旅微短剧扶持计划, with two
  drafts: 《锦官绣》 (writer.wang, co-applicant writer.zhou accepted) and *Three Bowls*
  (writer.emma, writer.daniel invited and not yet answered).

The closed call then goes through the panel stage (`_panel_stage`): both applications pass
screening, six demo mentors sit on the panel and review sealed (conflicts detected
first), mentor.qian (verified legal expertise) fact-checks 《三号窗口》 and mentor.fang
(verified medical expertise) 《老两口不上当》, and fund.xu awards 《三号窗口》 250,000 yuan
and wait-lists 《老两口不上当》.

The award becomes a project (`_project`): fund.xu sets it up with three milestones and
two tranches, issues the agreement, writer.chen and fund.xu accept it, the revised first
episodes are delivered and accepted and the first tranche is paid; the filing number is
still to come. writer.chen shows it on the public list of awards.

Dates are relative to the day the demo is loaded.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Organisation, User
from incubator.models import Application, Call, Fund, PanelReview, PanelRole
from incubator.services.applications import (
    answer_save,
    application_field_save,
    application_start,
    application_submit,
    budget_line_add,
)
from incubator.services.calls import (
    call_create,
    call_publish,
    call_update,
    form_publish,
    priorities_set,
    rule_add,
)
from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
from incubator.services.determinations import determination_make
from incubator.services.factcheck import (
    expertise_declare,
    expertise_verify,
    fact_check_assign,
    fact_check_note_add,
    fact_check_submit,
)
from incubator.services.funds import fund_create, fund_manager_add
from incubator.services.panels import panel_assign, panel_member_add, panel_review_save
from incubator.services.screening import screening_confirm, screening_start
from reviews.models import Rubric
from scripts_app.models import Series
from taxonomy.models import Term

FUND_SLUG = "boutique-micro-drama"

PANEL_COMMENT = "结构清楚，人物动机可信；个别台词偏说教。"
CLOSED_GUIDANCE_ZH = """本专项支持**法治**与**健康科普**题材的精品微短剧，鼓励贴近县域生活、面向中老年观众的现实题材。

- 每集至少讲清一个真实的法律或健康知识点，不得夸大疗效、不得诱导付费；
- 申报需提交已在平台登记的剧本版本（至少前三集）与拍摄计划；
- 法治题材将安排执业律师进行事实核查。
"""
CLOSED_GUIDANCE_EN = """For boutique micro-dramas on **rule of law** and **health**, close to county life and
kind to older viewers.

- Every episode gets one real legal or health point right: no exaggerated cures, no
  inducement to pay.
- Apply with a registered revision of the script (at least the first three episodes) and a
  production plan.
- Rule-of-law projects get a fact-check by a practising lawyer.
"""
OPEN_GUIDANCE_ZH = """呼应“微短剧里看非遗”“跟着微短剧去旅行”计划，支持以**非物质文化遗产**与**文旅目的地**为核心的原创微短剧。

- 鼓励与非遗传承人合作，剧中技艺须真实可考；
- 取景地须为真实可到访的文旅目的地，欢迎与地方文旅部门联合申报；
- 中文与英文剧本均可申报，出海项目请说明本地化方案。
"""
OPEN_GUIDANCE_EN = """Answering NRTA's "intangible heritage in micro-drama" and "travel with micro-dramas"
programmes: original micro-dramas built on a **heritage craft** and a **real destination**.

- Work with the craft's inheritors; what the series shows of the craft must be accurate.
- Shoot where viewers can travel to; joint applications with local tourism bureaus welcome.
- Scripts in Chinese or English; projects for overseas audiences describe their localisation.
"""

PLATFORMS = [
    {"value": "hongguo", "zh": "红果短剧", "en": "Hongguo"},
    {"value": "douyin", "zh": "抖音", "en": "Douyin"},
    {"value": "kuaishou", "zh": "快手", "en": "Kuaishou"},
    {"value": "wechat", "zh": "微信视频号", "en": "WeChat Channels"},
    {"value": "overseas", "zh": "海外平台", "en": "Overseas platforms"},
]


def _series(title: str) -> Series:
    return Series.objects.get(title=title)


def _latest_entry(series: Series):  # type: ignore[no-untyped-def]
    return series.registry_entries.order_by("-number").first()


def _fill(
    application: Application,
    actor: User,
    *,
    plan: tuple[int, int, int] | None,
    team: str,
    lines: list[tuple[str, str, str]],
    answers: dict[str, str],
) -> None:
    entry = application.entry
    application_field_save(actor=actor, application=application, field="episodes_from", value=1)
    application_field_save(
        actor=actor, application=application, field="episodes_to", value=entry.episode_count
    )
    if plan:
        for field, value in zip(
            ("plan_episodes", "plan_minutes", "plan_shooting_days"), plan, strict=True
        ):
            application_field_save(actor=actor, application=application, field=field, value=value)
    if team:
        application_field_save(actor=actor, application=application, field="plan_team", value=team)
    for category, description, amount in lines:
        budget_line_add(
            actor=actor, application=application, category=category, description=description,
            amount=amount,
        )  # fmt: skip
    for key, value in answers.items():
        answer_save(actor=actor, application=application, key=key, value=value)


def _closed_call(fund: Fund, xu: User, ye: User, person: Callable[[str], User]) -> None:
    now = timezone.now()
    rubric = Rubric.objects.get(is_default=True)
    themes = {t.slug: t for t in Term.objects.filter(kind="theme")}
    call = call_create(
        actor=xu, fund=fund, slug="rule-of-law-and-health-2026", rubric=rubric,
        title_zh="2026 法治与健康题材专项", title_en="Rule of Law and Health 2026",
        guidance_zh=CLOSED_GUIDANCE_ZH, guidance_en=CLOSED_GUIDANCE_EN,
        opens_at=now - timedelta(days=60), closes_at=now + timedelta(hours=1),
        awards_count=2, award_max=Decimal("300000.00"), budget=Decimal("600000.00"),
    )  # fmt: skip
    priorities_set(
        actor=xu, call=call,
        priorities=[(themes["rule-of-law"], Decimal("1.00")),
                    (themes["health-wellness"], Decimal("0.50")),
                    (themes["medical-science"], Decimal("0.50"))],
    )  # fmt: skip
    rule_add(actor=xu, call=call, kind="writer_role", params={})
    rule_add(actor=xu, call=call, kind="registered_revision", params={})
    rule_add(actor=xu, call=call, kind="min_episodes_written", params={"episodes": 3})
    rule_add(actor=xu, call=call, kind="language", params={"languages": ["zh-hans"]})
    form_publish(
        actor=xu, call=call,
        questions=[
            {"key": "statement", "kind": "long_text", "label_zh": "创作阐述",
             "label_en": "Writer's statement",
             "help_zh": "为什么写这个故事，它解决观众的什么问题。",
             "help_en": "Why this story, and what it does for its viewers."},
            {"key": "platform", "kind": "choice", "label_zh": "计划上线平台",
             "label_en": "Planned platform", "choices": PLATFORMS},
            {"key": "expert", "kind": "short_text", "label_zh": "专业顾问（律师或医生）",
             "label_en": "Expert adviser (a lawyer or a doctor)", "required": False},
        ],
    )  # fmt: skip
    call_publish(actor=xu, call=call)

    chen, yang, zhao = person("writer.chen"), person("writer.yang"), person("scout.zhao")
    window = _series("三号窗口")
    first = application_start(actor=chen, call=call, series=window, entry=_latest_entry(window))
    invitation = coapplicant_invite(actor=chen, application=first, user=yang)
    coapplicant_answer(actor=yang, coapplicant=invitation, accept=True)
    studio = coapplicant_invite(
        actor=chen, application=first, organisation=Organisation.objects.get(slug="galaxy-shorts")
    )
    coapplicant_answer(actor=zhao, coapplicant=studio, accept=True)
    _fill(
        first, chen, plan=(60, 105, 14),
        team="- 编剧：陈思远、杨柳\n- 制作：星河短剧工作室（赵晓）\n- 法律顾问：临水县法律援助中心",
        lines=[("script", "剧本创作（60集）", "60000.00"), ("cast", "演员片酬", "90000.00"),
               ("crew", "导演与摄制组", "70000.00"), ("equipment", "县城实景场地", "25000.00"),
               ("post", "剪辑与调色", "30000.00")],
        answers={"statement": "每一集讲清一个普通人会遇到的法律问题，让县城的观众看得懂、用得上。",
                 "platform": "hongguo", "expert": "执业律师 罗满堂（顾问）"},
    )  # fmt: skip
    application_submit(actor=chen, application=first)

    zhang, xie = person("writer.zhang"), person("writer.xie")
    not_fooled = _series("老两口不上当")
    second = application_start(
        actor=zhang, call=call, series=not_fooled, entry=_latest_entry(not_fooled)
    )
    invitation = coapplicant_invite(actor=zhang, application=second, user=xie)
    coapplicant_answer(actor=xie, coapplicant=invitation, accept=True)
    _fill(
        second, zhang, plan=(40, 80, 10),
        team="- 编剧：张卓、谢婷\n- 医学顾问：社区医院全科医生",
        lines=[("script", "剧本创作（40集）", "40000.00"), ("cast", "演员片酬（老年演员为主）", "80000.00"),
               ("crew", "摄制组", "50000.00"), ("post", "后期与字幕（大字版）", "20000.00")],
        answers={"statement": "用老两口识破一个个保健品骗局的故事，给父母辈讲清防骗和用药常识。",
                 "platform": "douyin", "expert": "全科医生 方医生"},
    )  # fmt: skip
    application_submit(actor=zhang, application=second)

    # The call has closed since (the fund closes its calls on time: the demo moves the date).
    call_update(actor=xu, call=call, closes_at=now - timedelta(days=5))
    screening_start(actor=ye, application=first)
    _panel_stage(call, first, second, xu, ye, person)


def _panel_stage(
    call: Call,
    window: Application,
    not_fooled: Application,
    xu: User,
    ye: User,
    person: Callable[[str], User],
) -> None:
    """Screening passed, a panel of demo mentors reviews sealed (conflicts detected first:
    prof.lin teaches writer.chen's cohort), a lawyer checks 《三号窗口》's law and a doctor
    《老两口不上当》's medicine, and the fund decides: one award, one wait-listed."""
    screening_confirm(actor=ye, application=window, note="符合申报条件：已登记修订稿，法治题材。")
    screening_confirm(actor=ye, application=not_fooled, note="符合申报条件：健康科普题材。")
    for local in (
        "mentor.song",
        "mentor.grace",
        "mentor.lu",
        "prof.lin",
        "prof.tang",
        "writer.sun",
    ):
        panel_member_add(actor=ye, call=call, email=person(local).email, role=PanelRole.MENTOR)
    panel_assign(actor=ye, call=call)
    criteria = list(call.rubric_version.criteria.order_by("position"))
    marks = {window.pk: [8, 7, 8], not_fooled.pk: [7, 6, 7]}
    for application in (window, not_fooled):
        reviews = PanelReview.objects.filter(application=application).order_by("reviewer_id")
        for review, base in zip(reviews, marks[application.pk], strict=False):
            panel_review_save(
                actor=review.reviewer, review=review,
                scores={c.key: {"score": min(10, base + (i % 2)), "comment": PANEL_COMMENT}
                        for i, c in enumerate(criteria)},
                recommendation="yes" if base >= 7 else "maybe",
                comment="题材扎实，钩子清楚；建议资助。" if base >= 7 else "立意好，节奏偏慢。",
                submit=True,
            )  # fmt: skip
    staff = person("admin")
    lawyer, doctor = person("mentor.qian"), person("mentor.fang")
    for expert, area, note in ((lawyer, "law", "执业律师（临水县律师协会）"),
                               (doctor, "medicine", "执业医师（全科）")):  # fmt: skip
        expertise_verify(actor=staff, expertise=expertise_declare(actor=expert, area=area,
                                                                   note=note))  # fmt: skip
    check = fact_check_assign(actor=ye, application=window, area="law", checker=lawyer)
    fact_check_note_add(actor=lawyer, fact_check=check, line=3,
                        body="法律援助的申请条件与《法律援助法》一致，可保留。")  # fmt: skip
    fact_check_submit(actor=lawyer, fact_check=check, verdict="pass",
                      summary="法律程序与现行规定一致。")  # fmt: skip
    check = fact_check_assign(actor=ye, application=not_fooled, area="medicine", checker=doctor)
    fact_check_submit(actor=doctor, fact_check=check, verdict="fix",
                      summary="第2集降压药停药的说法需改为“遵医嘱调整”。")  # fmt: skip
    determination_make(actor=xu, application=window, outcome="award", amount="250000.00",
                       reason="法治题材扎实，县城观众用得上；专家核查通过。")  # fmt: skip
    determination_make(actor=xu, application=not_fooled, outcome="waitlist",
                       reason="立意好，预算有限，列入候补；请按医学核查意见修改第2集。")  # fmt: skip


def _open_call(fund: Fund, xu: User, person: Callable[[str], User]) -> None:
    now = timezone.now()
    rubric = Rubric.objects.get(is_default=True)
    themes = {t.slug: t for t in Term.objects.filter(kind="theme")}
    call = call_create(
        actor=xu, fund=fund, slug="heritage-and-travel-2026", rubric=rubric,
        title_zh="非遗与文旅微短剧扶持计划", title_en="Intangible Heritage and Cultural Tourism",
        guidance_zh=OPEN_GUIDANCE_ZH, guidance_en=OPEN_GUIDANCE_EN,
        opens_at=now - timedelta(days=7), closes_at=now + timedelta(days=45),
        awards_count=5, award_max=Decimal("200000.00"), budget=Decimal("1000000.00"),
    )  # fmt: skip
    priorities_set(
        actor=xu, call=call,
        priorities=[(themes["intangible-heritage"], Decimal("1.00")),
                    (themes["cultural-tourism"], Decimal("1.00")),
                    (themes["rural-revitalisation"], Decimal("0.50"))],
    )  # fmt: skip
    rule_add(actor=xu, call=call, kind="writer_role", params={})
    rule_add(actor=xu, call=call, kind="registered_revision", params={})
    rule_add(actor=xu, call=call, kind="min_episodes_written", params={"episodes": 3})
    rule_add(actor=xu, call=call, kind="language", params={"languages": ["zh-hans", "en"]})
    rule_add(actor=xu, call=call, kind="joined_within_years", params={"years": 5})
    form_publish(
        actor=xu, call=call,
        questions=[
            {"key": "craft", "kind": "long_text", "label_zh": "非遗项目与传承人合作",
             "label_en": "The heritage craft and its inheritors",
             "help_zh": "剧中技艺是什么，由谁把关。", "help_en": "What craft, and who checks it."},
            {"key": "destination", "kind": "short_text", "label_zh": "取景地（文旅目的地）",
             "label_en": "Location (the destination)"},
            {"key": "platform", "kind": "choice", "label_zh": "计划上线平台",
             "label_en": "Planned platform", "choices": PLATFORMS},
            {"key": "letter", "kind": "file", "label_zh": "合作意向书",
             "label_en": "Letter of intent", "required": False},
        ],
    )  # fmt: skip
    call_publish(actor=xu, call=call)

    wang, zhou = person("writer.wang"), person("writer.zhou")
    embroidery = _series("锦官绣")
    draft = application_start(
        actor=wang, call=call, series=embroidery, entry=_latest_entry(embroidery)
    )
    invitation = coapplicant_invite(actor=wang, application=draft, user=zhou)
    coapplicant_answer(actor=zhou, coapplicant=invitation, accept=True)
    _fill(
        draft, wang, plan=None, team="",
        lines=[("script", "剧本创作", "40000.00"), ("cast", "演员片酬", "60000.00")],
        answers={"craft": "蜀绣。请成都蜀绣传承人担任技艺顾问，剧中针法由她把关。",
                 "destination": "成都 锦里、安靖蜀绣小镇"},
    )  # fmt: skip
    application_field_save(actor=zhou, application=draft, field="plan_episodes", value=40)

    emma, daniel = person("writer.emma"), person("writer.daniel")
    bowls = _series("Three Bowls")
    second = application_start(actor=emma, call=call, series=bowls, entry=_latest_entry(bowls))
    coapplicant_invite(actor=emma, application=second, user=daniel)
    _fill(
        second, emma, plan=None, team="",
        lines=[("script", "Script (60 episodes)", "50000.00")],
        answers={"destination": "Guilin, Yangshuo: the oil-tea trail", "platform": "overseas"},
    )  # fmt: skip


def _filing(person: Callable[[str], User]) -> None:
    """《三号窗口》 is set in a legal-aid centre: its applicants mark the judicial subject, so
    under the 2026 rules it files as key (NRTA) although its budget is ¥275,000. It has no
    filing number yet: it is still being screened, and numbers come after the filing."""
    from incubator.models import Application
    from incubator.services.filing import filing_flags_save

    window = Application.objects.get(
        call__slug="rule-of-law-and-health-2026", series__title="三号窗口"
    )
    filing_flags_save(
        actor=person("writer.chen"), application=window, special_subjects=["judicial"],
        placement=False, voluntary_key=False,
    )  # fmt: skip


def _project(xu: User, person: Callable[[str], User]) -> None:
    from incubator.services.awards import (
        agreement_accept,
        agreement_issue,
        disbursement_approve,
        disbursement_mark_paid,
        disbursement_schedule,
        milestone_accept,
        milestone_add,
        milestone_deliver,
        project_create,
        project_set_public,
        report_schedule,
    )

    window = Application.objects.get(
        call__slug="rule-of-law-and-health-2026", series__title="三号窗口"
    )
    chen = person("writer.chen")
    today = timezone.localdate()
    project = project_create(
        actor=xu, application=window, amount="250000.00",
        conditions="每季度提交一次进度报告；片头注明“本剧获精品微短剧扶持基金资助”。",
    )  # fmt: skip
    revised = milestone_add(actor=xu, project=project, title="前15集修订稿登记",
                            kind="revision", due_on=today + timedelta(days=1))  # fmt: skip
    filed = milestone_add(actor=xu, project=project, title="取得网络微短剧备案号",
                          kind="filing_number", due_on=today + timedelta(days=60))  # fmt: skip
    milestone_add(actor=xu, project=project, title="全剧上线", kind="report",
                  due_on=today + timedelta(days=150))  # fmt: skip
    first = disbursement_schedule(actor=xu, project=project, amount="100000.00",
                                  scheduled_on=today, milestone=revised)  # fmt: skip
    disbursement_schedule(actor=xu, project=project, amount="150000.00",
                          scheduled_on=today + timedelta(days=60), milestone=filed)  # fmt: skip
    project = agreement_issue(actor=xu, project=project)
    for side in (chen, xu):
        agreement_accept(actor=side, project=project, agreement_hash=project.agreement_hash)
    milestone_deliver(actor=chen, milestone=revised, entry=window.entry)
    milestone_accept(actor=xu, milestone=revised)
    disbursement_approve(actor=xu, tranche=first)
    disbursement_mark_paid(actor=xu, tranche=first, reference="FUND-2026-0001")
    report_schedule(actor=xu, project=project, due_on=today + timedelta(days=90))
    project_set_public(actor=chen, project=project, public=True)


def _staff_data() -> None:
    """The filing rule sets and the fact-check themes the migrations seed, put back where a
    database was emptied after migrating (the browser tier's transactional tests flush it)."""
    import importlib

    from django.apps import apps

    from incubator.models import FactCheckTheme, FilingRuleSet

    for model, module, function in (
        (FilingRuleSet, "0003_filing_rules_and_records", "seed_rule_sets"),
        (FactCheckTheme, "0005_panels_fact_check_themes", "seed"),
    ):
        if not model.objects.exists():
            seed = getattr(importlib.import_module(f"incubator.migrations.{module}"), function)
            seed(apps, None)


def load_fund(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    if Fund.objects.filter(slug=FUND_SLUG).exists():
        log("fund: already there")
        return
    _staff_data()
    xu, ye = person("fund.xu"), person("fund.ye")
    fund = fund_create(
        actor=xu, body=Organisation.objects.get(slug="boutique-drama-fund"), slug=FUND_SLUG,
        budget=Decimal("5000000.00"), name_zh="精品微短剧扶持基金",
        name_en="Boutique Micro-Drama Fund",
        description_zh="扶持主题鲜明、制作精良的原创微短剧，优先支持法治、非遗、文旅、科普与健康题材。",
        description_en="Subsidies for original, well-made micro-dramas, first on rule of law, "
        "intangible heritage, cultural tourism, popular science and health.",
    )  # fmt: skip
    fund_manager_add(actor=xu, fund=fund, user=ye)
    _closed_call(fund, xu, ye, person)
    _filing(person)
    _project(xu, person)
    _open_call(fund, xu, person)
    log("fund: 1 fund, 2 calls, 4 applications, 1 funded project")
