"""The officials' pages (docs/can-bo/): matrix, programme, changes, calendar, figures.

Plain functions from the dataset to Markdown or HTML. Tables that need a
caption, row headers or data attributes are HTML, from templates/ (see `markup`).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from markupsafe import Markup

from macros import formatting as fmt
from macros.data import models
from macros.data.dataset import Dataset
from macros.render import charts, duty_words
from macros.render.markup import (
    CORE_SCRIPT,
    Md,
    built_href,
    cite_html,
    doubt_label,
    link,
    markdown,
    plain,
    render,
    script,
    uncertain_html,
    unknown,
    words,
)
from macros.rules import schedule as cal

CALENDAR_SCRIPT = "assets/can-bo-lich.js"
TEMPLATE = "officials.md"


def _md(data: Dataset, on: datetime.date | None, from_page: str, macro: str, *args) -> Md:
    return markdown(TEMPLATE, macro, {"data": data, "on": on, "from_page": from_page}, *args)


# --- who does what -------------------------------------------------------------------


def programme_clause(data: Dataset, clause_id: str) -> models.ProgrammeClause:
    return next(c for c in data.province.programme.clauses if c.id == clause_id)


def programme_clause_words(clause: models.ProgrammeClause) -> str:
    """A programme clause as a basis, in words: on the pages (as a link) and in the feeds."""
    return words()["programme_clause"].format(title=clause.title)


def programme_cite_html(data: Dataset, clause_id: str, from_page: str) -> Markup:
    clause = programme_clause(data, clause_id)
    return render(
        "programme_cite.html",
        words=programme_clause_words(clause),
        href=built_href(data.roles.pages.programme, from_page, clause.id),
    )


def duty_team(data: Dataset, duty: models.Duty) -> str:
    """Who does a duty, in words, the same on every page and in the feeds:
    "Công an xã, cùng Ủy ban nhân dân xã; gửi đến, trao đổi với Ngân hàng ..."."""
    return plain(
        "officials.txt",
        "duty_team",
        {},
        data.body_name(duty.owner),
        [data.body_name(p) for p in duty.partners],
        data.body_name(duty.recipient) if duty.recipient else None,
    )


def duty_basis_html(data: Dataset, duty: models.Duty, from_page: str, link_clause: bool = True) -> Markup:
    """A duty's basis (its article, its programme clause) and, if it is not certain, why.
    `link_clause`: the clause links to the programme page (a province's own page on the national
    site names it in words: its clauses are on that page, without anchors)."""
    clause = None
    if duty.programme_clause and data.province.programme:
        clause = (
            programme_cite_html(data, duty.programme_clause, from_page)
            if link_clause
            else programme_clause_words(programme_clause(data, duty.programme_clause))
        )
    return render(
        "duty_basis.html",
        cites=[cite_html(duty.legal_ref, data, from_page)] if duty.legal_ref else [],
        clause=clause,
        uncertain=uncertain_html(duty.note, from_page) if duty.status == "uncertain" else None,
    )


def clause_bodies(data: Dataset, clause: models.ProgrammeClause) -> str:
    """Who carries out a programme clause, in words: its bodies, else the programme's parties."""
    return ", ".join(data.body_name(b) for b in clause.bodies or data.province.programme.parties)


# --- calendar page ----------------------------------------------------------------


