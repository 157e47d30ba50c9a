import XCTest
import Foundation
import TensorCore
@testable import DeepLearning

/// L8's demo split, the top-k section and the end-of-note questions.
final class L8SectionsTests: XCTestCase {
    let note = lecture("L8")

    func testDemoSplit() throws {
        let data = try Digits.load()
        let options = DigitsNet.TrainingOptions()
        let (train, validation, test) = DigitsNet.splits(data, options: options)
        let rest = train.count + validation.count
        assertQuoted("sets \(test.count) images aside as the test set; \(Int((options.validationFraction * 100).rounded())) % of\nthe remaining \(grouped(rest)) (\(validation.count) images, again stratified) become the validation set, and the network\ntrains on the other \(grouped(train.count)) for \(options.epochs) epochs", in: note)
        XCTAssertTrue(note.contains("](figures/lenet-digits-curves.svg)"))
        // The committed curves say how long their run was; the note quotes it.
        let figure = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lectures/figures/lenet-digits-curves.svg")
        let svg = (try? String(contentsOf: figure, encoding: .utf8)) ?? ""
        let epochs = svg.components(separatedBy: "-epoch run").first?.components(separatedBy: " ").last ?? "?"
        XCTAssertTrue(svg.contains("validation = \(Int((options.validationFraction * 100).rounded())) % of the training images"))
        assertQuoted("The\ncurves below come from such a run (\(epochs) epochs).", in: note)
    }

    func testTopK() {
        let scores = Tensor(shape: [1, 5], scalars: [0.1, 0.5, 0.05, 0.3, 0.05])
        let top1 = Metrics.topK(scores, k: 1)[0], top2 = Metrics.topK(scores, k: 2)[0]
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: [3], k: 1), 0)
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: [3], k: 2), 1)
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: [3], k: 5), 1)
        assertQuoted("$[0.1, 0.5, 0.05, 0.3, 0.05]$ over five classes and true class 3, the top-1 prediction (class \(top1[0])) is\nwrong, but the top-2 list $\(bracketed(top2.map(Double.init)))$ contains the answer", in: note)
    }

    func testQuestions() {
        // 1. 2,000 images: 20 % test, then 10 % of the rest for validation.
        let images = Tensor(shape: [2000, 1, 1, 1], scalars: .init(repeating: 0, count: 2000))
        let data = LabeledImages(images: images, labels: (0..<2000).map { $0 % 10 })
        let (train, validation, test) = DigitsNet.splits(data, options: DigitsNet.TrainingOptions())
        XCTAssertEqual(test.count, 400); XCTAssertEqual(validation.count, 160)
        assertQuoted("1. $2{,}000 - \(test.count) = \(groupedTeX(2000 - test.count))$, then $\(groupedTeX(2000 - test.count)) - \(validation.count) = \(groupedTeX(train.count))$ training images.", in: note)
        // 2. Top-1 and top-2 of [0.2, 0.1, 0.4, 0.3].
        let scores = Tensor(shape: [1, 4], scalars: [0.2, 0.1, 0.4, 0.3])
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: [3], k: 1), 0)
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: [3], k: 2), 1)
        assertQuoted("Top-1 predicts class \(Metrics.topK(scores, k: 1)[0][0]): wrong. Top-2 is $\(bracketed(Metrics.topK(scores, k: 2)[0].map(Double.init)))$: right.", in: note)
        // 3. Multiply–adds and weights of [64, 512] × [512, 256].
        let layer = Dense(weight: Tensor(shape: [512, 256], scalars: .init(repeating: 0, count: 512 * 256)), bias: Tensor(shape: [256], scalars: .init(repeating: 0, count: 256)))
        XCTAssertEqual(layer.weight.count, 512 * 256)
        assertQuoted("3. $64\\cdot512\\cdot256 = \(groupedTeX(64 * 512 * 256))$ multiply–adds; the $512\\cdot256 = \(groupedTeX(layer.weight.count))$ weights", in: note)
        // 4. Evaluation mode: dropout is the identity, batch norm leaves its running statistics alone.
        var eval = ForwardContext(training: false)
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(Dropout(p: 0.5).forward(x, context: &eval).output.scalars, x.scalars)
        var bn = BatchNorm(featureCount: 3)
        _ = bn.forward(x, context: &eval)
        XCTAssertEqual(bn.runningMean.scalars, [0, 0, 0]); XCTAssertEqual(bn.runningVariance.scalars, [1, 1, 1])
        assertQuoted("Dropout would keep dropping (and rescaling) units, and batch norm would normalize with", in: note)
    }
}
