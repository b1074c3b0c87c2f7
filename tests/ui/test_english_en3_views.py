"""The Handlingsplan and Mine opgaver tables and charts built in Danish and English (lang=)."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from dataio.files.action_plan_reading import PlanRow
from models.numbers import NumberRefused, parse_decimal
from ui.check_in_view import history_for_display
from ui.my_tasks import tasks_for_display, tasks_summary
from ui.plan_excel import preview_frame
from ui.plan_view import (
    column_labels,
    follow_ups_for_display,
    gantt_figure,
    progress_figure,
    refused_number,
    shown_for_download,
)

ITEMS = pd.DataFrame(
    {
        "title": ["Planlægningsmøde", "Mobil politistation", "Tryghedsvandring"],
        "municipality": ["Ishøj"] * 3,
        "municipality_code": [183] * 3,
        "status": ["i gang", "færdig", "ikke startet"],
        "progress": [40, 100, 1234],
        "due_date": [date(2026, 11, 23), None, date(2027, 2, 1)],
        "advarsel": ["■ Forsinket", "", "■ Forsinket · ▲ Ikke rørt i 90 dage"],
    }
)


def test_tasks_summary() -> None:
    assert tasks_summary(ITEMS) == (
        "3 aktiviteter, heraf 2 åbne · 2 forsinkede · 1 ikke rørt i 90 dage"
    )
    assert tasks_summary(ITEMS, lang="en") == (
        "3 activities, of which 2 open · 2 overdue · 1 not touched in 90 days"
    )
    one = ITEMS.iloc[:1]
    assert tasks_summary(one) == "1 aktivitet, heraf 1 åben · 1 forsinket · 0 ikke rørt i 90 dage"
    assert tasks_summary(one, lang="en") == (
        "1 activity, of which 1 open · 1 overdue · 0 not touched in 90 days"
    )


def test_tasks_for_display() -> None:
    danish = tasks_for_display(ITEMS)
    assert list(danish.columns) == [
        "Advarsel",
        "Aktivitet",
        "Kommune",
        "Status",
        "Fremdrift",
        "Frist",
    ]
    assert list(danish.iloc[0]) == [
        "■ Forsinket",
        "Planlægningsmøde",
        "Ishøj",
        "I gang",
        "40 %",
        "23. nov. 2026",
    ]
    assert danish.iloc[2]["Fremdrift"] == "1.234 %"
    english = tasks_for_display(ITEMS, lang="en")
    assert list(english.columns) == [
        "Warning",
        "Activity",
        "Municipality",
        "Status",
        "Progress",
        "Due",
    ]
    assert list(english.iloc[0]) == [
        "■ Overdue",
        "Planlægningsmøde",
        "Ishøj",
        "In progress",
        "40 %",
        "23 Nov 2026",
    ]
    assert english.iloc[2]["Progress"] == "1,234 %"
    assert english.iloc[2]["Warning"] == "■ Overdue · ▲ Not touched in 90 days"
    assert english.iloc[1]["Due"] == ""


def test_history_for_display() -> None:
    frame = pd.DataFrame(
        {
            "at": [datetime(2026, 11, 23, 16, 20, tzinfo=UTC)],
            "username": ["politi"],
            "status": ["udskudt"],
            "progress": [50],
            "new_due_date": [date(2027, 1, 15)],
            "due_reason": ["Vejret"],
            "comment": ["Flyttet"],
        }
    )
    danish = history_for_display(frame)
    assert list(danish.iloc[0]) == [
        "23. nov. 2026 kl. 17.20",
        "politi",
        "Udskudt",
        "50 %",
        "15. jan. 2027",
        "Vejret",
        "Flyttet",
    ]
    english = history_for_display(frame, lang="en")
    assert list(english.columns) == [
        "Time",
        "By",
        "Status",
        "Progress",
        "New due date",
        "Reason",
        "Comment",
    ]
    assert list(english.iloc[0])[:5] == [
        "23 Nov 2026, 17:20",
        "politi",
        "Postponed",
        "50 %",
        "15 Jan 2027",
    ]


def test_preview_frame() -> None:
    row = PlanRow(
        track="Spor 1",
        activity_group="Møder",
        title="Kickoff",
        owner_name="Lars",
        organisation="politi",
        start_date=date(2026, 3, 1),
        due_date=None,
        status="i gang",
        progress=50,
        goal="helpers",
        notes="",
        excel_row=4,
    )
    danish = preview_frame([row])
    assert list(danish.columns)[:3] == ["Spor", "Aktivitet", "Aktivitetsgruppe"]
    assert danish.iloc[0]["Mål"] == "Nabohjælpere" and danish.iloc[0]["Start"] == "1. mar. 2026"
    english = preview_frame([row], lang="en")
    assert list(english.columns) == [
        "Track",
        "Activity",
        "Activity group",
        "Owner",
        "Organisation",
        "Start",
        "Due",
        "Status",
        "Progress (%)",
        "Target",
        "Notes",
    ]
    first = english.iloc[0]
    assert (first["Track"], first["Organisation"], first["Status"]) == (
        "Track 1",
        "police",
        "in progress",
    )
    assert (first["Target"], first["Start"]) == ("Neighbour helpers", "1 Mar 2026")


def test_follow_ups_for_display() -> None:
    follow_ups = pd.DataFrame(
        {
            "walk_date": [pd.Timestamp("2026-10-01")],
            "area": ["Vejleåparken"],
            "number": [2],
            "description": ["Høj hæk"],
            "responsible": ["Boligselskabet"],
            "follow_up": [""],
            "status": ["åben"],
            "action_item_id": [None],
        }
    )
    danish = follow_ups_for_display(follow_ups)
    assert list(danish.iloc[0]) == [
        "1. okt. 2026",
        "Vejleåparken",
        2,
        "Høj hæk",
        "Boligselskabet",
        "",
        "åben",
        "nej",
    ]
    english = follow_ups_for_display(follow_ups, lang="en")
    assert list(english.columns) == [
        "Date",
        "Area",
        "No.",
        "Description",
        "Owner",
        "Follow-up",
        "Status",
        "In the plan",
    ]
    assert list(english.iloc[0]) == [
        "1 Oct 2026",
        "Vejleåparken",
        2,
        "Høj hæk",
        "Boligselskabet",
        "",
        "open",
        "no",
    ]


def test_download_and_column_labels() -> None:
    assert column_labels()["due_date"] == "Frist" and column_labels("en")["due_date"] == "Due"
    frame = pd.DataFrame({"track": ["Spor 3"], "status": ["færdig"], "title": ["Pressemøde"]})
    assert shown_for_download(frame).to_dict("records") == [
        {"Spor": "Spor 3", "Status": "færdig", "Titel": "Pressemøde"}
    ]
    assert shown_for_download(frame, lang="en").to_dict("records") == [
        {"Track": "Track 3", "Status": "done", "Title": "Pressemøde"}
    ]


def test_refused_number() -> None:
    with pytest.raises(NumberRefused) as refused:
        parse_decimal("12.35")
    assert (
        refused_number(refused.value, lang="en") == "«12.35» is not a number written like 55,6123"
    )


PLAN = pd.DataFrame(
    {
        "title": ["Planlægningsmøde", "Mobil politistation"],
        "start_date": [date(2026, 9, 1), date(2026, 10, 15)],
        "due_date": [date(2026, 11, 23), date(2027, 1, 31)],
        "status": ["i gang", "ikke startet"],
        "owner_name": ["Ole", ""],
        "track": ["Organisering", "Spor 1"],
    }
)


def test_gantt_figure() -> None:
    danish = gantt_figure(PLAN, today=date(2026, 12, 7))
    assert [t.name for t in danish.data] == ["i gang", "ikke startet"]
    assert danish.data[0].customdata[0][0] == "1. sep. 2026 – 23. nov. 2026"
    assert "Ansvarlig: %{customdata[1]}" in danish.data[0].hovertemplate
    assert [a.text for a in danish.layout.annotations] == ["I dag"]
    english = gantt_figure(PLAN, today=date(2026, 12, 7), lang="en")
    assert [t.name for t in english.data] == ["in progress", "not started"]
    assert english.data[0].customdata[0][0] == "1 Sep 2026 – 23 Nov 2026"
    assert english.data[1].customdata[0][2] == "Track 1"
    assert "Owner: %{customdata[1]}<br>Track: %{customdata[2]}" in english.data[0].hovertemplate
    assert english.data[0].hovertemplate.endswith("<extra>in progress</extra>")
    assert [a.text for a in english.layout.annotations] == ["Today"]
    assert list(english.layout.xaxis.ticktext) == [
        t.replace("okt.", "Oct")
        .replace("jan.", "Jan")
        .replace("sep.", "Sep")
        .replace("nov.", "Nov")
        .replace("dec.", "Dec")
        for t in danish.layout.xaxis.ticktext
    ]
    assert english.layout.separators == ".,"


def test_progress_figure() -> None:
    progress = {"Organisering": 0.475, "Spor 1": None, "Spor 2": 0.5, "Spor 3": 0.44}
    danish = progress_figure(progress)
    assert list(danish.data[0].y) == ["Organisering", "Spor 1", "Spor 2", "Spor 3"]
    english = progress_figure(progress, lang="en")
    assert list(english.data[0].y) == ["Organisation", "Track 1", "Track 2", "Track 3"]
    assert english.layout.xaxis.title.text == "Progress (%)"
    assert english.layout.separators == ".,"
