import XCTest
import TensorCore
@testable import DeepLearning

/// A short, seeded digits training run (`.ci/run` runs it with `swift test`, in a debug build):
/// two epochs on a subset must already be clearly above chance (10 %). The full 30-epoch run
/// that reaches ≥ 98 % is `swift run -c release course train-digits`.
final class DigitsTrainingTests: XCTestCase {
    func testTwoEpochsOnASubsetLearnTheDigits() throws {
        let data = try Digits.load()
        let options = DigitsNet.TrainingOptions(epochs: 2, batchSize: 32, learningRate: 0.005, seed: 0, trainingLimit: 500)
        let run = DigitsNet.train(data, options: options)
        XCTAssertEqual(run.trainCount, 500)
        XCTAssertEqual(run.testLabels.count, 359, "the stratified 20 % test split of 1,797 images")
        XCTAssertEqual(run.history.epochs, 2)
        XCTAssertLessThan(run.history.trainLoss[1], run.history.trainLoss[0])
        XCTAssertGreaterThanOrEqual(run.testAccuracy, 0.80,
                                    "test accuracy \(run.testAccuracy) after 2 epochs on 500 images\n\(Metrics.renderConfusionMatrix(run.confusionMatrix))")
    }
}
