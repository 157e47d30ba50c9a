import Foundation
import TensorCore

/// A reader for MNIST's IDX files (LeCun et al., http://yann.lecun.com/exdb/mnist/), e.g.
/// `train-images-idx3-ubyte` and `train-labels-idx1-ubyte`, uncompressed.
///
/// Format (all integers big-endian):
/// - images: magic `0x00000803` (2051: unsigned bytes, 3 dimensions), count N, rows, columns,
///   then N·rows·columns pixel bytes, row-major;
/// - labels: magic `0x00000801` (2049: unsigned bytes, 1 dimension), count N, then N bytes 0–9.
///
/// The magic number, the size the header announces and the label range are checked; each
/// failure is a `DataError` naming the file. Images come back as `[N, 1, rows, columns]` (NCHW)
/// scaled to 0…1 (byte / 255).
public enum MNIST {
    public static let imagesMagic: UInt32 = 0x0000_0803
    public static let labelsMagic: UInt32 = 0x0000_0801

    public static func loadImages(path: String) throws -> Tensor {
        let data = try readData(atPath: path)
        try checkHeader(data, path: path, magic: imagesMagic, headerBytes: 16)
        let n = Int(data.bigEndianUInt32(at: 4))
        let rows = Int(data.bigEndianUInt32(at: 8))
        let columns = Int(data.bigEndianUInt32(at: 12))
        let expected = 16 + n * rows * columns
        try checkLength(data, path: path, expected: expected)
        let base = data.startIndex + 16
        let values = (0..<(n * rows * columns)).map { Double(data[base + $0]) / 255 }
        return Tensor(shape: [n, 1, rows, columns], scalars: values)
    }

    public static func loadLabels(path: String) throws -> [Int] {
        let data = try readData(atPath: path)
        try checkHeader(data, path: path, magic: labelsMagic, headerBytes: 8)
        let n = Int(data.bigEndianUInt32(at: 4))
        try checkLength(data, path: path, expected: 8 + n)
        let base = data.startIndex + 8
        return try (0..<n).map { i in
            let label = Int(data[base + i])
            guard label < 10 else { throw DataError.invalidLabel(path: path, record: i, label: label, classCount: 10) }
            return label
        }
    }

    /// Loads a pair of files and checks they hold the same number of examples.
    public static func load(imagesPath: String, labelsPath: String) throws -> LabeledImages {
        let images = try loadImages(path: imagesPath)
        let labels = try loadLabels(path: labelsPath)
        guard images.shape[0] == labels.count else {
            throw DataError.countMismatch(imagesPath: imagesPath, images: images.shape[0], labelsPath: labelsPath, labels: labels.count)
        }
        return LabeledImages(images: images, labels: labels)
    }

    static func checkHeader(_ data: Data, path: String, magic: UInt32, headerBytes: Int) throws {
        if data.count >= 4 {
            let found = data.bigEndianUInt32(at: 0)
            guard found == magic else { throw DataError.wrongMagicNumber(path: path, expected: magic, found: found) }
        }
        guard data.count >= headerBytes else {
            throw DataError.truncated(path: path, expectedBytes: headerBytes, actualBytes: data.count)
        }
    }

    static func checkLength(_ data: Data, path: String, expected: Int) throws {
        if data.count < expected { throw DataError.truncated(path: path, expectedBytes: expected, actualBytes: data.count) }
        if data.count > expected { throw DataError.trailingBytes(path: path, expectedBytes: expected, actualBytes: data.count) }
    }
}
