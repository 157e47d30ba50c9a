import Foundation

/// The operators of `MutationGenerator`, each a scan over the tokens of one solution block.
enum MutationOperators {
    static let relational = ["<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="]
    static let arithmetic = ["+": "-", "-": "+", "*": "/", "/": "*"]
    static let compound: Set<String> = ["+=", "-=", "*=", "/="]
    static let notCalls: Set<String> = ["if", "while", "guard", "return", "precondition", "preconditionFailure",
                                        "fatalError", "print", "todo", "assert", "switch", "for", "in"]
    static let statementKeywords: Set<String> = ["let", "var", "return", "for", "while", "switch", "case", "default",
                                                 "else", "func", "guard", "precondition", "repeat", "defer", "throw"]

    // MARK: Single tokens and expressions

    static func tokenEdits(_ t: [SwiftToken], _ range: ClosedRange<Int>) -> [MutationEdit] {
        var edits: [MutationEdit] = []
        func edit(_ op: MutationOperator, _ from: Int, _ to: Int, _ with: String) {
            edits.append(MutationEdit(op: op, start: from, end: to, replacement: with))
        }
        for k in range {
            let token = t[k]
            let previous = k > range.lowerBound ? t[k - 1] : nil
            let next = k < range.upperBound ? t[k + 1] : nil
            switch token.kind {
            case .op:
                if token.isBinaryOperator, let swapped = relational[token.text] { edit(.relational, token.start, token.end, swapped) }
                if token.isBinaryOperator, let swapped = arithmetic[token.text] { edit(.arithmetic, token.start, token.end, swapped) }
                if token.text == "..<" { edit(.range, token.start, token.end, "...") }
                if token.text == "..." { edit(.range, token.start, token.end, "..<") }
                if compound.contains(token.text) { edit(.assignment, token.start, token.end, "=") }
                if token.text == "=", let previous, k >= 2,
                   previous.kind == .identifier || previous.text == "]",
                   !["let", "var"].contains(t[k - 2].text), !["let", "var"].contains(previous.text) {
                    edit(.assignment, token.start, token.end, "+=")
                }
                if token.text == "-", !token.spaceAfter, let next,
                   next.kind == .identifier || next.kind == .number || next.text == "(",
                   token.spaceBefore || previous.map({ $0.kind == .op || ["(", "[", ",", "{"].contains($0.text) }) ?? true {
                    edit(.sign, token.start, token.end, "")
                }
                if token.text == "?", token.isBinaryOperator, let from = conditionStart(t, before: k, floor: range.lowerBound) {
                    negate(t, from, k - 1, &edits)
                }
            case .number where token.isIntegerLiteral:
                if let n = Int(token.text.replacingOccurrences(of: "_", with: "")) {
                    edit(.constant, token.start, token.end, String(n + 1))
                    if n >= 1 { edit(.constant, token.start, token.end, String(n - 1)) }
                }
            case .identifier:
                if ["max", "min"].contains(token.text), let next, next.text == "(", next.start == token.end {
                    edit(.maxmin, token.start, token.end, token.text == "max" ? "min" : "max")
                }
                if ["if", "while", "guard"].contains(token.text), let next, !["let", "var", "case"].contains(next.text) {
                    let stop = token.text == "guard" ? "else" : "{"
                    var end = k + 1, depth = 0
                    while end <= range.upperBound {
                        let text = t[end].text
                        if depth == 0 && text == stop { break }
                        if ["(", "["].contains(text) { depth += 1 } else if [")", "]"].contains(text) { depth -= 1 }
                        end += 1
                    }
                    if end <= range.upperBound && end > k + 1 { negate(t, k + 1, end - 1, &edits) }
                }
                if !notCalls.contains(token.text), let next, next.text == "(", next.start == token.end {
                    edits += swaps(t, open: k + 1, limit: range.upperBound)
                }
            case .punct where token.text == "[":
                // An array literal, not a subscript: nothing that ends an expression right before it.
                let subscripted = previous.map { $0.end == token.start && ($0.kind == .identifier || [")", "]"].contains($0.text)) } ?? false
                if !subscripted { edits += swaps(t, open: k, limit: range.upperBound) }
            default:
                break
            }
        }
        return edits
    }

    /// The first token of the condition before a ternary `?` at `index`.
    static func conditionStart(_ t: [SwiftToken], before index: Int, floor: Int) -> Int? {
        var k = index - 1, depth = 0
        while k >= floor {
            let text = t[k].text
            if [")", "]", "}"].contains(text) { depth += 1 }
            else if ["(", "[", "{"].contains(text) { if depth == 0 { break }; depth -= 1 }
            else if depth == 0 && ([",", "return", "in", "=", "?", ":"].contains(text) || compound.contains(text)) { break }
            k -= 1
        }
        return k + 1 < index ? k + 1 : nil
    }

    static func negate(_ t: [SwiftToken], _ from: Int, _ to: Int, _ edits: inout [MutationEdit]) {
        let text = t[from...to].enumerated().map { offset, token in
            (offset > 0 && token.spaceBefore ? " " : "") + token.text
        }.joined()
        edits.append(MutationEdit(op: .condition, start: t[from].start, end: t[to].end, replacement: "!(\(text))"))
    }

