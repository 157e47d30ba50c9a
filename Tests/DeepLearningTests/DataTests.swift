import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

final class DataTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dl-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }

    func testDigitsLoadAndStratifiedSplit() throws {
        let digits = try Digits.load()
        XCTAssertEqual(digits.images.shape, [1_797, 1, 8, 8])
        XCTAssertEqual(digits.labels.count, 1_797)
        XCTAssertEqual(digits.labels[0], 0)
        XCTAssertEqual(digits.images[0, 0, 0, 2], 5.0 / 16, accuracy: 1e-15)
        XCTAssertTrue(digits.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        let (train, test) = digits.split(testFraction: 0.2, seed: 1)
        XCTAssertEqual(train.count + test.count, 1_797)
        XCTAssertEqual(Double(test.count) / 1_797, 0.2, accuracy: 0.01)
        for label in 0..<10 {
            let share = Double(test.labels.filter { $0 == label }.count) / Double(digits.labels.filter { $0 == label }.count)
            XCTAssertEqual(share, 0.2, accuracy: 0.02, "class \(label) keeps its proportion")
        }
        let again = digits.split(testFraction: 0.2, seed: 1)
        XCTAssertEqual(again.test.labels, test.labels)
        XCTAssertEqual(digits.split(testFraction: 0.2, stratified: false, seed: 1).test.count, 359)
    }

    func testDigitsMalformedRowIsASentence() throws {
        let path = directory.appendingPathComponent("digits.csv").path
        try "1,2,3\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Digits.load(path: path)) { error in
            XCTAssertEqual(error.localizedDescription, "Line 1 of \(path) is malformed: it has 3 fields, expected 64 pixels and a label.")
        }
    }

    func testDigitsHonoursCourseDataDir() {
        setenv("COURSE_DATA_DIR", "/tmp/somewhere", 1)
        defer { unsetenv("COURSE_DATA_DIR") }
        XCTAssertEqual(Digits.defaultPath(), "/tmp/somewhere/digits.csv")
    }

    func testMNISTReadsImagesAndLabels() throws {
        let images = try write(bigEndian(0x803) + bigEndian(2) + bigEndian(2) + bigEndian(3) + [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 0], "images")
        let labels = try write(bigEndian(0x801) + bigEndian(2) + [7, 3], "labels")
        let set = try MNIST.load(imagesPath: images, labelsPath: labels)
        XCTAssertEqual(set.images.shape, [2, 1, 2, 3])
        XCTAssertEqual(set.images[0, 0, 0, 1], 0.2, accuracy: 1e-15)
        XCTAssertEqual(set.images[1, 0, 0, 0], 1)
        XCTAssertEqual(set.labels, [7, 3])
    }

    func testMNISTWrongMagicNumber() throws {
        let labels = try write(bigEndian(0x803) + bigEndian(1) + [7], "labels")
        XCTAssertThrowsError(try MNIST.loadLabels(path: labels)) { error in
            XCTAssertEqual(error as? DataError, .wrongMagicNumber(path: labels, expected: 0x801, found: 0x803))
            XCTAssertTrue(error.localizedDescription.contains("starts with the magic number 0x00000803"), error.localizedDescription)
        }
    }

    func testMNISTTruncatedAndMismatched() throws {
        let images = try write(bigEndian(0x803) + bigEndian(2) + bigEndian(2) + bigEndian(2) + [1, 2, 3, 4, 5], "images")
        XCTAssertThrowsError(try MNIST.loadImages(path: images)) { error in
            XCTAssertEqual(error as? DataError, .truncated(path: images, expectedBytes: 24, actualBytes: 21))
            XCTAssertTrue(error.localizedDescription.contains("is truncated"))
        }
        let header = try write([0, 0, 8], "short")
        XCTAssertThrowsError(try MNIST.loadImages(path: header))
        let good = try write(bigEndian(0x803) + bigEndian(1) + bigEndian(1) + bigEndian(1) + [9], "one")
        let two = try write(bigEndian(0x801) + bigEndian(2) + [1, 2], "two")
        XCTAssertThrowsError(try MNIST.load(imagesPath: good, labelsPath: two)) { error in
            XCTAssertTrue("\(error)".contains("holds 1 images but the label file"), "\(error)")
        }
        XCTAssertThrowsError(try MNIST.loadImages(path: directory.appendingPathComponent("missing").path)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"))
        }
    }

    func testCIFAR10Batch() throws {
        var bytes: [UInt8] = []
        for record in 0..<2 {
            bytes.append(UInt8(record == 0 ? 6 : 9))
            bytes += (0..<3072).map { UInt8(($0 / 1024) * 100 + record) }    // R = 0, G = 100, B = 200
        }
        let path = try write(bytes, "data_batch_1.bin")
        let batch = try CIFAR10.loadBatch(path: path)
        XCTAssertEqual(batch.images.shape, [2, 3, 32, 32])
        XCTAssertEqual(batch.labels, [6, 9])
        XCTAssertEqual(batch.images[0, 1, 5, 5], 100.0 / 255, accuracy: 1e-15, "green plane")
        XCTAssertEqual(batch.images[1, 2, 31, 31], 201.0 / 255, accuracy: 1e-15, "blue plane of record 1")
        XCTAssertEqual(CIFAR10.classNames[6], "frog")
        let both = try CIFAR10.loadBatches(paths: [path, path])
        XCTAssertEqual(both.count, 4)
    }

    func testCIFAR10TruncatedAndBadLabel() throws {
        let truncated = try write([3] + [UInt8](repeating: 0, count: 3000), "short.bin")
        XCTAssertThrowsError(try CIFAR10.loadBatch(path: truncated)) { error in
            XCTAssertEqual(error as? DataError, .truncated(path: truncated, expectedBytes: 3073, actualBytes: 3001))
        }
        let badLabel = try write([12] + [UInt8](repeating: 0, count: 3072), "label.bin")
        XCTAssertThrowsError(try CIFAR10.loadBatch(path: badLabel)) { error in
            XCTAssertEqual("\(error)", "Record 0 of \(badLabel) has the label 12, outside the 10 classes 0…9.")
        }
    }

    func testSyntheticSetsAreSeededAndShaped() {
        let (points, labels) = Synthetic.spiral(classes: 3, pointsPerClass: 50, seed: 1)
        XCTAssertEqual(points.shape, [150, 2])
        XCTAssertEqual(labels.filter { $0 == 2 }.count, 50)
        XCTAssertEqual(points, Synthetic.spiral(classes: 3, pointsPerClass: 50, seed: 1).points)
        XCTAssertEqual(points[0, 0], 0, "radius 0 at the start of each arm")
        let xor = Synthetic.xor(count: 100, seed: 2)
        for i in 0..<100 { XCTAssertEqual(xor.labels[i], xor.points[i, 0] * xor.points[i, 1] < 0 ? 1 : 0) }
        let blobs = Synthetic.blobs(centers: [(0, 0), (5, 5)], pointsPerCenter: 400, standardDeviation: 0.5, seed: 3)
        let second = blobs.points.rows(400..<800).mean(axis: 0)
        XCTAssertEqual(second[0], 5, accuracy: 0.1)
    }

    func testStandardizerFitsOnTrainAndAppliesToTest() {
        let train = Tensor([[1, 10, 7], [3, 30, 7]])
        let s = Standardizer(fitting: train)
        XCTAssertEqual(s.mean, [2, 20, 7])
        XCTAssertEqual(s.standardDeviation, [1, 10, 1], "constant feature gets σ = 1")
        XCTAssertEqual(s.transform(Tensor([[2, 40, 8]])), Tensor([[0, 2, 1]]))
        XCTAssertEqual(s.inverseTransform(s.transform(train)), train)
    }
}
