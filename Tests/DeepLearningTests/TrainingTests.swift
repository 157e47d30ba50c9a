import XCTest
import TensorCore
@testable import DeepLearning

final class TrainingTests: XCTestCase {
    func testMinibatchesAreDeterministicAndKeepTheRemainder() {
        var a = MinibatchSampler(count: 10, batchSize: 4, seed: 7)
        var b = MinibatchSampler(count: 10, batchSize: 4, seed: 7)
        let first = a.nextEpoch(), second = a.nextEpoch()
        XCTAssertEqual(first, b.nextEpoch(), "same seed, same batches")
        XCTAssertEqual(second, b.nextEpoch())
        XCTAssertNotEqual(first, second, "reshuffled every epoch")
        XCTAssertEqual(first.map(\.count), [4, 4, 2], "last partial batch kept")
        XCTAssertEqual(first.flatMap { $0 }.sorted(), Array(0..<10), "every example once")
        var ordered = MinibatchSampler(count: 5, batchSize: 2, shuffle: false)
        XCTAssertEqual(ordered.nextEpoch(), [[0, 1], [2, 3], [4]])
    }

    func testGatherBatchTakesFirstAxisSlices() {
        let x = Tensor(shape: [3, 2, 2], scalars: (0..<12).map(Double.init))
        let batch = gatherBatch(x, indices: [2, 0])
        XCTAssertEqual(batch.shape, [2, 2, 2])
        XCTAssertEqual(batch.scalars, [8, 9, 10, 11, 0, 1, 2, 3])
    }

