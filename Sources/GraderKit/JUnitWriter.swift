import Foundation

/// JUnit XML, for classrooms that grade in CI: one test suite per exercise, one test case per check.
public enum JUnitWriter {
    public static func xml(_ reports: [Report]) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let tests = reports.reduce(0) { $0 + $1.checks.count }
        let failures = reports.reduce(0) { $0 + $1.checks.filter { $0.status == .failed }.count }
        let errors = reports.reduce(0) { $0 + $1.checks.filter { $0.status == .error || $0.status == .timeout }.count }
        lines.append("<testsuites tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">")
        for report in reports {
            let suiteFailures = report.checks.filter { $0.status == .failed }.count
            let suiteErrors = report.checks.filter { $0.status == .error || $0.status == .timeout }.count
            lines.append("  <testsuite name=\"\(escape(report.exercise))\" tests=\"\(report.checks.count)\" failures=\"\(suiteFailures)\" errors=\"\(suiteErrors)\" time=\"\(String(format: "%.3f", report.seconds))\">")
            lines.append("    <properties><property name=\"score\" value=\"\(formatPoints(report.score))/\(formatPoints(report.maxScore))\"/><property name=\"toolchain\" value=\"\(escape(report.toolchain))\"/><property name=\"version\" value=\"\(escape(report.version))\"/><property name=\"seed\" value=\"\(report.seed)\"/></properties>")
            for check in report.checks {
                let open = "    <testcase classname=\"\(escape(report.exercise)).\(escape(check.task))\" name=\"\(escape(check.id)) \(escape(check.name)) (\(formatPoints(check.points))/\(formatPoints(check.max)))\" time=\"\(String(format: "%.3f", check.seconds))\""
                switch check.status {
                case .passed:
                    lines.append(open + "/>")
                case .failed:
                    lines.append(open + "><failure message=\"\(escape(firstLine(check.message)))\">\(escape(check.message))</failure></testcase>")
                case .error, .timeout:
                    lines.append(open + "><error type=\"\(check.status.rawValue)\" message=\"\(escape(firstLine(check.message)))\">\(escape(check.message))</error></testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func write(_ reports: [Report], to url: URL) throws {
        try Data(xml(reports).utf8).write(to: url, options: .atomic)
    }

    static func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // XML 1.0 forbids most control characters, which a student's output may contain.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { result += "?" }
                else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
