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
}