    func testAccuracyTopKAndConfusionMatrix() {
        let scores = Tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.4, 0.4, 0.2]])
        let labels = [1, 1, 2, 1]
        XCTAssertEqual(Metrics.predictions(scores), [1, 0, 2, 0], "ties go to the lowest index")
        XCTAssertEqual(Metrics.accuracy(scores: scores, labels: labels), 0.5)
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: labels, k: 2), 1.0)
        XCTAssertEqual(Metrics.topKAccuracy(scores: scores, labels: labels, k: 1), 0.5)
        let matrix = Metrics.confusionMatrix(predictions: [1, 0, 2, 0], labels: labels, classCount: 3)
        XCTAssertEqual(matrix, [[0, 0, 0], [2, 1, 0], [0, 0, 1]], "rows = true class, columns = prediction")
        XCTAssertTrue(Metrics.renderConfusionMatrix(matrix).contains("true\\pred"))
    }

    func testEarlyStoppingRestoresTheBestWeights() {
        var stopper = EarlyStopping(patience: 2)
        let losses = [1.0, 0.6, 0.7, 0.65, 0.8]
        var parameters = [Tensor([0])]
        var stoppedAt: Int?
        for (epoch, loss) in losses.enumerated() {
            parameters = [Tensor([Double(epoch)])]           // "training" changes the weights
            if stopper.update(value: loss, parameters: parameters) { stoppedAt = epoch; break }
        }
        XCTAssertEqual(stoppedAt, 3, "two evaluations in a row without improvement")
        XCTAssertEqual(stopper.bestEpoch, 1)
        stopper.restoreBest(into: &parameters)
        XCTAssertEqual(parameters, [Tensor([1])], "weights of the best epoch")
    }

    func testEarlyStoppingMaximizeWithMinDelta() {
        var stopper = EarlyStopping(patience: 1, minDelta: 0.01, mode: .maximize)
        XCTAssertFalse(stopper.update(value: 0.9, parameters: []))
        XCTAssertTrue(stopper.update(value: 0.905, parameters: []), "0.005 is below minDelta")
        XCTAssertEqual(stopper.bestValue, 0.9)
    }

    func testProgressBarPlainLinesWhenNotATerminal() {
        var output = ""
        var clock = 0.0
        var bar = ProgressBar(totalEpochs: 2, batchesPerEpoch: 4, interactive: false,
                              write: { output += $0 }, now: { clock })
        for batch in 1...4 {
            bar.update(epoch: 1, batch: batch, loss: 0.5, accuracy: 0.75)
            clock += 0.5
        }
        bar.finishEpoch(epoch: 1, loss: 0.43125, accuracy: 0.875, extra: "val_loss 0.5000")
        XCTAssertEqual(output, "epoch 1/2  batch 4/4  loss 0.4313  accuracy 0.8750  elapsed 2.0s  ETA 2.0s  val_loss 0.5000\n")
        XCTAssertFalse(output.contains("\r"), "no carriage returns outside a terminal")
    }

    func testProgressBarRedrawsOneLineOnATerminal() {
        var output = ""
        var bar = ProgressBar(totalEpochs: 1, batchesPerEpoch: 2, interactive: true, write: { output += $0 }, now: { 0 })
        bar.update(epoch: 1, batch: 1, loss: 1, accuracy: nil)
        bar.finishEpoch(epoch: 1, loss: 1, accuracy: nil)
        XCTAssertEqual(output.filter { $0 == "\r" }.count, 2)
        XCTAssertEqual(output.filter { $0 == "\n" }.count, 1)
        XCTAssertTrue(output.contains("[============            ]"))
        XCTAssertEqual(ProgressBar.formatDuration(125), "2m05s")
    }

    func testEnsembleAveragingAndVoting() {
        let a = Tensor([[0.6, 0.4], [0.2, 0.8]]), b = Tensor([[0.2, 0.8], [0.4, 0.6]])
        let average = Ensemble.averageProbabilities([a, b])
        XCTAssertLessThan(maxAbsoluteDifference(average, Tensor([[0.4, 0.6], [0.3, 0.7]])), 1e-15)
        XCTAssertEqual(Ensemble.majorityVote([[0, 1, 2], [0, 2, 1], [1, 2, 0]]), [0, 2, 0],
                       "third example is a three-way tie: lowest class wins")
        XCTAssertEqual(Ensemble.majorityVote([[3, 1], [1, 3]]), [1, 1])
    }

    func testGridSearchOrderAndRandomSearchIsSeededLogUniform() {
        let grid = HyperparameterSearch.grid(["lr": [0.1, 0.01], "batch": [16, 32]])
        XCTAssertEqual(grid.count, 4)
        XCTAssertEqual(grid[0], ["batch": 16, "lr": 0.1])
        XCTAssertEqual(grid[1], ["batch": 16, "lr": 0.01], "last name varies fastest")
        let space: [String: HyperparameterSearch.Range] = ["lr": .logUniform(1e-5, 1e-1), "dropout": .uniform(0, 0.5)]
        let r1 = HyperparameterSearch.random(space, trials: 200, seed: 3)
        XCTAssertEqual(r1, HyperparameterSearch.random(space, trials: 200, seed: 3))
        let logs = r1.map { log10($0["lr"]!) }
        XCTAssertTrue(logs.allSatisfy { $0 >= -5 && $0 <= -1 })
        let belowMilli = logs.filter { $0 < -3 }.count
        XCTAssertEqual(Double(belowMilli) / 200, 0.5, accuracy: 0.12, "half the decades below 1e−3")
    }

    func testCoarseToFineNarrowsOnTheOptimum() {
        let space: [String: HyperparameterSearch.Range] = ["x": .uniform(-10, 10), "lr": .logUniform(1e-6, 1)]
        let trials = HyperparameterSearch.coarseToFine(space, rounds: 4, trialsPerRound: 20, seed: 11) { c in
            pow(c["x"]! - 3, 2) + pow(log10(c["lr"]!) + 3, 2)
        }
        XCTAssertEqual(trials.count, 80)
        XCTAssertEqual(trials[0].configuration["x"]!, 3, accuracy: 0.5)
        XCTAssertEqual(log10(trials[0].configuration["lr"]!), -3, accuracy: 0.5)
        let random = HyperparameterSearch.evaluate(HyperparameterSearch.random(space, trials: 80, seed: 11)) { c in
            pow(c["x"]! - 3, 2) + pow(log10(c["lr"]!) + 3, 2)
        }
        XCTAssertLessThanOrEqual(trials[0].score, random[0].score, "refining beats one random round of the same size")
    }
}
