import Foundation

/// Errors from the data loaders. Every message is a full sentence naming the file and what is
/// wrong with it, and says what to do where there is something to do.
public enum DataError: Error, LocalizedError, CustomStringConvertible, Equatable {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// An IDX file starts with the wrong magic number.
    case wrongMagicNumber(path: String, expected: UInt32, found: UInt32)
    /// The file is shorter than its header (or record size) says it must be.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The file is longer than its header says.
    case trailingBytes(path: String, expectedBytes: Int, actualBytes: Int)
    /// A line of a text file does not parse.
    case malformedRow(path: String, line: Int, reason: String)
    /// A label outside the valid classes.
    case invalidLabel(path: String, record: Int, label: Int, classCount: Int)
    /// Images and labels disagree in number.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "The data file \(path) does not exist. Check the path, or set COURSE_DATA_DIR to the folder that holds it."
        case let .unreadable(path, reason):
            return "The data file \(path) could not be read: \(reason)."
        case let .wrongMagicNumber(path, expected, found):
            return "The file \(path) starts with the magic number \(Self.hex(found)), but an IDX file of this kind starts with \(Self.hex(expected)). It may be the wrong file, or still gzip-compressed (run gunzip on it first)."
        case let .truncated(path, expected, actual):
            return "The file \(path) is truncated: it should hold \(expected) bytes but holds only \(actual). Download or copy it again."
        case let .trailingBytes(path, expected, actual):
            return "The file \(path) holds \(actual) bytes, more than the \(expected) its header announces; it may be corrupt or of a different format."
        case let .malformedRow(path, line, reason):
            return "Line \(line) of \(path) is malformed: \(reason)."
        case let .invalidLabel(path, record, label, classCount):
            return "Record \(record) of \(path) has the label \(label), outside the \(classCount) classes 0…\(classCount - 1)."
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "The image file \(imagesPath) holds \(images) images but the label file \(labelsPath) holds \(labels) labels; they must match."
        }
    }

    public var errorDescription: String? { description }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// Reads a whole file, turning failures into `DataError`s.
func readData(atPath path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw DataError.fileNotFound(path: path) }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw DataError.unreadable(path: path, reason: error.localizedDescription)
    }
}
