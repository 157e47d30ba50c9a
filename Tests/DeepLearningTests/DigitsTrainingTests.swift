import XCTest
import TensorCore
@testable import DeepLearning

/// A short, seeded digits training run (`.ci/run` runs it with `swift test`, in a debug build):
/// three epochs on 400 images must already be clearly above chance (10 %). The full 30-epoch run
/// that reaches ≥ 98 % is `swift run -c release course train-digits`.
final class DigitsTrainingTests: XCTestCase {
    func testThreeEpochsOnASubsetLearnTheDigits() throws {
        let data = try Digits.load()
        let options = DigitsNet.TrainingOptions(epochs: 3, batchSize: 16, learningRate: 0.01, seed: 0, trainingLimit: 400)
        let run = DigitsNet.train(data, options: options)
        XCTAssertEqual(run.trainCount, 400)
        XCTAssertEqual(run.testLabels.count, 359, "the stratified 20 % test split of 1,797 images")
        XCTAssertEqual(run.history.epochs, 3)
        XCTAssertLessThan(run.history.trainLoss[1], run.history.trainLoss[0])
        XCTAssertGreaterThanOrEqual(run.testAccuracy, 0.80,
                                    "test accuracy \(run.testAccuracy) after 3 epochs on 400 images\n\(Metrics.renderConfusionMatrix(run.confusionMatrix))")
    }

    /// The demo validates on images held out of the training part, never on the test set: the
    /// three parts are disjoint, stratified, and cover the data; the history's validation curves
    /// have one point per epoch and come from the validation images.
    func testValidationComesFromTheTrainingImagesNotTheTestSet() throws {
        let data = try Digits.load()
        let options = DigitsNet.TrainingOptions()
        let (train, validation, test) = DigitsNet.splits(data, options: options)
        XCTAssertEqual(test.count, 359, "the stratified 20 % test split of 1,797 images")
        XCTAssertEqual(train.count + validation.count + test.count, data.count)
        XCTAssertEqual(validation.count, 145, "10 % of the 1,438 training images, rounded per class")
        // Disjoint: compare the images themselves (each row of 64 pixels).
        func rows(_ part: LabeledImages) -> Set<[Double]> {
            let n = part.count, size = part.images.count / max(n, 1), s = part.images.scalars
            return Set((0..<n).map { Array(s[($0 * size)..<(($0 + 1) * size)]) })
        }
        let (trainRows, validationRows, testRows) = (rows(train), rows(validation), rows(test))
        XCTAssertTrue(validationRows.isDisjoint(with: testRows), "no validation image is a test image")
        XCTAssertTrue(trainRows.isDisjoint(with: testRows), "no training image is a test image")
        XCTAssertTrue(trainRows.isDisjoint(with: validationRows), "no training image is a validation image")
        for digit in 0..<Digits.classCount {
            let share = Double(validation.labels.filter { $0 == digit }.count) / Double(validation.count)
            XCTAssertEqual(share, 0.1, accuracy: 0.03, "digit \(digit) is stratified in the validation set")
        }
        XCTAssertEqual(DigitsNet.split(data, options: options).train.count, train.count)
        // A short run: one validation point per epoch, from the validation images.
        let quick = DigitsNet.TrainingOptions(epochs: 2, batchSize: 16, learningRate: 0.01, trainingLimit: 200)
        let run = DigitsNet.train(data, options: quick)
        XCTAssertEqual(run.trainCount, 200)
        XCTAssertEqual(run.validationCount, 145)
        XCTAssertEqual(run.history.validationAccuracy.count, 2)
        let correct = run.history.validationAccuracy[1] * Double(run.validationCount)
        XCTAssertEqual(correct, correct.rounded(), accuracy: 1e-9, "an accuracy over the 145 validation images")
        let off = DigitsNet.splits(data, options: DigitsNet.TrainingOptions(validationFraction: 0))
        XCTAssertEqual(off.validation.count, 0)
        XCTAssertEqual(off.train.count, 1438)
    }
}
