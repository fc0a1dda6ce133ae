"""Writes dashboards/haven.json: run `python3 infra/deploy/grafana/dashboard.py` after changing a panel here."""
import json, pathlib

def panel(title, exprs, unit="short", kind="timeseries", width=12, description=""):
    return {"type": kind, "title": title, "description": description, "gridPos": {"w": width, "h": 8},
            "datasource": {"type": "prometheus", "uid": "prometheus"},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": l} for i, (e, l) in enumerate(exprs)]}

# Gauges that read a shared view (open cases, overdue) are reported alike by every query-service
# instance: take the max, never the sum. Lag is per instance's own segments: the max is the slowest.
panels = [
    panel("Reports submitted per hour, by type",
          [("sum by (type) (increase(haven_reports_submitted_total[1h]))", "{{type}}")]),
    panel("Open cases by status", [("max by (status) (sum without (risk) (haven_cases_open))", "{{status}}")]),
    panel("Overdue cases by risk", [("max by (risk) (haven_cases_overdue)", "{{risk}}")],
          description="Open cases past their first-contact or resolution date"),
    panel("Open cases by risk", [("max by (risk) (sum without (status) (haven_cases_open))", "{{risk}}")]),
    panel("Projection lag (events)", [("max by (processor) (haven_projection_lag_events)", "{{processor}}")],
          description="Events stored but not yet in the view, slowest segment"),
    panel("Projection lag (time)", [("max by (processor) (haven_projection_lag_seconds)", "{{processor}}")], unit="s",
          description="How long the oldest event not yet in the view has waited"),
    panel("Requests per second by status",
          [("sum by (application, status) (rate(http_server_requests_seconds_count[5m]))", "{{application}} {{status}}")],
          unit="reqps"),
    panel("Request latency p99",
          [("histogram_quantile(0.99, sum by (le, application) (rate(http_server_requests_seconds_bucket[5m])))",
            "{{application}}")], unit="s"),
    panel("Store unavailable (503s per second)",
          [("sum by (application) (rate(http_server_requests_seconds_count{status=\"503\"}[5m]))", "{{application}}")],
          unit="reqps"),
    panel("Event processors: events handled per second",
          [("sum by (processorName) (rate(eventProcessor_processedCounter_total[5m]))", "{{processorName}}")],
          unit="ops"),
    panel("Heap used by instance",
          [("sum by (application, instance) (jvm_memory_used_bytes{area=\"heap\"})", "{{application}} {{instance}}")],
          unit="bytes"),
    panel("Instances up", [("sum by (job) (up{job=~\"command-service|query-service\"})", "{{job}}")]),
]
for i, p in enumerate(panels):
    p["id"] = i + 1
    p["gridPos"].update({"x": (i % 2) * 12, "y": (i // 2) * 8})

dashboard = {"uid": "haven", "title": "Haven", "tags": ["haven"], "timezone": "Europe/London", "schemaVersion": 39,
             "version": 1, "refresh": "30s", "time": {"from": "now-6h", "to": "now"}, "panels": panels}
out = pathlib.Path(__file__).parent / "dashboards" / "haven.json"
out.write_text(json.dumps(dashboard, indent=2) + "\n")
print("wrote", out)
