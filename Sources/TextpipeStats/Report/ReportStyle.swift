/// The report's look: one stylesheet inline, system fonts only, a palette for entity types.
enum ReportStyle {
    /// Colours for entity types, chosen to stay apart from each other and readable under
    /// dark text; types a user declares get one of `extra` by a stable hash of their name.
    static let entityColors: [String: String] = [
        "PERSON": "#c4b5fd", "ORG": "#7dd3fc", "LOC": "#fcd34d", "GPE": "#fcd34d", "MISC": "#f9a8d4",
        "NORP": "#f9a8d4", "DATE": "#a7f3d0", "TIME": "#bbf7d0", "MONEY": "#d9f99d", "PERCENT": "#fde68a",
        "QUANTITY": "#e9d5ff", "CARDINAL": "#e5e7eb", "ORDINAL": "#e5e7eb",
    ]
    static let extra = ["#fdba74", "#99f6e4", "#fca5a5", "#a5b4fc", "#bef264", "#f0abfc"]

    /// The darker tone of an entity type's colour, for bars and labels on white.
    static let entityInk: [String: String] = [
        "PERSON": "#7c3aed", "ORG": "#0284c7", "LOC": "#d97706", "GPE": "#d97706", "MISC": "#db2777",
        "NORP": "#db2777", "DATE": "#059669", "TIME": "#16a34a", "MONEY": "#65a30d", "PERCENT": "#ca8a04",
        "QUANTITY": "#9333ea", "CARDINAL": "#6b7280", "ORDINAL": "#6b7280",
    ]
    static let extraInk = ["#ea580c", "#0d9488", "#dc2626", "#4f46e5", "#4d7c0f", "#c026d3"]

    static func color(_ type: String) -> String {
        entityColors[type] ?? extra[slot(type)]
    }

    static func ink(_ type: String) -> String {
        entityInk[type] ?? extraInk[slot(type)]
    }

    private static func slot(_ type: String) -> Int {
        Int(type.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) } % UInt32(extra.count))
    }

    static let accent = "#2563eb"
    static let terms = "#0f766e"
    static let lengths = "#7c3aed"
    static let sources = "#b45309"

    static let css = """
        :root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --card: #ffffff; --page: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header.top { background: #111827; color: #f9fafb; padding: 28px 32px 22px; }
        header.top h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
        header.top p { margin: 0; color: #d1d5db; }
        main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 48px; }
        nav.toc { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 18px; font-size: 14px; }
        nav.toc a { color: var(--muted); text-decoration: none; border-bottom: 1px dotted var(--muted); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; margin-bottom: 22px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
        .card .n { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .card .k { color: var(--muted); font-size: 13px; }
        section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 22px 20px;
                  margin: 0 0 18px; break-inside: avoid-page; }
        section h2 { margin: 0 0 4px; font-size: 19px; }
        section p.note { margin: 0 0 12px; color: var(--muted); font-size: 13.5px; }
        .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 18px 28px; }
        .grid3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 16px 24px; }
        figure { margin: 0; min-width: 0; }
        figcaption { font-weight: 600; font-size: 14px; margin: 0 0 6px; }
        svg.chart { max-width: 100%; height: auto; display: block; }
        svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #374151; }
        svg.chart text.tick, svg.chart text.axis { fill: #6b7280; font-size: 11px; }
        svg.chart line.grid { stroke: #e5e7eb; stroke-width: 1; }
        svg.chart rect.bar:hover, svg.chart rect.cell:hover { opacity: 0.75; }
        table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; }
        .nodata { color: var(--muted); font-style: italic; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; }
        .doc { border-top: 1px solid var(--line); padding: 14px 0 6px; }
        .doc h3 { margin: 0 0 2px; font-size: 16px; }
        .doc .meta { color: var(--muted); font-size: 13px; margin-bottom: 8px; word-break: break-all; }
        .doc .text { line-height: 2.1; white-space: pre-wrap; font-size: 14.5px; max-height: 28em; overflow: auto; }
        mark.ent { padding: 0.15em 0.35em; margin: 0 0.1em; border-radius: 0.35em; line-height: 1; color: #111827;
                   -webkit-box-decoration-break: clone; box-decoration-break: clone; }
        mark.ent .t { font-size: 0.62em; font-weight: 700; letter-spacing: 0.03em; margin-left: 0.45em; vertical-align: middle;
                      text-transform: uppercase; opacity: 0.8; }
        .chips { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 6px 0 2px; font-size: 12.5px; }
        .chip { background: #f3f4f6; border: 1px solid var(--line); border-radius: 999px; padding: 0 8px; }
        .warn { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: 8px 12px; margin: 0 0 14px; font-size: 14px; }
        footer { color: var(--muted); font-size: 12.5px; text-align: center; margin-top: 24px; }
        @media (max-width: 720px) { main { padding: 12px; } .grid2, .grid3 { grid-template-columns: 1fr; } }
        @media print {
          @page { size: A4; margin: 14mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { background: #fff; font-size: 11pt; }
          header.top { background: #fff; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
          header.top p { color: #333; }
          main { max-width: none; padding: 8px 0; }
          nav.toc { display: none; }
          section, .card { border-color: #bbb; box-shadow: none; }
          section { break-inside: avoid; page-break-inside: avoid; }
          .grid2, .grid3 { grid-template-columns: 1fr 1fr; }
          .doc .text { max-height: none; overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
