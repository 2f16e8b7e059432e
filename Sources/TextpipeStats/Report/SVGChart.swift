import Foundation

/// Charts drawn as inline SVG, so the report needs no script, font or network.
///
/// Every chart is an `<svg class="chart">` with explicit width, height and viewBox (so it has
/// a size before any CSS applies, prints at that size and scales down on narrow screens),
/// a `<title>` for screen readers, and marks (`rect.bar`, `rect.cell`) filled by attribute,
/// not by CSS, so that printing and a stylesheet-less viewer still show them. Labels are
/// placed by an estimate of their width in the 12 px sans-serif system font (`textWidth`),
/// generous for capitals, Cyrillic and Greek, and wide characters.
enum SVGChart {
    struct Item {
        var label: String
        var value: Double
        /// What is written at the end of the bar.
        var display: String
        var color: String? = nil
        /// Shown on hover.
        var tooltip: String? = nil
    }

    static let font = 12.0
    static let charWidth = 7.0

    /// Horizontal bars, one per item, longest first as given.
    static func bars(_ id: String, title: String, items: [Item], color: String, width: Double = 520) -> String {
        guard !items.isEmpty else { return empty(id, title: title) }
        let rowHeight = 20.0, top = 4.0
        let labelChars = 28
        let labelWidth = (items.map { textWidth(shorten($0.label, labelChars)) }.max() ?? 0) + 10
        let valueWidth = Double(items.map { $0.display.count }.max() ?? 0) * charWidth + 8
        let barSpace = max(60, width - labelWidth - valueWidth)
        let maxValue = items.map(\.value).max() ?? 1
        let height = top * 2 + rowHeight * Double(items.count)
        var s = open(id, title: title, width: width, height: height)
        for (i, item) in items.enumerated() {
            let y = top + rowHeight * Double(i)
            let w = maxValue > 0 ? max(1, barSpace * item.value / maxValue) : 1
            s += "<text class=\"label\" x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 14))\" text-anchor=\"end\">\(HTML.escape(shorten(item.label, labelChars)))</text>"
            s += "<rect class=\"bar\" x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 6))\" rx=\"2\" fill=\"\(item.color ?? color)\">"
            s += "<title>\(HTML.escape(item.tooltip ?? "\(item.label): \(item.display)"))</title></rect>"
            s += "<text class=\"value\" x=\"\(f(labelWidth + w + 4))\" y=\"\(f(y + 14))\">\(HTML.escape(item.display))</text>"
        }
        return s + "</svg>"
    }

