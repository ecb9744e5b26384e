"""The report's only stylesheet, inlined into the page (no fonts or files fetched)."""

CSS = """
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937;
       margin: 0 auto; max-width: 1180px; padding: 16px 24px 48px; background: #fff; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 6px; color: #374151; }
.meta { color: #6b7280; margin: 0 0 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 20px; }
.card span { color: #6b7280; font-size: 12px; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
@media (max-width: 800px) { .grid2 { grid-template-columns: 1fr; } }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { padding: 1px 6px; border-radius: 4px; font-size: 12px; white-space: nowrap; }
.ok { background: #dcfce7; color: #166534; } .warn { background: #fef3c7; color: #92400e; }
.bad { background: #fee2e2; color: #991b1b; } .muted { background: #f3f4f6; color: #4b5563; }
.empty { color: #6b7280; font-style: italic; }
ul.reasons { margin: 0; padding-left: 16px; }
td { overflow-wrap: break-word; }
ul.reasons { min-width: 11em; } ul.reasons li { overflow-wrap: anywhere; }
td.id { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; }
td.when { white-space: nowrap; }
.scroll { overflow-x: auto; }
code, small code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
small { color: #6b7280; }
svg.chart { width: 100%; height: auto; max-width: 760px; display: block; }
svg .lbl { font-size: 12px; fill: #374151; } svg .val { font-size: 11px; fill: #6b7280; }
svg .grid { stroke: #e5e7eb; stroke-width: 1; } svg .axis { stroke: #9ca3af; stroke-width: 1; }
svg .sea { fill: #f0f7ff; }
footer { margin-top: 32px; color: #9ca3af; font-size: 12px; }
"""