def next_deadline(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    """The nearest deadline from `on` and the duties due that day, each linking to its row of the
    table; every duty with a deadline is listed (the others hidden), so that the calendar script can
    show the nearest one for today before the box is drawn. Loads the calendar's scripts."""
    found = cal.next_deadline(list(data.duties.values()), on)
    day = found[0] if found else None
    due_then = {duty.id for duty in found[1]} if found else set()
    entries = [
        {"duty": duty, "shown": duty.id in due_then}
        for duty in data.duties.values()
        if duty.rrule or duty.frequency in cal.PERIODIC
    ]
    return render(
        "next_deadline.html",
        day=fmt.date_vi(day) if day else None,
        on=fmt.date_vi(on),
        entries=entries,
        # Not deferred: the box and the table are rewritten for today before they are drawn.
        script=script(CORE_SCRIPT, from_page) + Markup("\n") + script(CALENDAR_SCRIPT, from_page),
    )


def duties_calendar(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    """The duties table. The "Lần tới" column is computed for `on` (the dated fallback) and again in
    the browser (by the scripts next_deadline loads, above it on the page)."""
    rows = []
    for duty in data.duties.values():
        rows.append(
            {
                "duty": duty,
                "team": duty_team(data, duty),
                "basis": duty_basis_html(data, duty, from_page),
                "timing": duty_words.timing_words(duty),
                "due": cal.due(duty, on),
                "due_words": duty_words.due_words(cal.due(duty, on)),
            }
        )
    return render(
        "duties_calendar.html",
        rows=rows,
        on=on,
        on_words=fmt.date_vi(on),
        province=data.province,
    )


def _feeds(data: Dataset, from_page: str, base_url: str | None) -> list[dict]:
    feeds = []
    for audience in cal.FEED_FILES:
        path = cal.feed_path(data.province_slug, audience)
        absolute = base_url + path if base_url else None
        feeds.append(
            {
                "label": duty_words.audience_words(audience),
                "short": duty_words.audience_words(audience, short=True),
                "count": len(cal.duties_for(data, audience)),
                "webcal": "webcal://" + absolute.split("://", 1)[1] if absolute else None,
                "href": built_href(path, from_page),
                "address": absolute,
            }
        )
    return feeds


def calendar_feeds(data: Dataset, from_page: str, base_url: str | None) -> Markup:
    """One row per feed: subscribe (webcal) and download. Without a public address (`base_url`
    None): download only, and the page says once why."""
    feeds = _feeds(data, from_page, base_url)
    return render("calendar_feeds.html", feeds=feeds, days=data.reminder_days_before, has_address=bool(base_url))


def calendar_addresses(data: Dataset, from_page: str, base_url: str | None) -> Markup:
    """The feeds' addresses to paste (none without a public address)."""
    return render("calendar_addresses.html", feeds=_feeds(data, from_page, base_url))


def duties_by_owner(data: Dataset, from_page: str) -> Md:
    """For the officials' start page: who does what, and when; one row per duty, grouped by the body that does it."""
    owners = list(dict.fromkeys(duty.owner for duty in data.duties.values()))
    rows = [
        {"duty": duty, "team": duty_team(data, duty), "timing": duty_words.timing_words(duty)}
        for owner in owners
        for duty in data.duties.values()
        if duty.owner == owner
    ]
    return _md(data, None, from_page, "duties_by_owner", rows)


def next_exact_duties(data: Dataset, on: datetime.date, from_page: str) -> Md:
    """The duties with an exact day, and the next such day from `on` (dated)."""
    lines = []
    for duty in data.duties.values():
        due = cal.due(duty, on)
        if due.kind == "date":
            lines.append(_md(data, on, from_page, "next_exact_duty", duty, duty_words.timing_words(duty), due.date))
    return Md("\n").join(lines)


# --- responsibility matrix ------------------------------------------------------------


def _row_body(data: Dataset, body_id: str) -> str:
    """Matrix rows are agencies: an office counts under its agency."""
    return data.offices[body_id].agency if body_id in data.offices else body_id


def matrix_rows(data: Dataset) -> list[tuple[str, list[models.Responsibility], list[models.ProgrammeClause]]]:
    """(agency id, its Decision tasks, its programme clauses), Decision order first."""
    order: list[str] = []
    tasks: dict[str, list[models.Responsibility]] = {}
    clauses: dict[str, list[models.ProgrammeClause]] = {}
    for item in data.responsibilities.values():
        if item.body not in order:
            order.append(item.body)
        tasks.setdefault(item.body, []).append(item)
    programme = data.province.programme
    for clause in programme.clauses if programme else []:
        for body in clause.bodies or programme.parties:
            agency = _row_body(data, body)
            if agency not in order:
                order.append(agency)
            if clause not in clauses.setdefault(agency, []):
                clauses[agency].append(clause)
    return [(body, tasks.get(body, []), clauses.get(body, [])) for body in order]


def _offices_of(data: Dataset, agency_id: str, clauses: list[models.ProgrammeClause]) -> list[str]:
    programme = data.province.programme
    named = {b for c in clauses for b in (c.bodies or programme.parties)} if programme else set()
    return [o.name for o in data.offices.values() if o.agency == agency_id and o.id in named]


def responsibility_matrix(data: Dataset, on: datetime.date, from_page: str) -> Markup:
    programme = data.province.programme
    duties_by_task: dict[str, list[models.Duty]] = {}
    for duty in data.duties.values():
        if duty.responsibility:
            duties_by_task.setdefault(duty.responsibility, []).append(duty)
    rows = []
    for body_id, tasks, clauses in matrix_rows(data):
        agency = data.agencies[body_id]
        rows.append(
            {
                "id": body_id,
                "agency": agency,
                "offices": _offices_of(data, body_id, clauses),
                "ended": fmt.date_vi(agency.ended_on) if agency.ended_on and agency.ended_on <= on else None,
                "tasks": [
                    {
                        "task": task,
                        "cite": cite_html(task.legal_ref, data, from_page),
                        "calendar": [
                            {
                                "href": built_href(data.roles.pages.calendar, from_page, f"viec-{duty.id}"),
                                "timing": duty_words.timing_words(duty).lower(),
                            }
                            for duty in duties_by_task.get(task.id, [])
                        ],
                        "uncertain": uncertain_html(task.note, from_page) if task.status == "uncertain" else None,
                    }
                    for task in tasks
                ],
                "clauses": [
                    {
                        "clause": clause,
                        "number": programme.clauses.index(clause) + 1,
                        "href": built_href(data.roles.pages.programme, from_page, clause.id),
                    }
                    for clause in clauses
                ],
            }
        )
    return render(
        "responsibility_matrix.html",
        rows=rows,
        province=data.province,
        uncertain=doubt_label("uncertain", from_page),
        has_programme=programme is not None,
        programme_uncertain=programme is not None and all(c.status == "uncertain" for c in programme.clauses),
        several_provinces=bool(data.provinces),
        on_words=fmt.date_vi(on),
    )


# --- programme page ---------------------------------------------------------------------


def programme_period(data: Dataset) -> str:
    programme = data.province.programme
    return f"{programme.first_year} - {programme.last_year}"


def programme_overview(data: Dataset, from_page: str) -> Md:
    programme = data.province.programme
    parties = [data.body_name(p) for p in programme.parties]
    return _md(data, None, from_page, "programme_overview", programme, parties, data.roles.documents.decision)


def programme_clauses(data: Dataset, from_page: str) -> Md:
    programme = data.province.programme
    blocks = []
    for number, clause in enumerate(programme.clauses, start=1):
        duties = [
            {"duty": d, "timing": duty_words.timing_words(d)}
            for d in data.duties.values()
            if d.programme_clause == clause.id
        ]
        blocks.append(
            _md(data, None, from_page, "programme_clause", number, clause, clause_bodies(data, clause), duties)
        )
    return Md("\n\n").join(blocks)


# --- changes page ------------------------------------------------------------------------


def changes_timeline(data: Dataset, milestone_ids: list[str], from_page: str) -> Markup:
    """The changes, by date, each with its basis; on a phone each change is a card."""
    rows = []
    for milestone_id in milestone_ids:
        item = data.milestone(milestone_id)
        rows.append(
            {
                "date": fmt.date_vi(item.date),
                "title": item.title,
                "text": item.text,
                "doubt": doubt_label("uncertain", from_page) if item.status == "uncertain" else None,
                "cite": cite_html(item.legal_ref, data, from_page) if item.legal_ref else None,
                "item": item,
            }
        )
    return render("changes_timeline.html", rows=rows)


def ended_bodies(data: Dataset, on: datetime.date) -> Md:
    """Bodies that no longer exist on `on`, with the date and the data's note."""
    return Md("\n").join(
        _md(data, on, "", "ended_body", agency)
        for agency in sorted(data.agencies.values(), key=lambda a: a.ended_on or datetime.date.max)
        if agency.ended_on and agency.ended_on <= on
    )


def document_date(data: Dataset, document_id: str, from_page: str, which: str = "effective_from") -> str:
    value = getattr(data.document(document_id), which)
    return fmt.date_vi(value) if value else unknown(from_page)


# --- statistics --------------------------------------------------------------------------


def _statistics_words() -> dict:
    return words()["statistics"]


_SERIES = list(_statistics_words()["measures"])


def figure_when(figure: models.Figure) -> str:
    if figure.as_of_precision == "day":
        return fmt.date_vi(figure.as_of)
    pattern = _statistics_words()["as_of"]["month" if figure.as_of_precision == "month" else "about"]
    return pattern.format(month=fmt.month_vi(figure.as_of))


def figure_amount(figure: models.Figure, from_page: str) -> str | Markup:
    if figure.amount_vnd is None:
        return doubt_label("unverified", from_page)
    return _statistics_words()["qualifiers"][figure.amount_qualifier] + fmt.money_words_vi(figure.amount_vnd)


def _source_label(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


def statistics_table(data: Dataset, from_page: str) -> Markup:
    rows = []
    for figure in data.figures:
        rows.append(
            {
                "figure": figure,
                "when": figure_when(figure),
                "people": fmt.number_vi(figure.people)
                if figure.people is not None
                else doubt_label("unverified", from_page),
                "amount": figure_amount(figure, from_page),
                "source_label": _source_label(figure.source),
                "uncertain": uncertain_html(figure.note, from_page) if figure.status == "uncertain" else None,
            }
        )
    return render("statistics_table.html", rows=rows, province=data.province)


def _bars(data: Dataset, amounts: bool) -> list[charts.Bar]:
    said = _statistics_words()
    bars = []
    for figure in data.figures:
        series = _SERIES.index(figure.measure)
        if amounts:
            if figure.amount_vnd is None:
                continue
            billions = figure.amount_vnd / 1e9
            value_text = said["qualifiers"][figure.amount_qualifier] + fmt.number_vi(round(billions, 1))
            sub = said["amounts"][figure.amount_kind] if figure.amount_kind else ""
            bars.append(charts.Bar(figure_when(figure), sub, billions, value_text, series))
        elif figure.people is not None:
            bars.append(
                charts.Bar(
                    figure_when(figure),
                    said["measures"][figure.measure][1],
                    figure.people,
                    fmt.number_vi(figure.people),
                    series,
                )
            )
    return bars


def statistics_charts(data: Dataset, from_page: str) -> Markup:
    """Two SVG charts (people, money) with their text alternatives, then the table with every value and source."""
    people = _bars(data, amounts=False)
    money = _bars(data, amounts=True)
    where = data.province.name

    def said(macro: str, *args) -> str:
        return plain("officials.txt", macro, {}, *args)

    return render(
        "statistics_charts.html",
        charts=[
            charts.bar_chart(
                "bieu-do-so-nguoi",
                said("people_title", where),
                said("people_description", people),
                people,
                said("people_axis"),
            ),
            charts.bar_chart(
                "bieu-do-so-tien",
                said("money_title", where),
                said("money_description", money),
                money,
                said("money_axis"),
            ),
        ],
        table=statistics_table(data, from_page),
    )


# --- open data page ----------------------------------------------------------------------


def api_catalogue(listings, index_path: str, index_schema_path: str, schema_version: str, from_page: str) -> Markup:
    """An HTML table of every file in /api/ and its schema (links into the built site).

    `listings` are the data files (name, title, path, schema_path, records), the index first in the table."""
    files = [
        {
            "listing": listing,
            "href": built_href(listing.path, from_page),
            "schema_href": built_href(listing.schema_path, from_page),
        }
        for listing in listings
    ]
    return render(
        "api_catalogue.html",
        files=files,
        schema_version=schema_version,
        index_href=built_href(index_path, from_page),
        index_schema_href=built_href(index_schema_path, from_page),
    )


def licence_link(licence: dict[str, str]) -> Md:
    return link(licence["name"], licence["url"])