    /// Vertical columns over an ordered axis (days, length bins); every `labelEvery`-th label.
    static func columns(_ id: String, title: String, items: [Item], color: String, width: Double = 520,
                        height: Double = 200, axisLabel: String = "") -> String {
        guard !items.isEmpty else { return empty(id, title: title) }
        let left = 40.0, bottom = 34.0, top = 10.0, right = 8.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(1, items.map(\.value).max() ?? 1)
        let step = plotW / Double(items.count)
        let gap = step > 6 ? min(4, step * 0.2) : 0
        let labelEvery = max(1, Int((Double(items.map { $0.label.count }.max() ?? 1) * charWidth + 8) / step) + 1)
        var s = open(id, title: title, width: width, height: height)
        // Axis with three gridlines.
        for k in 0...2 {
            let v = maxValue * Double(k) / 2
            let y = top + plotH - plotH * Double(k) / 2
            s += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"tick\" x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(compact(v))</text>"
        }
        for (i, item) in items.enumerated() {
            let h = plotH * item.value / maxValue
            let x = left + step * Double(i) + gap / 2
            if item.value > 0 {
                s += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(top + plotH - max(h, 1)))\" width=\"\(f(max(1, step - gap)))\" height=\"\(f(max(h, 1)))\" fill=\"\(item.color ?? color)\">"
                s += "<title>\(HTML.escape(item.tooltip ?? "\(item.label): \(item.display)"))</title></rect>"
            }
            if i % labelEvery == 0 {
                s += "<text class=\"tick\" x=\"\(f(x + (step - gap) / 2))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\">\(HTML.escape(item.label))</text>"
            }
        }
        if !axisLabel.isEmpty {
            s += "<text class=\"axis\" x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\">\(HTML.escape(axisLabel))</text>"
        }
        return s + "</svg>"
    }

    /// A symmetric matrix of counts between named things, cells shaded by count.
    static func heatmap(_ id: String, title: String, names: [String], colors: [String], counts: [[Int]]) -> String {
        guard names.count >= 2 else { return empty(id, title: title) }
        let n = Double(names.count)
        let labelChars = 22
        let labelW = (names.map { textWidth(shorten($0, labelChars)) }.max() ?? 0) + 12
        let cell = max(14, min(26, (620 - labelW) / n))
        let size = labelW + cell * n + 6
        // Column labels lean right over the matrix: leave room for the last ones.
        let width = size + labelW * 0.5
        let maxCount = max(1, counts.flatMap { $0 }.max() ?? 1)
        var s = open(id, title: title, width: width, height: size)
        for (i, name) in names.enumerated() {
            let label = HTML.escape(shorten(name, labelChars))
            let y = labelW + cell * Double(i)
            s += "<text class=\"label\" x=\"\(f(labelW - 6))\" y=\"\(f(y + cell / 2 + 4))\" text-anchor=\"end\" fill=\"\(colors[i])\">\(label)</text>"
            let x = labelW + cell * Double(i) + cell / 2 + 4
            s += "<text class=\"label\" transform=\"translate(\(f(x)) \(f(labelW - 6))) rotate(-60)\" fill=\"\(colors[i])\">\(label)</text>"
        }
        for i in 0..<names.count {
            for j in 0..<names.count {
                let c = counts[i][j]
                let x = labelW + cell * Double(j), y = labelW + cell * Double(i)
                let shade = i == j ? "#f3f4f6" : c == 0 ? "#ffffff" : shadeColor(Double(c) / Double(maxCount))
                s += "<rect class=\"cell\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell - 1))\" height=\"\(f(cell - 1))\" fill=\"\(shade)\">"
                s += "<title>\(HTML.escape(i == j ? names[i] : "\(names[i]) + \(names[j]): \(c) sentences"))</title></rect>"
            }
        }
        return s + "</svg>"
    }

    /// Blue from pale to dark for a share in 0...1.
    static func shadeColor(_ share: Double) -> String {
        let t = 0.15 + 0.85 * min(1, max(0, share))
        let from = (219.0, 234.0, 254.0), to = (30.0, 64.0, 175.0)
        let r = Int(from.0 + (to.0 - from.0) * t), g = Int(from.1 + (to.1 - from.1) * t), b = Int(from.2 + (to.2 - from.2) * t)
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func open(_ id: String, title: String, width: Double, height: Double) -> String {
        "<svg class=\"chart\" id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\"><title>\(HTML.escape(title))</title>"
    }

    static func empty(_ id: String, title: String) -> String {
        "<p class=\"nodata\" id=\"\(id)\">No data for \(HTML.escape(title.lowercased())).</p>"
    }

    /// Estimated width in pixels of a label at 12 px.
    static func textWidth(_ s: String) -> Double {
        var w = 0.0
        for c in s.unicodeScalars {
            switch c.value {
            case 0x20: w += 3.6
            case 0x41...0x5A: w += 8.2
            case 0x21...0x7E: w += 6.8
            case 0x80...0x2FF: w += 7.6
            case 0x370...0x52F: w += 8.0
            case 0x1100...0x11FF, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60: w += 12.5
            default: w += 8.0
            }
        }
        return w
    }

    static func shorten(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(max(1, n - 1))) + "…"
    }

    /// 1234 -> "1.2k".
    static func compact(_ v: Double) -> String {
        if v >= 1_000_000 { return String(format: "%.1fM", v / 1_000_000) }
        if v >= 10_000 { return String(format: "%.0fk", v / 1000) }
        if v >= 1000 { return String(format: "%.1fk", v / 1000) }
        return v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    static func f(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }
}

/// Escaping for text and attribute values.
enum HTML {
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// "1 document", "3 documents"; or with explicit singular and plural phrases.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(n)) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A number with thousands separators: 1234567 -> "1,234,567".
    static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