    /// Swaps of neighbouring arguments of the call (or elements of the array literal) that opens at `open`.
    static func swaps(_ t: [SwiftToken], open: Int, limit: Int) -> [MutationEdit] {
        let close = t[open].text == "(" ? ")" : "]"
        var arguments: [ClosedRange<Int>] = []
        var depth = 0, start = open + 1, k = open + 1
        while k <= limit {
            let text = t[k].text
            if ["(", "[", "{"].contains(text) { depth += 1 }
            else if [")", "]", "}"].contains(text) {
                if depth == 0 {
                    guard text == close else { return [] }
                    if k > start { arguments.append(start...(k - 1)) }
                    break
                }
                depth -= 1
            } else if depth == 0 && text == "," {
                guard k > start else { return [] }
                arguments.append(start...(k - 1)); start = k + 1
            }
            k += 1
        }
        guard k <= limit, arguments.count >= 2 else { return [] }
        // The value of each argument: after `label:` when it has one.
        let values = arguments.map { argument -> (labeled: Bool, value: ClosedRange<Int>)? in
            let labeled = argument.count >= 3 && t[argument.lowerBound].kind == .identifier && t[argument.lowerBound + 1].text == ":"
            let value = labeled ? (argument.lowerBound + 2)...argument.upperBound : argument
            return value.isEmpty ? nil : (labeled, value)
        }
        var edits: [MutationEdit] = []
        for i in 0..<(values.count - 1) {
            guard let a = values[i], let b = values[i + 1], a.labeled == b.labeled else { continue }
            let first = t[a.value.lowerBound].start, secondEnd = t[b.value.upperBound].end
            let textA = text(t, a.value), textB = text(t, b.value)
            guard textA != textB else { continue }
            let between = text(t, (a.value.upperBound + 1)...(b.value.lowerBound - 1), leading: t[a.value.upperBound + 1].spaceBefore)
            edits.append(MutationEdit(op: .swap, start: first, end: secondEnd,
                                      replacement: textB + between + (t[b.value.lowerBound].spaceBefore ? " " : "") + textA))
        }
        return edits
    }

    /// The source of a token range with single spaces where the source had whitespace.
    static func text(_ t: [SwiftToken], _ range: ClosedRange<Int>, leading: Bool = false) -> String {
        range.map { k in (k > range.lowerBound || leading) && t[k].spaceBefore ? " " + t[k].text : t[k].text }.joined()
    }

    // MARK: Statements

    static func statementEdits(_ t: [SwiftToken], _ range: ClosedRange<Int>, source: String) -> [MutationEdit] {
        let bytes = Array(source.utf8)
        func lineStart(_ offset: Int) -> Int { var k = offset; while k > 0 && bytes[k - 1] != 10 { k -= 1 }; return k }
        func lineEnd(_ offset: Int) -> Int { var k = offset; while k < bytes.count && bytes[k] != 10 { k += 1 }; return min(k + 1, bytes.count) }
        var edits: [MutationEdit] = []
        var k = range.lowerBound
        while k <= range.upperBound {
            // The tokens of this line.
            var end = k
            while end + 1 <= range.upperBound && t[end + 1].line == t[k].line { end += 1 }
            let first = t[k]
            if ["precondition", "guard"].contains(first.text) {
                // The whole statement: to the matching `)`, or through guard's `else { … }`.
                var j = k, depth = 0, opened = false
                while j <= range.upperBound {
                    let text = t[j].text
                    if ["(", "[", "{"].contains(text) { depth += 1; if first.text == "precondition" || text == "{" { opened = true } }
                    else if [")", "]", "}"].contains(text) { depth -= 1 }
                    if opened && depth == 0 && (first.text == "precondition" ? text == ")" : text == "}") { break }
                    j += 1
                }
                if j <= range.upperBound {
                    edits.append(MutationEdit(op: .guardRemoved, start: lineStart(first.start), end: lineEnd(t[j].end), replacement: ""))
                }
            } else if first.kind == .identifier, !statementKeywords.contains(first.text), balanced(t, k...end) {
                let line = t[k...end]
                var depth = 0, assigns = false
                for token in line {
                    if ["(", "[", "{"].contains(token.text) { depth += 1 } else if [")", "]", "}"].contains(token.text) { depth -= 1 }
                    if depth == 0 && (token.text == "=" || compound.contains(token.text)) { assigns = true }
                }
                if first.text == "if" || assigns {
                    edits.append(MutationEdit(op: .delete, start: lineStart(first.start), end: lineEnd(t[end].end), replacement: ""))
                }
            }
            k = end + 1
        }
        return edits
    }

    static func balanced(_ t: [SwiftToken], _ range: ClosedRange<Int>) -> Bool {
        var depth = 0
        for token in t[range] {
            if ["(", "[", "{"].contains(token.text) { depth += 1 } else if [")", "]", "}"].contains(token.text) { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }

    // MARK: The signature above a block

    /// Changed default arguments of the function whose body begins at token `first`.
    static func defaultEdits(_ t: [SwiftToken], before first: Int) -> [MutationEdit] {
        var k = first - 1
        while k >= 0 && !["func", "init", "}"].contains(t[k].text) { k -= 1 }
        guard k >= 0, t[k].text != "}" else { return [] }
        var edits: [MutationEdit] = []
        var depth = 0
        var j = k
        while j < first {
            let text = t[j].text
            if text == "(" { depth += 1 } else if text == ")" { depth -= 1 }
            if depth == 1 && text == "=" {
                var end = j + 1
                while end < first && !(t[end].text == "," || (t[end].text == ")")) { end += 1 }
                let value = t[(j + 1)..<end].map(\.text).joined()
                if end > j + 1, let replacement = changedDefault(value) {
                    edits.append(MutationEdit(op: .default, start: t[j + 1].start, end: t[end - 1].end, replacement: replacement))
                }
            }
            j += 1
        }
        return edits
    }

    /// A different value of the same type: an integer plus one, a floating-point value doubled, a Bool negated.
    static func changedDefault(_ value: String) -> String? {
        if value == "true" { return "false" }
        if value == "false" { return "true" }
        if let n = Int(value) { return String(n + 1) }
        if let x = Double(value) { return "\(x * 2)" }
        return nil
    }
}
