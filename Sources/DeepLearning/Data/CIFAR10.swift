import Foundation
import TensorCore

/// A reader for CIFAR-10's binary batches (Krizhevsky 2009,
/// https://www.cs.toronto.edu/~kriz/cifar.html), e.g. `data_batch_1.bin`, `test_batch.bin`.
///
/// Format: a sequence of 3,073-byte records, no header: 1 label byte (0–9), then 3,072 pixel
/// bytes — the 1,024 red values of the 32×32 image row by row, then green, then blue. That is
/// already channel-major, so images come back as `[N, 3, 32, 32]` (NCHW) scaled to 0…1.
/// A file whose size is not a multiple of 3,073 is reported as truncated.
public enum CIFAR10 {
    public static let imageSize = 32
    public static let recordBytes = 1 + 3 * 32 * 32
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer",
                                    "dog", "frog", "horse", "ship", "truck"]

    public static func loadBatch(path: String) throws -> LabeledImages {
        let data = try readData(atPath: path)
        guard data.count > 0 else { throw DataError.truncated(path: path, expectedBytes: recordBytes, actualBytes: 0) }
        let n = data.count / recordBytes
        guard data.count % recordBytes == 0 else {
            throw DataError.truncated(path: path, expectedBytes: (n + 1) * recordBytes, actualBytes: data.count)
        }
        let pixels = recordBytes - 1
        var values = [Double](repeating: 0, count: n * pixels)
        var labels = [Int](repeating: 0, count: n)
        let base = data.startIndex
        for i in 0..<n {
            let start = base + i * recordBytes
            let label = Int(data[start])
            guard label < classNames.count else {
                throw DataError.invalidLabel(path: path, record: i, label: label, classCount: classNames.count)
            }
            labels[i] = label
            for j in 0..<pixels { values[i * pixels + j] = Double(data[start + 1 + j]) / 255 }
        }
        return LabeledImages(images: Tensor(shape: [n, 3, imageSize, imageSize], scalars: values), labels: labels)
    }

    /// Loads several batches and concatenates them.
    public static func loadBatches(paths: [String]) throws -> LabeledImages {
        precondition(!paths.isEmpty, "CIFAR10.loadBatches: no files given")
        let parts = try paths.map(loadBatch)
        let images = Tensor.concatenate(parts.map(\.images), axis: 0)
        return LabeledImages(images: images, labels: parts.flatMap(\.labels))
    }
}
