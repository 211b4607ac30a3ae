"""The availability file rapport-admin reads: YAML as people write it, JSON as the API takes it."""
import json

from rapport_admin.schedule import _read_availability


def test_yaml_dates_become_strings_and_quoted_times_stay(tmp_path):
    path = tmp_path / "availability.yaml"
    path.write_text('timezone: America/Chicago\n'
                    'weekly:\n  - {weekday: 0, start: "09:00", end: "17:00"}\n'
                    'exceptions:\n  - {date: 2026-12-24, kind: "off"}\n'
                    'settings: {duration_min: 15, booking_mode: request, formats: [video, phone]}\n')
    body = _read_availability(path)
    assert body["exceptions"] == [{"date": "2026-12-24", "kind": "off"}]
    assert body["weekly"] == [{"weekday": 0, "start": "09:00", "end": "17:00"}]
    json.dumps(body)  # sendable as is


def test_json_files_are_read_as_json(tmp_path):
    path = tmp_path / "availability.json"
    path.write_text(json.dumps({"timezone": "UTC", "weekly": []}))
    assert _read_availability(path) == {"timezone": "UTC", "weekly": []}
