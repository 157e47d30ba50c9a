import Foundation
import TensorCore

/// A value the student's code returns to a check, written to the observation stream by the
/// graded process and read back, bit for bit, by the process that decides the verdict.
///
/// The encoding is a plain little-endian byte stream (Doubles by their bit pattern, so NaN,
/// −0 and the last ulp survive). Reading validates everything it reads: the stream comes from
/// the graded process and may be anything.
public protocol Recordable {
    func record(into writer: inout RecordWriter)
    static func replay(from reader: inout RecordReader) throws(RecordError) -> Self
}

/// Why a recorded value could not be read back.
public struct RecordError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Appends values to a byte buffer.
public struct RecordWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    public mutating func write(_ value: Double) { write(value.bitPattern) }
    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(utf8.count)
        bytes.append(contentsOf: utf8)
    }
    public mutating func write(doubles: [Double]) {
        write(doubles.count)
        bytes.reserveCapacity(bytes.count + doubles.count * 8)
        for value in doubles { write(value) }
    }
}

/// Reads values back from a byte buffer, refusing anything out of bounds.
public struct RecordReader {
    let bytes: [UInt8]
    var offset: Int
    let end: Int

    public init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes; self.offset = start; self.end = end ?? bytes.count
    }

    public var isAtEnd: Bool { offset >= end }

    public mutating func readUInt64() throws(RecordError) -> UInt64 {
        guard end - offset >= 8 else { throw RecordError("the recorded value ends early") }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return value
    }
    public mutating func readInt() throws(RecordError) -> Int { Int(Int64(bitPattern: try readUInt64())) }
    public mutating func readDouble() throws(RecordError) -> Double { Double(bitPattern: try readUInt64()) }
    /// A count of items that take at least `size` bytes each: never more than what is left.
    public mutating func readCount(itemSize size: Int) throws(RecordError) -> Int {
        let count = try readInt()
        guard count >= 0, count <= (end - offset) / max(1, size) else { throw RecordError("a recorded count (\(count)) is impossible") }
        return count
    }
    public mutating func readString() throws(RecordError) -> String {
        let count = try readCount(itemSize: 1)
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }
    public mutating func readDoubles() throws(RecordError) -> [Double] {
        let count = try readCount(itemSize: 8)
        var values = [Double](); values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readDouble()) }
        return values
    }
}

extension Double: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(self) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Double { try reader.readDouble() }
}

extension Float: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(UInt64(bitPattern)) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Float {
        let bits = try reader.readUInt64()
        guard bits <= UInt64(UInt32.max) else { throw RecordError("a recorded Float is out of range") }
        return Float(bitPattern: UInt32(bits))
    }
}

extension Int: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(self) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Int { try reader.readInt() }
}

extension UInt64: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(self) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> UInt64 { try reader.readUInt64() }
}

extension Bool: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(self ? 1 : 0) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Bool {
        switch try reader.readInt() {
        case 0: return false
        case 1: return true
        default: throw RecordError("a recorded Bool is neither true nor false")
        }
    }
}

extension String: Recordable {
    public func record(into writer: inout RecordWriter) { writer.write(self) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> String { try reader.readString() }
}

extension Array: Recordable where Element: Recordable {
    public func record(into writer: inout RecordWriter) {
        writer.write(count)
        for element in self { element.record(into: &writer) }
    }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> [Element] {
        let count = try reader.readCount(itemSize: 1)
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try Element.replay(from: &reader)) }
        return elements
    }
}

extension Optional: Recordable where Wrapped: Recordable {
    public func record(into writer: inout RecordWriter) {
        switch self {
        case .none: writer.write(0)
        case .some(let value): writer.write(1); value.record(into: &writer)
        }
    }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Wrapped? {
        switch try reader.readInt() {
        case 0: return nil
        case 1: return try Wrapped.replay(from: &reader)
        default: throw RecordError("a recorded optional is malformed")
        }
    }
}

extension Tensor: Recordable {
    public func record(into writer: inout RecordWriter) {
        writer.write(shape.count)
        for dimension in shape { writer.write(dimension) }
        writer.write(doubles: scalars)
    }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Tensor {
        let rank = try reader.readCount(itemSize: 8)
        var shape: [Int] = []
        var product = 1
        for _ in 0..<rank {
            let dimension = try reader.readInt()
            guard dimension >= 0, dimension <= 1 << 32 else { throw RecordError("a recorded tensor has dimension \(dimension)") }
            shape.append(dimension)
            product = product.multipliedReportingOverflow(by: dimension).partialValue
        }
        let scalars = try reader.readDoubles()
        guard scalars.count == product else { throw RecordError("a recorded tensor of shape \(shape) has \(scalars.count) scalars") }
        return Tensor(shape: shape, scalars: scalars)
    }
}

/// An error the student's code threw, as a check sees it: its type and its description.
public struct StudentError: Error, Recordable, Equatable, CustomStringConvertible {
    /// The error's type, module-qualified (`Ex5.ConvolutionError`).
    public var type: String
    /// `String(describing:)` of the error: for an enum, the case and its values.
    public var description: String

    /// The enum case's name (`kernelLargerThanInput`), read from the value itself, whatever its
    /// `description` says; for an error that is not an enum, its description.
    public var caseName: String

    public init(_ error: any Error) {
        type = String(reflecting: Swift.type(of: error))
        description = String(describing: error)
        let mirror = Mirror(reflecting: error)
        if mirror.displayStyle == .enum, let label = mirror.children.first?.label {
            caseName = label
        } else if mirror.displayStyle == .enum, case let plain = String(reflecting: error), !plain.contains(" ") {
            caseName = String(plain.split(separator: ".").last ?? Substring(plain))   // a case without values
        } else {
            caseName = String(description.prefix { $0 != "(" })
        }
    }

    init(type: String, description: String, caseName: String) {
        self.type = type; self.description = description; self.caseName = caseName
    }

    public func record(into writer: inout RecordWriter) { writer.write(type); writer.write(description); writer.write(caseName) }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> StudentError {
        StudentError(type: try reader.readString(), description: try reader.readString(), caseName: try reader.readString())
    }
}

extension Result: Recordable where Success: Recordable, Failure == StudentError {
    public func record(into writer: inout RecordWriter) {
        switch self {
        case .success(let value): writer.write(0); value.record(into: &writer)
        case .failure(let error): writer.write(1); error.record(into: &writer)
        }
    }
    public static func replay(from reader: inout RecordReader) throws(RecordError) -> Result<Success, StudentError> {
        switch try reader.readInt() {
        case 0: return .success(try Success.replay(from: &reader))
        case 1: return .failure(try StudentError.replay(from: &reader))
        default: throw RecordError("a recorded result is malformed")
        }
    }
}
