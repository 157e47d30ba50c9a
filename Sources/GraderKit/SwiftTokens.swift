import Foundation

/// A token of Swift source, as far as the mutation generator needs one: comments are skipped,
/// a string literal (interpolations included) is one token, and every token knows where it sits.
struct SwiftToken: Equatable, Sendable {
    enum Kind: Sendable { case identifier, number, string, op, punct }
    var kind: Kind
    var text: String
    /// UTF-8 offsets in the file.
    var start: Int
    var end: Int
    /// 1-based line and column (columns count UTF-8 bytes).
    var line: Int
    var column: Int
    /// Whitespace (or a line break, or a comment) right before and right after the token.
    var spaceBefore: Bool
    var spaceAfter: Bool

    /// A binary operator by Swift's rule: whitespace on both sides.
    var isBinaryOperator: Bool { kind == .op && spaceBefore && spaceAfter }
    var isIntegerLiteral: Bool { kind == .number && text.allSatisfy { $0.isNumber || $0 == "_" } }
}

/// Splits Swift source into `SwiftToken`s. Not a parser: enough to find operators, literals,
/// calls and statements in solution code.
enum SwiftTokenizer {
    static let operatorBytes = Set("/=-+!*%<>&|^~?".utf8)

    static func tokenize(_ source: String) -> [SwiftToken] {
        let bytes = Array(source.utf8)
        var tokens: [SwiftToken] = []
        var i = 0, line = 1, lineStart = 0
        var sawSpace = true
        func at(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }
        func isIdentifierByte(_ b: UInt8) -> Bool {
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 36 || b >= 0x80
        }
        func emit(_ kind: SwiftToken.Kind, _ from: Int, _ to: Int, line startLine: Int, column: Int) {
            if var last = tokens.last, last.end == from { last.spaceAfter = false; tokens[tokens.count - 1] = last }
            tokens.append(SwiftToken(kind: kind, text: String(decoding: bytes[from..<to], as: UTF8.self), start: from, end: to,
                                     line: startLine, column: column, spaceBefore: sawSpace, spaceAfter: true))
            sawSpace = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 10 { line += 1; lineStart = i + 1; i += 1; sawSpace = true; continue }
            if b == 32 || b == 9 || b == 13 { i += 1; sawSpace = true; continue }
            if b == 47 && at(i + 1) == 47 {                       // line comment
                while i < bytes.count && bytes[i] != 10 { i += 1 }
                sawSpace = true; continue
            }
            if b == 47 && at(i + 1) == 42 {                       // block comment
                i += 2
                while i < bytes.count && !(bytes[i] == 42 && at(i + 1) == 47) {
                    if bytes[i] == 10 { line += 1; lineStart = i + 1 }
                    i += 1
                }
                i += 2; sawSpace = true; continue
            }
            let start = i, startLine = line, column = i - lineStart + 1
            if b == 34 {                                           // string literal, interpolations inside
                let multiline = at(i + 1) == 34 && at(i + 2) == 34
                i += multiline ? 3 : 1
                var depth = 0
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 10 { line += 1; lineStart = i + 1 }
                    if c == 92 {                                   // backslash
                        if at(i + 1) == 40 { depth += 1; i += 2; continue }
                        i += 2; continue
                    }
                    if depth > 0 {
                        if c == 40 { depth += 1 } else if c == 41 { depth -= 1 }
                        i += 1; continue
                    }
                    if c == 34 {
                        if !multiline { i += 1; break }
                        if at(i + 1) == 34 && at(i + 2) == 34 { i += 3; break }
                    }
                    i += 1
                }
                emit(.string, start, i, line: startLine, column: column)
                continue
            }
            if b >= 48 && b <= 57 {                                // number
                i += 1
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 46 { if at(i + 1) >= 48 && at(i + 1) <= 57 { i += 1; continue } else { break } }
                    if (c == 45 || c == 43) && (bytes[i - 1] == 101 || bytes[i - 1] == 69) { i += 1; continue }
                    if isIdentifierByte(c) { i += 1; continue }
                    break
                }
                emit(.number, start, i, line: startLine, column: column)
                continue
            }
            if isIdentifierByte(b) {
                while i < bytes.count && isIdentifierByte(bytes[i]) { i += 1 }
                emit(.identifier, start, i, line: startLine, column: column)
                continue
            }
            if b == 46 && at(i + 1) == 46 {                        // ..< and ...
                i += 2
                while i < bytes.count && (bytes[i] == 46 || bytes[i] == 60) { i += 1 }
                emit(.op, start, i, line: startLine, column: column)
                continue
            }
            if operatorBytes.contains(b) {
                while i < bytes.count && operatorBytes.contains(bytes[i])
                        && !(bytes[i] == 47 && (at(i + 1) == 47 || at(i + 1) == 42)) { i += 1 }
                emit(.op, start, i, line: startLine, column: column)
                continue
            }
            i += 1
            emit(.punct, start, i, line: startLine, column: column)
        }
        if var last = tokens.last { last.spaceAfter = true; tokens[tokens.count - 1] = last }
        // A token followed by whitespace: fix spaceAfter from the next token's spaceBefore.
        for k in tokens.indices.dropLast() where tokens[k].end != tokens[k + 1].start {
            tokens[k].spaceAfter = true
        }
        return tokens
    }
}
