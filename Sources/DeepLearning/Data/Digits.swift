import Foundation
import TensorCore

/// The handwritten digits data set shipped with the course: 1,797 images of 8×8 pixels with
/// values 0–16, ten classes.
///
/// Source and licence: the test set of "Optical Recognition of Handwritten Digits",
/// E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository,
/// https://doi.org/10.24432/C50P49, licensed CC BY 4.0. The same data as scikit-learn's
/// `load_digits`.
///
/// File format (`Sources/DeepLearning/Resources/digits.csv`): one image per line, 64
/// comma-separated pixel values in row-major order, then the label 0–9; no header.
public enum Digits {
    public static let fileName = "digits.csv"
    public static let imageSize = 8
    public static let classCount = 10

    /// Where `load()` looks: `$COURSE_DATA_DIR/digits.csv` if the environment variable is set,
    /// otherwise `Resources/digits.csv` next to this source file's folder (found via `#filePath`,
    /// so it works from any working directory of a checkout).
    public static func defaultPath(filePath: String = #filePath) -> String {
        if let directory = ProcessInfo.processInfo.environment["COURSE_DATA_DIR"], !directory.isEmpty {
            return URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        }
        return URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()          // Data/
            .deletingLastPathComponent()          // DeepLearning/
            .appendingPathComponent("Resources")
            .appendingPathComponent(fileName).path
    }

    /// Loads the digits: images `[N, 1, 8, 8]` scaled to 0…1 (pixel / 16) and labels 0–9.
    public static func load(path: String? = nil) throws -> LabeledImages {
        let path = path ?? defaultPath()
        let data = try readData(atPath: path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError.unreadable(path: path, reason: "it is not UTF-8 text")
        }
        let pixels = imageSize * imageSize
        var values: [Double] = []
        var labels: [Int] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == pixels + 1 else {
                throw DataError.malformedRow(path: path, line: lineNumber,
                                             reason: "it has \(fields.count) fields, expected \(pixels) pixels and a label")
            }
            for (j, field) in fields.prefix(pixels).enumerated() {
                guard let v = Double(field), v >= 0, v <= 16 else {
                    throw DataError.malformedRow(path: path, line: lineNumber,
                                                 reason: "pixel \(j) is \"\(field)\", not a number from 0 to 16")
                }
                values.append(v / 16)
            }
            guard let label = Int(fields[pixels]), label >= 0, label < classCount else {
                throw DataError.malformedRow(path: path, line: lineNumber,
                                             reason: "the label \"\(fields[pixels])\" is not a digit 0–9")
            }
            labels.append(label)
        }
        guard !labels.isEmpty else {
            throw DataError.malformedRow(path: path, line: 1, reason: "the file holds no images")
        }
        let images = Tensor(shape: [labels.count, 1, imageSize, imageSize], scalars: values)
        return LabeledImages(images: images, labels: labels)
    }
}
