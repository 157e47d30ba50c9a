import XCTest
import Foundation
import TensorCore
import CheckSupport
import Ex12

/// The digits as [N, 1, 8, 8] (pixels / 16) and labels, from $COURSE_DATA_DIR/digits.csv or the
/// copy in the course (Sources/DeepLearning/Resources/digits.csv, found from this file's path).
func loadDigitsForChecks(file: StaticString = #filePath, line: UInt = #line) -> (images: Tensor, labels: [Int])? {
    var candidates: [String] = []
    if let directory = ProcessInfo.processInfo.environment["COURSE_DATA_DIR"], !directory.isEmpty {
        candidates.append(URL(fileURLWithPath: directory).appendingPathComponent("digits.csv").path)
    }
    var root = URL(fileURLWithPath: #filePath)   // Tests/Checks/ex12/Public/DigitsTrainingChecks.swift
    for _ in 0..<5 { root.deleteLastPathComponent() }
    candidates.append(root.appendingPathComponent("Sources/DeepLearning/Resources/digits.csv").path)
    candidates.append(root.appendingPathComponent("Resources/digits.csv").path)
    guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
          let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        XCTFail("digits.csv not found (looked in \(candidates)); set COURSE_DATA_DIR to the folder that holds it", file: file, line: line)
        return nil
    }
    var pixels: [Double] = [], labels: [Int] = []
    for row in text.split(separator: "\n") where !row.isEmpty {
        let fields = row.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard fields.count == 65 else { XCTFail("digits.csv: a row with \(fields.count) fields, expected 65", file: file, line: line); return nil }
        pixels += fields.prefix(64).map { $0 / 16 }
        labels.append(Int(fields[64]))
    }
    return (Tensor(shape: [labels.count, 1, 8, 8], scalars: pixels), labels)
}

/// Shuffles the digits with `splitSeed`, trains the student's classifier on 80% with `trainSeed`
/// and returns its accuracy on the other 20%, counted by the check against the data set's labels.
func digitsTestAccuracy(splitSeed: UInt64, trainSeed: UInt64, file: StaticString = #filePath, line: UInt = #line) -> Double? {
    guard let (images, labels) = loadDigitsForChecks(file: file, line: line) else { return nil }
    guard expectEqual(labels.count, 1797, "rows in digits.csv", file: file, line: line) else { return nil }
    var order = Array(0..<labels.count)
    var split = SeededGenerator(seed: splitSeed)
    split.shuffle(&order)
    let trainCount = labels.count * 8 / 10
    let train = Array(order[..<trainCount]), test = Array(order[trainCount...])
    let predictions = student {
        Ex12.trainDigitsClassifier(images: images.rows(train), labels: train.map { labels[$0] }, seed: trainSeed).predict(images.rows(test))
    }
    guard expectEqual(predictions.count, test.count, "number of predictions for the test images", file: file, line: line) else { return nil }
    let correct = zip(predictions, test).filter { $0 == labels[$1] }.count
    return Double(correct) / Double(test.count)
}

/// ex12.4: minibatches and training the digits CNN.
final class DigitsTrainingChecks: XCTestCase {
    /// 10 indices in batches of 4: sizes 4, 4, 2, every index once, seeded and shuffled.
    func testMinibatches() {
        let (batches, again, epoch, next) = student {
            var g = SeededGenerator(seed: 5)
            var again = SeededGenerator(seed: 5)
            var large = SeededGenerator(seed: 6)
            return (Ex12.minibatches(count: 10, batchSize: 4, generator: &g),
                    Ex12.minibatches(count: 10, batchSize: 4, generator: &again),
                    Ex12.minibatches(count: 200, batchSize: 50, generator: &large).flatMap { $0 },
                    Ex12.minibatches(count: 200, batchSize: 50, generator: &large).flatMap { $0 })
        }
        guard expectEqual(batches.map(\.count), [4, 4, 2], "batch sizes for 10 indices in batches of 4") else { return }
        guard expectEqual(batches.flatMap { $0 }.sorted(), Array(0..<10), "the indices of one epoch (each of 0..<10 exactly once)") else { return }
        guard expectEqual(again, batches, "minibatches from the same seed") else { return }
        guard expectEqual(epoch.sorted(), Array(0..<200), "the indices of one epoch of 200 (each exactly once)") else { return }
        guard expectTrue(epoch != Array(0..<200), "minibatches of 200 came out in order 0, 1, 2, …: shuffle the indices with the generator") else { return }
        guard expectTrue(next != epoch, "two epochs from one generator gave the same order: draw a new shuffle every call") else { return }
        // The edges: batches of one, and no indices at all (both valid arguments).
        let (singles, none) = student { () -> ([[Int]], [[Int]]) in
            var g = SeededGenerator(seed: 7)
            return (Ex12.minibatches(count: 3, batchSize: 1, generator: &g), Ex12.minibatches(count: 0, batchSize: 4, generator: &g))
        }
        guard expectEqual(singles.map(\.count), [1, 1, 1], "batch sizes for 3 indices in batches of 1"),
              expectEqual(singles.flatMap { $0 }.sorted(), [0, 1, 2], "the indices of one epoch of 3 in batches of 1 (each exactly once)") else { return }
        expectEqual(none, [], "minibatches(count: 0, batchSize: 4): no indices, so no batches")
    }

    /// Train on 1,437 digits, test on 360: at least 95% correct.
    func testReachesNinetyFivePercent() {
        guard let accuracy = digitsTestAccuracy(splitSeed: 2026, trainSeed: 1) else { return }
        expectTrue(accuracy >= 0.95, "test accuracy on 360 held-out digits: expected at least 0.95, observed \(format(accuracy))")
    }
}
